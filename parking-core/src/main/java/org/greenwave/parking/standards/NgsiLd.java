package org.greenwave.parking.standards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.greenwave.parking.signs.CarParkInfo;
import org.greenwave.parking.signs.SignEngine;
import org.greenwave.parking.signs.Status;
import org.greenwave.parking.state.CarParkState;

/**
 * FIWARE smart data model {@code OffStreetParking} entities (dataModel.Parking), in NGSI-LD key-values form (what
 * the model's JSON Schema describes) and normalized form (every attribute a Property / GeoProperty). Dynamic
 * values are left out when a car park's data is stale, rather than published as if current.
 */
public final class NgsiLd {

    public static final String TYPE = "OffStreetParking";
    public static final String DATA_MODEL_CONTEXT =
            "https://raw.githubusercontent.com/smart-data-models/dataModel.Parking/master/context.jsonld";
    public static final String CORE_CONTEXT = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NgsiLd() {
    }

    public static String entityId(String carParkId) {
        return "urn:ngsi-ld:" + TYPE + ":" + carParkId;
    }

    /** Key-values representation ({@code options=keyValues}); validates against the model's schema.json. */
    public static ObjectNode keyValues(SignEngine.Snapshot s, boolean withContext) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("id", entityId(s.carParkId()));
        e.put("type", TYPE);
        CarParkInfo info = s.info();
        CarParkState state = s.state();
        if (info != null && info.name() != null) {
            e.put("name", info.name());
        }
        if (info != null) {
            ObjectNode loc = e.putObject("location");
            loc.put("type", "Point");
            loc.putArray("coordinates").add(info.longitude()).add(info.latitude());
        }
        e.putArray("category").add("public").add("feeCharged").add("parkingGarage");
        e.putArray("allowedVehicleType").add("car");
        e.putArray("occupancyDetectionType").add("balancing");
        int total = state != null ? state.capacity() : info != null ? info.capacity() : 0;
        if (total > 0) {
            e.put("totalSpotNumber", total);
        }
        boolean current = state != null && s.status() != Status.NO_DATA;
        if (current) {
            int occupied = Math.min(state.occupied(), state.capacity());
            e.put("availableSpotNumber", state.free());
            e.put("occupiedSpotNumber", occupied);
            e.put("occupancy", Math.round(state.rate() * 10_000) / 10_000.0);
            e.put("occupancyModified", state.lastReading().toString());
            e.put("observationDateTime", state.lastReading().toString());
            e.put("dateModified", state.lastReading().toString());
        }
        ArrayNode status = e.putArray("status");
        switch (s.status()) {
            case OPEN -> status.add("open").add("spacesAvailable");
            case ALMOST_FULL -> status.add("open").add("almostFull");
            case FULL -> status.add("open").add("full");
            case CLOSED -> status.add("closed");
            case NO_DATA -> e.remove("status");
        }
        if (withContext) {
            e.putArray("@context").add(DATA_MODEL_CONTEXT).add(CORE_CONTEXT);
        }
        return e;
    }

    /** Normalized representation: each attribute as {"type":"Property","value":...} (observedAt on dynamic ones). */
    public static ObjectNode normalized(SignEngine.Snapshot s, boolean withContext) {
        ObjectNode kv = keyValues(s, false);
        ObjectNode e = MAPPER.createObjectNode();
        String observedAt = s.state() != null && s.status() != Status.NO_DATA ? s.state().lastReading().toString() : null;
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = kv.fields(); it.hasNext(); ) {
            var f = it.next();
            String key = f.getKey();
            if (key.equals("id") || key.equals("type")) {
                e.set(key, f.getValue());
                continue;
            }
            ObjectNode attr = e.putObject(key);
            if (key.equals("location")) {
                attr.put("type", "GeoProperty");
                attr.set("value", f.getValue());
                continue;
            }
            attr.put("type", "Property");
            if (key.equals("occupancyModified") || key.equals("observationDateTime") || key.equals("dateModified")) {
                ObjectNode v = attr.putObject("value");
                v.put("@type", "DateTime");
                v.set("@value", f.getValue());
            } else {
                attr.set("value", f.getValue());
            }
            if (observedAt != null && (key.equals("availableSpotNumber") || key.equals("occupiedSpotNumber")
                    || key.equals("occupancy") || key.equals("status"))) {
                attr.put("observedAt", observedAt);
            }
        }
        if (withContext) {
            e.putArray("@context").add(DATA_MODEL_CONTEXT).add(CORE_CONTEXT);
        }
        return e;
    }

    /** Time stamp helper for callers that need "now" in the same format. */
    public static String time(Instant t) {
        return t.toString();
    }
}
