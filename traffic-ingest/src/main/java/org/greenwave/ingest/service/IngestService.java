package org.greenwave.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.greenwave.contracts.Json;
import org.greenwave.ingest.config.IngestConfig;
import org.greenwave.ingest.messaging.ReadingPublisher;

/**
 * Validates batches of readings and publishes them: valid items to the validated topic, invalid ones to the
 * dead-letter topic with their reason. The returned stage completes once Kafka holds all of them.
 */
@ApplicationScoped
public class IngestService {

    /** What happened to one batch. */
    public record BatchResult(List<Integer> accepted, List<ItemError> errors) {
    }

    /** Why the item at {@code index} of a batch was rejected. */
    public record ItemError(int index, List<String> problems) {
    }

    private final ReadingValidator validator;
    private final ReadingPublisher publisher;
    private final MeterRegistry metrics;
    private final Clock clock;

    public IngestService(IngestConfig config, ReadingPublisher publisher, MeterRegistry metrics) {
        this.validator = new ReadingValidator(config.maxFutureSkew(), config.maxAge());
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    public CompletionStage<BatchResult> detectorBatch(List<JsonNode> items, String source) {
        Instant now = clock.instant();
        List<Integer> accepted = new ArrayList<>();
        List<ItemError> errors = new ArrayList<>();
        List<CompletableFuture<Void>> writes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            var outcome = validator.detector(item, now, source);
            if (outcome.valid()) {
                accepted.add(i);
                writes.add(publisher.publish(outcome.value()).toCompletableFuture());
                count("detector", "accepted", "valid");
            } else {
                errors.add(new ItemError(i, outcome.problems().stream().map(Object::toString).toList()));
                writes.add(publisher.rejectDetector(keyOf(item, "intersectionId"), Json.toBytes(item),
                        outcome.reason(), source).toCompletableFuture());
                count("detector", "rejected", outcome.problems().get(0).field());
            }
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenApply(done -> new BatchResult(accepted, errors));
    }

    public CompletionStage<BatchResult> parkingBatch(List<JsonNode> items, String source) {
        Instant now = clock.instant();
        List<Integer> accepted = new ArrayList<>();
        List<ItemError> errors = new ArrayList<>();
        List<CompletableFuture<Void>> writes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            var outcome = validator.parking(item, now, source);
            if (outcome.valid()) {
                accepted.add(i);
                writes.add(publisher.publish(outcome.value()).toCompletableFuture());
                count("parking", "accepted", "valid");
            } else {
                errors.add(new ItemError(i, outcome.problems().stream().map(Object::toString).toList()));
                writes.add(publisher.rejectOccupancy(keyOf(item, "carParkId"), Json.toBytes(item),
                        outcome.reason(), source).toCompletableFuture());
                count("parking", "rejected", outcome.problems().get(0).field());
            }
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenApply(done -> new BatchResult(accepted, errors));
    }

    private void count(String kind, String result, String reason) {
        metrics.counter("greenwave.ingest.readings", "kind", kind, "result", result,
                "reason", reason == null ? "shape" : reason).increment();
    }

    private static String keyOf(JsonNode item, String field) {
        JsonNode key = item == null ? null : item.get(field);
        return key != null && key.isTextual() ? key.textValue() : null;
    }
}
