package org.greenwave.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The versioned JSON Schemas of every event (in {@code /schemas} on the class path), and validation against them.
 * Each schema's {@code $id} is also the value of the {@link Headers#SCHEMA} header on records that conform to it.
 */
public final class EventSchemas {

    /** Field device input, one item of POST /api/v1/detector-readings or a record of field.detector-readings. */
    public static final String FIELD_DETECTOR_READING = "field-detector-reading";
    /** Field device input for car parks. */
    public static final String FIELD_PARKING_OCCUPANCY = "field-parking-occupancy";
    public static final String DETECTOR_READING = "detector-reading";
    public static final String PARKING_OCCUPANCY = "parking-occupancy";
    public static final String SENSOR_STATUS = "sensor-status";
    public static final String TIMING_PLAN = "timing-plan";
    public static final String SIGN_UPDATE = "sign-update";
    public static final String INTERSECTION = "intersection";
    public static final String CONTROLLER_STATE = "controller-state";
    public static final String AUDIT_ENTRY = "audit-entry";
    public static final String TWIN_METRICS = "twin-metrics";

    public static final List<String> ALL = List.of(FIELD_DETECTOR_READING, FIELD_PARKING_OCCUPANCY,
            DETECTOR_READING, PARKING_OCCUPANCY, SENSOR_STATUS, TIMING_PLAN, SIGN_UPDATE, INTERSECTION, CONTROLLER_STATE, AUDIT_ENTRY,
            TWIN_METRICS);

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    /** The schema document (JSON text) by name, e.g. {@code timing-plan}. */
    public static String text(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates a JSON document; returns the violations as sentences, empty when valid. */
    public static List<String> validate(String name, JsonNode document) {
        JsonSchema schema = CACHE.computeIfAbsent(name, EventSchemas::load);
        return schema.validate(document).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    /** Validates an event object by serializing it the way it goes on the wire. */
    public static List<String> validateEvent(String name, Object event) {
        return validate(name, Json.mapper().valueToTree(event));
    }

    private static JsonSchema load(String name) {
        try (InputStream in = open(name)) {
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = EventSchemas.class.getResourceAsStream("/schemas/" + name + ".json");
        if (in == null) {
            throw new IllegalArgumentException("no event schema named " + name);
        }
        return in;
    }

    private EventSchemas() {
    }
}
