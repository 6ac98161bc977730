package org.greenwave.ingest.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.ingest.service.IngestService;

/**
 * Validates what devices that speak Kafka produce to the raw {@code field.*} topics. A record is acknowledged
 * (its offset committed) only after its reading or its dead letter is in Kafka: nothing is dropped silently.
 */
@ApplicationScoped
public class FieldTopicConsumer {

    private final IngestService ingest;
    private final ReadingPublisher publisher;

    public FieldTopicConsumer(IngestService ingest, ReadingPublisher publisher) {
        this.ingest = ingest;
        this.publisher = publisher;
    }

    @Incoming(Channels.FIELD_DETECTOR_READINGS)
    public CompletionStage<Void> detectorReading(Message<byte[]> message) {
        JsonNode item = parse(message.getPayload());
        CompletionStage<Void> done = item == null
                ? publisher.rejectDetector(key(message), message.getPayload(), "not valid JSON", Topics.FIELD_DETECTOR_READINGS)
                : ingest.detectorBatch(List.of(item), "kafka").thenApply(r -> null);
        return done.thenCompose(ok -> message.ack());
    }

    @Incoming(Channels.FIELD_PARKING_OCCUPANCY)
    public CompletionStage<Void> parkingOccupancy(Message<byte[]> message) {
        JsonNode item = parse(message.getPayload());
        CompletionStage<Void> done = item == null
                ? publisher.rejectOccupancy(key(message), message.getPayload(), "not valid JSON", Topics.FIELD_PARKING_OCCUPANCY)
                : ingest.parkingBatch(List.of(item), "kafka").thenApply(r -> null);
        return done.thenCompose(ok -> message.ack());
    }

    private static JsonNode parse(byte[] payload) {
        if (payload == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(payload);
        } catch (Exception e) {
            return null;
        }
    }

    private static String key(Message<byte[]> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getKey() == null ? null : m.getKey().toString())
                .orElse(null);
    }
}
