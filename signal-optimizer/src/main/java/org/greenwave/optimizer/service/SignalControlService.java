package org.greenwave.optimizer.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.greenwave.contracts.signal.AuditEntry;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.optimizer.config.OptimizerConfig;
import org.greenwave.optimizer.messaging.PlanPublisher;
import org.greenwave.signal.control.ControlMode;
import org.greenwave.signal.control.Decision;
import org.greenwave.signal.control.SignalControl;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;
import org.greenwave.signal.safety.SafetyValidator;
import org.jboss.logging.Logger;

/**
 * Connects the plain-Java control loop to Kafka and to engineers: registry entries, controller states and readings
 * in; validated plans and audit entries out; modes, approvals and manual plans from the REST API. Calls into the
 * loop are serialised (it is single-threaded by design).
 */
@ApplicationScoped
public class SignalControlService {

    private static final Logger LOG = Logger.getLogger(SignalControlService.class);
    public static final String OPTIMIZER = "greenwave";

    private final SignalControl control;
    private final PlanPublisher publisher;
    private final AuditTrail audit;
    private final MeterRegistry metrics;
    private final BroadcastProcessor<TimingPlan> stream = BroadcastProcessor.create();
    private final AtomicLong lastInferenceNanos = new AtomicLong();

    public SignalControlService(OptimizerConfig config, StrategyFactory strategies, PlanPublisher publisher,
                                AuditTrail audit, MeterRegistry metrics) {
        this.control = new SignalControl(strategies.create(), new SafetyValidator(),
                new SignalControl.Settings(config.decisionInterval(), config.staleAfter(), config.advisoryInterval()));
        this.publisher = publisher;
        this.audit = audit;
        this.metrics = metrics;
        metrics.gauge("greenwave.optimizer.inference.last.seconds", lastInferenceNanos, n -> n.get() / 1e9);
        LOG.infof("planning strategy %s", control.strategy().version());
    }

    public String strategyVersion() {
        return control.strategy().version();
    }

    public synchronized void register(Intersection intersection) {
        control.register(intersection);
        LOG.infof("intersection %s registered: %d phases, %d detectors", intersection.id(),
                intersection.phases().size(), intersection.detectors().size());
    }

    public CompletionStage<Void> onReading(DetectorReading reading) {
        List<Decision> decisions;
        long start = System.nanoTime();
        synchronized (this) {
            decisions = control.onReading(reading);
        }
        return handle(decisions, start);
    }

    public CompletionStage<Void> onControllerState(ControllerState state) {
        List<Decision> decisions;
        long start = System.nanoTime();
        synchronized (this) {
            decisions = control.onControllerState(state);
        }
        return handle(decisions, start);
    }

    private CompletionStage<Void> handle(List<Decision> decisions, long start) {
        if (decisions.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        long took = System.nanoTime() - start;
        lastInferenceNanos.set(took);
        metrics.timer("greenwave.optimizer.decision").record(java.time.Duration.ofNanos(took));
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (Decision d : decisions) {
            sends.add(apply(d, OPTIMIZER, null).toCompletableFuture());
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    /** Publishes, holds or refuses a decision, with its audit entry. */
    private CompletionStage<Void> apply(Decision d, String actor, String why) {
        TimingPlan plan = d.plan();
        Instant at = plan.validFrom() != null ? plan.validFrom() : Instant.now();
        switch (d.action()) {
            case PUBLISH -> {
                metrics.counter("greenwave.plans.published", "model", plan.modelVersion(), "mode", plan.mode())
                        .increment();
                String action = OPTIMIZER.equals(actor) ? AuditEntry.PLAN_PUBLISHED
                        : ControlMode.MANUAL.name().equals(plan.mode()) ? AuditEntry.MANUAL_PLAN
                        : AuditEntry.PLAN_APPROVED;
                stream.onNext(plan);
                return publisher.publish(plan).thenCompose(ok -> record(new AuditEntry(plan.planId() + ":" + action,
                        plan.intersectionId(), at, actor, action, plan.planId(),
                        why != null ? why : plan.explanation())));
            }
            case HOLD -> {
                metrics.counter("greenwave.plans.held").increment();
                return record(new AuditEntry(plan.planId() + ":" + AuditEntry.PLAN_PROPOSED, plan.intersectionId(), at,
                        actor, AuditEntry.PLAN_PROPOSED, plan.planId(), plan.explanation()));
            }
            default -> {
                for (var v : d.violations()) {
                    metrics.counter("greenwave.plans.refused", "rule", v.rule()).increment();
                }
                LOG.warnf("plan %s refused by the safety validator: %s", plan.planId(), d.violations());
                return record(new AuditEntry(plan.planId() + ":" + AuditEntry.PLAN_REFUSED, plan.intersectionId(), at,
                        actor, AuditEntry.PLAN_REFUSED, plan.planId(), d.violations().toString()));
            }
        }
    }

    private CompletionStage<Void> record(AuditEntry entry) {
        audit.remember(entry);
        return publisher.audit(entry);
    }

    /** State read again from Kafka after a partition moved here (no decisions, no publications). */
    public synchronized void restore(List<DetectorReading> readings, List<ControllerState> states,
                                     List<TimingPlan> published) {
        published.forEach(control::restorePublished);
        states.forEach(control::restoreControllerState);
        readings.forEach(control::restoreReading);
        LOG.infof("recovered %d plans, %d controller states, %d readings from Kafka", published.size(), states.size(),
                readings.size());
    }

    public synchronized List<IntersectionModel> intersections() {
        return List.copyOf(control.intersections());
    }

    public synchronized Optional<IntersectionModel> intersection(String id) {
        return control.intersection(id);
    }

    public synchronized Optional<TimingPlan> currentPlan(String id) {
        return control.lastPublished(id);
    }

    public synchronized Optional<TimingPlan> pendingPlan(String id) {
        return control.pending(id);
    }

    public synchronized Optional<ControllerState> controllerState(String id) {
        return control.controllerState(id);
    }

    public synchronized Optional<TrafficSnapshot> snapshot(String id) {
        return control.snapshot(id);
    }

    public synchronized ControlMode mode(String id) {
        return control.mode(id);
    }

    /** An engineer switches the mode; audited with who and why. */
    public CompletionStage<Void> setMode(String id, ControlMode mode, String engineer, String reason) {
        ControlMode before;
        synchronized (this) {
            before = control.mode(id);
            control.setMode(id, mode);
        }
        Instant now = Instant.now();
        return record(new AuditEntry(id + ":mode:" + now.toEpochMilli(), id, now, engineer, AuditEntry.MODE_CHANGED,
                null, before + " -> " + mode + (reason == null ? "" : ": " + reason)));
    }

    public CompletionStage<Decision> approve(String id, String planId, String engineer, String reason) {
        Decision d;
        synchronized (this) {
            d = control.approve(id, planId, engineer);
        }
        return apply(d, engineer, reason).thenApply(ok -> d);
    }

    public CompletionStage<TimingPlan> reject(String id, String planId, String engineer, String reason) {
        TimingPlan p;
        synchronized (this) {
            p = control.reject(id, planId);
        }
        Instant now = Instant.now();
        return record(new AuditEntry(planId + ":" + AuditEntry.PLAN_REJECTED, id, now, engineer,
                AuditEntry.PLAN_REJECTED, planId, reason)).thenApply(ok -> p);
    }

    public CompletionStage<Decision> manual(String id, TimingPlan plan, String engineer, String reason) {
        Decision d;
        synchronized (this) {
            d = control.manual(id, plan, engineer);
        }
        return apply(d, engineer, reason).thenApply(ok -> d);
    }

    /** Published plans as they happen (for controllers' and dashboards' SSE streams). */
    public Multi<TimingPlan> stream() {
        return stream;
    }
}
