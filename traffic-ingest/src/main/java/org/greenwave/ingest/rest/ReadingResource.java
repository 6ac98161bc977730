package org.greenwave.ingest.rest;

import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.greenwave.ingest.service.IngestService;
import org.greenwave.ingest.service.IngestService.BadBody;
import org.greenwave.ingest.service.IngestService.BatchResult;
import org.greenwave.ingest.service.IngestService.NotStored;
import org.greenwave.service.support.security.RateLimited;

/**
 * Field devices post batches of readings here (SPEC "Field-device input"). The body is taken as bytes and read
 * with a streaming parser, so that every rejected item can be dead-lettered exactly as it was sent.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = ReadingResource.DEVICE_KEY, type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER, apiKeyName = "X-API-Key",
        description = "API key of a device group; the demo prints one as device-key")
@SecurityRequirement(name = ReadingResource.DEVICE_KEY)
public class ReadingResource {

    static final String DEVICE_KEY = "device-key";

    /** Permission of device keys that may write detector readings. */
    public static final String WRITE_DETECTOR_READINGS = "detector-readings:write";
    /** Permission of device keys that may write car-park occupancy. */
    public static final String WRITE_PARKING_OCCUPANCY = "parking-occupancy:write";

    private final IngestService ingest;

    public ReadingResource(IngestService ingest) {
        this.ingest = ingest;
    }

    @POST
    @Path("/detector-readings")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @PermissionsAllowed(WRITE_DETECTOR_READINGS)
    @RateLimited
    @Operation(summary = "Submit a batch of intersection detector readings",
            description = "A JSON array of readings. Header X-API-Key: a device key allowed to write detector"
                    + " readings.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, description = "items: see SPEC and urn:greenwave:field-detector-reading:1"),
            examples = @ExampleObject(name = "one reading", value = """
                    [{"intersectionId":"A0","detectorId":"A0_w_0","timestamp":"2026-11-28T07:00:01Z",\
                    "vehicleCount":2,"occupancy":0.35,"haltingVehicles":1}]""")))
    @APIResponse(responseCode = "202", description = "Every reading is durably in Kafka (or was already: duplicates)")
    @APIResponse(responseCode = "400", description = "Some items (or the body) are invalid; the valid ones were"
            + " accepted and are named")
    @APIResponse(responseCode = "401", description = "No or unknown X-API-Key")
    @APIResponse(responseCode = "403", description = "The key may not write detector readings")
    @APIResponse(responseCode = "413", description = "Body too large or too many items; nothing was accepted")
    @APIResponse(responseCode = "429", description = "The key's rate limit is used up: nothing was accepted, retry"
            + " after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge: nothing is promised, retry the"
            + " batch (readings stored meanwhile are recognised as duplicates)")
    public CompletionStage<Response> detectorReadings(byte[] body) {
        return answer(ingest.detectorBatch(body));
    }

    @POST
    @Path("/parking-occupancy")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @PermissionsAllowed(WRITE_PARKING_OCCUPANCY)
    @RateLimited
    @Operation(summary = "Submit a batch of car-park occupancy readings",
            description = "A JSON array of readings. Header X-API-Key: a device key allowed to write car-park"
                    + " occupancy.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, description = "items: see SPEC and urn:greenwave:field-parking-occupancy:1"),
            examples = @ExampleObject(name = "one reading", value = """
                    [{"carParkId":"P-Rathaus","timestamp":"2026-11-28T07:00:00Z","capacity":577,"occupied":61}]""")))
    @APIResponse(responseCode = "202", description = "Every reading is durably in Kafka (or was already: duplicates)")
    @APIResponse(responseCode = "400", description = "Some items (or the body) are invalid; the valid ones were"
            + " accepted and are named")
    @APIResponse(responseCode = "401", description = "No or unknown X-API-Key")
    @APIResponse(responseCode = "403", description = "The key may not write car-park occupancy")
    @APIResponse(responseCode = "413", description = "Body too large or too many items; nothing was accepted")
    @APIResponse(responseCode = "429", description = "The key's rate limit is used up: nothing was accepted, retry"
            + " after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge: nothing is promised, retry the batch")
    public CompletionStage<Response> parkingOccupancy(byte[] body) {
        return answer(ingest.parkingBatch(body));
    }

    private static CompletionStage<Response> answer(CompletionStage<BatchResult> result) {
        return result.handle((batch, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof BadBody bad) {
                    return error(bad.status(), bad.getMessage());
                }
                if (cause instanceof IngestService.NotReady) {
                    return Response.status(503).header("Retry-After", "5")
                            .entity(Map.of("error", cause.getMessage())).build();
                }
                if (cause instanceof NotStored) {
                    return Response.status(503).header("Retry-After", "5")
                            .entity(Map.of("error", "Kafka did not acknowledge every reading; nothing of this"
                                    + " request is promised: retry it (readings stored meanwhile are recognised as"
                                    + " duplicates)"))
                            .build();
                }
                return error(500, "internal error: " + cause.getClass().getSimpleName());
            }
            return Response.status(batch.errors().isEmpty() ? 202 : 400).entity(BatchAnswer.json(batch))
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    static Response error(int status, String message) {
        return Response.status(status).entity(Map.of("error", message)).build();
    }
}
