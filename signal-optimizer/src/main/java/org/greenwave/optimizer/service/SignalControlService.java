package org.greenwave.optimizer.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.optimizer.config.OptimizerConfig;
import org.greenwave.optimizer.messaging.PlanPublisher;
import org.greenwave.signal.control.Decision;
import org.greenwave.signal.control.SignalControl;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.optimizer.QueueSplitStrategy;
import org.greenwave.signal.safety.SafetyValidator;
import org.jboss.logging.Logger;

/**
 * Connects the plain-Java control loop to Kafka: registry entries and readings in, validated plans out. Calls
 * into the loop are serialised (it is single-threaded by design).
 */
@ApplicationScoped
public class SignalControlService {

    private static final Logger LOG = Logger.getLogger(SignalControlService.class);

    private final SignalControl control;
    private final PlanPublisher publisher;
    private final MeterRegistry metrics;

    public SignalControlService(OptimizerConfig config, PlanPublisher publisher, MeterRegistry metrics) {
        this.control = new SignalControl(new QueueSplitStrategy(), new SafetyValidator(),
                new SignalControl.Settings(config.decisionInterval(), config.staleAfter()));
        this.publisher = publisher;
        this.metrics = metrics;
    }

    public synchronized void register(Intersection intersection) {
        control.register(intersection);
        LOG.infof("intersection %s registered: %d phases, %d detectors", intersection.id(),
                intersection.phases().size(), intersection.detectors().size());
    }

    public CompletionStage<Void> onReading(DetectorReading reading) {
        List<Decision> decisions;
        synchronized (this) {
            decisions = control.onReading(reading);
        }
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (Decision d : decisions) {
            switch (d.action()) {
                case PUBLISH -> {
                    metrics.counter("greenwave.plans.published", "model", d.plan().modelVersion()).increment();
                    sends.add(publisher.publish(d.plan()).toCompletableFuture());
                }
                case REFUSED -> {
                    for (var v : d.violations()) {
                        metrics.counter("greenwave.plans.refused", "rule", v.rule()).increment();
                    }
                    LOG.warnf("plan for %s refused by the safety validator: %s", d.plan().intersectionId(),
                            d.violations());
                }
                case HOLD -> metrics.counter("greenwave.plans.held").increment();
            }
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    public synchronized List<IntersectionModel> intersections() {
        return List.copyOf(control.intersections());
    }

    public synchronized Optional<TimingPlan> currentPlan(String intersectionId) {
        return control.lastPublished(intersectionId);
    }
}
