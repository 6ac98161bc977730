package org.greenwave.ingest.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.contracts.traffic.DetectorReading;

/**
 * Writes validated readings and dead letters to Kafka. Every method completes only when the broker has
 * acknowledged the record (acks=all, idempotent producer), so that a caller can promise durability.
 */
@ApplicationScoped
public class ReadingPublisher {

    private static final int BUFFER = 50_000;

    private final Emitter<DetectorReading> detectorReadings;
    private final Emitter<byte[]> detectorDeadLetters;
    private final Emitter<OccupancyReading> occupancyReadings;
    private final Emitter<byte[]> occupancyDeadLetters;

    public ReadingPublisher(
            @Channel(Channels.DETECTOR_READINGS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            Emitter<DetectorReading> detectorReadings,
            @Channel(Channels.DETECTOR_READINGS_DLQ) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            Emitter<byte[]> detectorDeadLetters,
            @Channel(Channels.PARKING_OCCUPANCY) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            Emitter<OccupancyReading> occupancyReadings,
            @Channel(Channels.PARKING_OCCUPANCY_DLQ) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            Emitter<byte[]> occupancyDeadLetters) {
        this.detectorReadings = detectorReadings;
        this.detectorDeadLetters = detectorDeadLetters;
        this.occupancyReadings = occupancyReadings;
        this.occupancyDeadLetters = occupancyDeadLetters;
    }

    public CompletionStage<Void> publish(DetectorReading reading) {
        return send(detectorReadings, reading, reading.intersectionId(), DetectorReading.SCHEMA, null, null);
    }

    public CompletionStage<Void> publish(OccupancyReading reading) {
        return send(occupancyReadings, reading, reading.carParkId(), OccupancyReading.SCHEMA, null, null);
    }

    /** Dead-letters rejected detector input as received, with the reason and where it came from. */
    public CompletionStage<Void> rejectDetector(String key, byte[] asReceived, String reason, String source) {
        return send(detectorDeadLetters, asReceived, key, null, reason, source);
    }

    public CompletionStage<Void> rejectOccupancy(String key, byte[] asReceived, String reason, String source) {
        return send(occupancyDeadLetters, asReceived, key, null, reason, source);
    }

    private static <T> CompletionStage<Void> send(Emitter<T> emitter, T payload, String key, String schema,
                                                  String reason, String source) {
        RecordHeaders headers = new RecordHeaders();
        if (schema != null) {
            headers.add(Headers.SCHEMA, schema.getBytes(StandardCharsets.UTF_8));
        }
        if (reason != null) {
            headers.add(Headers.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
            headers.add(Headers.DEAD_LETTER_SOURCE, source.getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withHeaders(headers)
                .build();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<T> message = Message.of(payload, Metadata.of(kafka),
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }
}
