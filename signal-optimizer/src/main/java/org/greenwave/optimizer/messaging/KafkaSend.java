package org.greenwave.optimizer.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.greenwave.contracts.Headers;

/** Sends one keyed record with its schema header and completes when Kafka acknowledged it. */
final class KafkaSend {

    static <T> CompletionStage<Void> send(Emitter<T> emitter, String key, T value, String schema) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.SCHEMA, schema.getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(value,
                Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build()),
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }

    private KafkaSend() {
    }
}
