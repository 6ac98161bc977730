package org.greenwave.optimizer.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.greenwave.contracts.signal.AuditEntry;
import org.greenwave.contracts.signal.TimingPlan;

/** Publishes validated timing plans to {@code signal.timing-plans} and audit entries to {@code signal.audit}. */
@ApplicationScoped
public class PlanPublisher {

    private final Emitter<TimingPlan> plans;
    private final Emitter<AuditEntry> audit;

    public PlanPublisher(
            @Channel(Channels.TIMING_PLANS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
            Emitter<TimingPlan> plans,
            @Channel(Channels.AUDIT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
            Emitter<AuditEntry> audit) {
        this.plans = plans;
        this.audit = audit;
    }

    /** Completes when Kafka acknowledged the plan. */
    public CompletionStage<Void> publish(TimingPlan plan) {
        return KafkaSend.send(plans, plan.intersectionId(), plan, TimingPlan.SCHEMA);
    }

    public CompletionStage<Void> audit(AuditEntry entry) {
        return KafkaSend.send(audit, entry.intersectionId(), entry, AuditEntry.SCHEMA);
    }
}
