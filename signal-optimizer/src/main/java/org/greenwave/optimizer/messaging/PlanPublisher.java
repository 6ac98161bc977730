package org.greenwave.optimizer.messaging;

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
import org.greenwave.contracts.signal.TimingPlan;

/** Publishes validated timing plans to {@code signal.timing-plans}, keyed by intersection. */
@ApplicationScoped
public class PlanPublisher {

    private final Emitter<TimingPlan> plans;

    public PlanPublisher(@Channel(Channels.TIMING_PLANS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
                         Emitter<TimingPlan> plans) {
        this.plans = plans;
    }

    /** Completes when Kafka acknowledged the plan. */
    public CompletionStage<Void> publish(TimingPlan plan) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.SCHEMA, TimingPlan.SCHEMA.getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Void> acked = new CompletableFuture<>();
        plans.send(Message.of(plan,
                Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(plan.intersectionId()).withHeaders(headers).build()),
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
}
