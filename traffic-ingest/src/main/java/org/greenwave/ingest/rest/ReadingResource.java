package org.greenwave.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.greenwave.ingest.config.IngestConfig;
import org.greenwave.ingest.service.IngestService;
import org.greenwave.ingest.service.IngestService.BatchResult;

/** Field devices post batches of readings here. */
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReadingResource {

    private final IngestService ingest;
    private final IngestConfig config;

    public ReadingResource(IngestService ingest, IngestConfig config) {
        this.ingest = ingest;
        this.config = config;
    }

    @POST
    @Path("/detector-readings")
    @Operation(summary = "Submit a batch of intersection detector readings")
    @APIResponse(responseCode = "202", description = "Every reading is durably in Kafka")
    @APIResponse(responseCode = "400", description = "Some items are invalid; the valid ones were accepted")
    @APIResponse(responseCode = "413", description = "Too many items in one batch")
    public CompletionStage<Response> detectorReadings(JsonNode body) {
        return batch(body, items -> ingest.detectorBatch(items, "http"));
    }

    @POST
    @Path("/parking-occupancy")
    @Operation(summary = "Submit a batch of car-park occupancy readings")
    @APIResponse(responseCode = "202", description = "Every reading is durably in Kafka")
    @APIResponse(responseCode = "400", description = "Some items are invalid; the valid ones were accepted")
    @APIResponse(responseCode = "413", description = "Too many items in one batch")
    public CompletionStage<Response> parkingOccupancy(JsonNode body) {
        return batch(body, items -> ingest.parkingBatch(items, "http"));
    }

    private CompletionStage<Response> batch(JsonNode body,
                                            java.util.function.Function<List<JsonNode>, CompletionStage<BatchResult>> handler) {
        if (body == null || !body.isArray()) {
            return CompletableFuture.completedFuture(Response.status(400)
                    .entity(Map.of("error", "body must be a JSON array of readings")).build());
        }
        if (body.size() > config.maxBatchItems()) {
            return CompletableFuture.completedFuture(Response.status(413)
                    .entity(Map.of("error", "at most " + config.maxBatchItems() + " readings per request")).build());
        }
        List<JsonNode> items = new ArrayList<>(body.size());
        body.forEach(items::add);
        return handler.apply(items).thenApply(result -> Response
                .status(result.errors().isEmpty() ? 202 : 400)
                .entity(Map.of(
                        "accepted", result.accepted().size(),
                        "rejected", result.errors().size(),
                        "acceptedItems", result.accepted(),
                        "errors", result.errors()))
                .build());
    }
}
