package org.greenwave.cli.twin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.control.Decision;
import org.greenwave.signal.control.PlanningStrategy;
import org.greenwave.signal.control.SignalControl;
import org.greenwave.signal.safety.SafetyValidator;
import org.greenwave.sumo.control.SignalController;
import org.greenwave.sumo.loop.ClosedLoopController;
import org.greenwave.sumo.plan.PlanCheck;
import org.greenwave.sumo.plan.PlanExecutor;
import org.greenwave.sumo.twin.DetectorValues;
import org.greenwave.sumo.twin.Intersections;
import org.greenwave.sumo.twin.SimClock;
import org.greenwave.sumo.twin.Twin;
import org.greenwave.sumo.twin.VirtualDetector;

/**
 * greenwave's control loop inside the twin's process, without Kafka or services: every second the controllers'
 * states and the detectors' readings go straight into signal-core's {@link SignalControl}, and the plans it
 * publishes straight to the plan executor (which checks them with the safety validator, like a field controller).
 * It makes the same decisions as the services would on the same data, deterministically; used for training data,
 * ablations and fast experiments. {@code ./greenwave evaluate --controllers greenwave} runs the real services.
 */
public final class InProcessGreenwave implements SignalController {

    /** Called every second with what the loop saw and decided, e.g. to collect training samples. */
    public interface Observer {
        default void started(Map<String, Intersection> records) {
        }

        void onSecond(Twin twin, double now, List<DetectorReading> readings, List<ControllerState> states);
    }

    /** Developers: print the plans of the first seconds of a run (system property greenwave.trace, seconds). */
    static final int TRACE = Integer.getInteger("greenwave.trace", 0);

    private final String name;
    private final PlanningStrategy strategy;
    private final Observer observer;
    private SignalControl control;
    private PlanExecutor executor;
    private SimClock clock;
    private final Map<String, String> intersectionOfSignal = new HashMap<>();
    private Map<String, Intersection> records;
    private long plans;
    private long refused;

    public InProcessGreenwave(String name, PlanningStrategy strategy, Observer observer) {
        this.name = name;
        this.strategy = strategy;
        this.observer = observer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(Twin twin) {
        clock = new SimClock(Instant.now(), twin.scenario().begin(), twin.scenario().end());
        records = Intersections.of(twin.network(), twin.detectors());
        if (TRACE > 0) {
            records.values().forEach(r -> System.err.println(r.id() + " clearance " + r.links().stream()
                    .map(l -> l.index() + "=" + l.clearanceSeconds()).toList()));
        }
        if (Boolean.getBoolean("greenwave.lab.no-clearance")) {
            Map<String, Intersection> patched = new HashMap<>();
            records.forEach((k, r) -> patched.put(k, new Intersection(r.id(), r.name(), r.x(), r.y(),
                    r.links().stream().map(l -> new Intersection.Link(l.index(), l.fromLane(), l.toLane(), l.pedestrian(),
                            l.foes(), 0, l.maneuver())).toList(), r.phases(), r.detectors(), r.fixedProgram(), r.limits())));
            records = patched;
        }
        control = new SignalControl(strategy, new SafetyValidator(), SignalControl.Settings.defaults());
        SafetyValidator validator = new SafetyValidator();
        Map<String, Intersection> byId = new HashMap<>();
        records.forEach((signal, record) -> {
            control.register(record);
            intersectionOfSignal.put(signal, record.id());
            byId.put(record.id(), record);
        });
        PlanCheck check = plan -> {
            Intersection record = byId.get(plan.intersectionId());
            var violations = record == null ? List.of("unknown intersection") : validator.validate(record, plan);
            return violations.isEmpty() ? Optional.empty() : Optional.of(violations.toString());
        };
        executor = new PlanExecutor(twin.network(), records, check, clock, 0, e -> { });
        executor.start(twin);
        if (observer != null) {
            observer.started(records);
        }
    }

    @Override
    public void afterStep(Twin twin) {
        double now = twin.time();
        Instant at = clock.instant(now);
        List<ControllerState> states = executor.controllerStates(now);
        List<DetectorReading> readings = new ArrayList<>(twin.detectors().size());
        for (VirtualDetector d : twin.detectors()) {
            String intersection = intersectionOfSignal.get(d.intersectionId());
            if (intersection != null) {
                DetectorValues v = twin.detector(d.id());
                readings.add(new DetectorReading(intersection, d.id(), at, v.vehicleCount(),
                        ClosedLoopController.round3(v.occupancy()),
                        v.haltingVehicles(), at, "twin"));
            }
        }
        List<Decision> decisions = new ArrayList<>();
        for (ControllerState s : states) {
            decisions.addAll(control.onControllerState(s));
        }
        for (DetectorReading r : readings) {
            decisions.addAll(control.onReading(r));
        }
        for (Decision d : decisions) {
            if (d.action() == Decision.Action.PUBLISH) {
                plans++;
                if (TRACE > 0 && now - twin.scenario().begin() < TRACE) {
                    var p = d.plan();
                    System.err.printf("t=%.0f %s | %s%n", now - twin.scenario().begin(),
                            p.phases().stream().map(x -> x.phaseIndex() + ":" + x.greenSeconds() + "+" + x.yellowSeconds()
                                    + "/" + x.allRedSeconds()).toList(), p.explanation());
                    states.stream().filter(st -> st.intersectionId().equals(p.intersectionId()))
                            .forEach(st -> System.err.printf("     state %s phase %d green %d transition %s%n", st.state(),
                                    st.phaseIndex(), st.greenSeconds(), st.inTransition()));
                }
                executor.offer(d.plan(), now);
            } else if (d.action() == Decision.Action.REFUSED) {
                refused++;
            }
        }
        if (observer != null) {
            observer.onSecond(twin, now, readings, states);
        }
        executor.afterStep(twin);
    }

    public Map<String, Intersection> records() {
        return records;
    }

    public long plans() {
        return plans;
    }

    public long refusedByOptimizer() {
        return refused;
    }

    public int rejectedByController() {
        return executor.rejectedPlans();
    }
}
