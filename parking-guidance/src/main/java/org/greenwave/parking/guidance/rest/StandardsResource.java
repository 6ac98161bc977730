package org.greenwave.parking.guidance.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.greenwave.parking.guidance.service.GuidanceService;
import org.greenwave.parking.signs.SignEngine;
import org.greenwave.parking.standards.Datex2;
import org.greenwave.parking.standards.NgsiLd;

/**
 * Open data for the national access point and city platforms: NGSI-LD {@code OffStreetParking} entities (the
 * NGSI-LD API's own paths) and a DATEX II v3 {@code ParkingStatusPublication}.
 */
@Path("/")
public class StandardsResource {

    static final String LD_JSON = "application/ld+json";
    private final GuidanceService service;

    public StandardsResource(GuidanceService service) {
        this.service = service;
    }

    @GET
    @Path("ngsi-ld/v1/entities")
    @Produces({LD_JSON, "application/json"})
    @Operation(summary = "NGSI-LD OffStreetParking entities (normalized; key-values with options=keyValues)")
    public Response entities(@QueryParam("type") @Parameter(description = "OffStreetParking") String type,
                             @QueryParam("options") @Parameter(description = "keyValues for the simplified form")
                             String options) {
        if (type == null || type.isBlank()) {
            return error(400, "BadRequestData", "the type parameter is required (type=OffStreetParking)");
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        boolean keyValues = keyValues(options);
        if (Arrays.asList(type.split(",")).contains(NgsiLd.TYPE)) {
            for (SignEngine.Snapshot s : service.engine().snapshot(service.now())) {
                out.add(keyValues ? NgsiLd.keyValues(s, true) : NgsiLd.normalized(s, true));
            }
        }
        return Response.ok(out).type(LD_JSON).build();
    }

    @GET
    @Path("ngsi-ld/v1/entities/{id}")
    @Produces({LD_JSON, "application/json"})
    @Operation(summary = "One NGSI-LD OffStreetParking entity by its URN")
    public Response entity(@PathParam("id") String id, @QueryParam("options") String options) {
        for (SignEngine.Snapshot s : service.engine().snapshot(service.now())) {
            if (NgsiLd.entityId(s.carParkId()).equals(id)) {
                ObjectNode e = keyValues(options) ? NgsiLd.keyValues(s, true) : NgsiLd.normalized(s, true);
                return Response.ok(e).type(LD_JSON).build();
            }
        }
        return error(404, "ResourceNotFound", "no entity " + id);
    }

    @GET
    @Path("api/v1/datex2/parking-status")
    @Produces("application/xml")
    @Operation(summary = "DATEX II v3 ParkingStatusPublication of every car park")
    public String datex2() {
        var cfg = service.config().datex();
        return Datex2.parkingStatusPublication(service.engine().snapshot(service.now()), service.now(), cfg.country(),
                cfg.nationalIdentifier());
    }

    private static boolean keyValues(String options) {
        return options != null && Arrays.asList(options.split(",")).contains("keyValues");
    }

    /** NGSI-LD problem details. */
    private static Response error(int status, String type, String detail) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", "https://uri.etsi.org/ngsi-ld/errors/" + type);
        body.put("title", type);
        body.put("detail", detail);
        return Response.status(status).entity(body).type("application/json").build();
    }
}
