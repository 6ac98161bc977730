package org.greenwave.sumo.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.time.Instant;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.traci.Query;
import org.greenwave.sumo.traci.TrafficLightDomain;
import org.greenwave.sumo.twin.SimClock;
import org.greenwave.sumo.twin.Twin;
import org.greenwave.sumo.twin.VirtualDetector;

/**
 * Runs a {@link SignalPlanExecutor} for every signal of a twin and applies what they decide through TraCI. Until a
 * signal's first plan arrives, the scenario's fixed-time program runs it.
 */
public final class PlanExecutor {

    private final Map<String, SignalPlanExecutor> byIntersection = new LinkedHashMap<>();
    private final Map<String, String> signalOf = new HashMap<>();
    private final List<ExecutorEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final SimClock clock;
    private Map<String, String> nearStopLineDetector = Map.of();

    /**
     * @param network       the twin's network
     * @param intersections the registry records (ids and safety limits) of the signals, by SUMO signal id
     * @param check         acceptance check for plans (e.g. signal-core's safety validator)
     * @param clock         maps plan instants to simulation time
     * @param planTimeout   seconds without a valid plan before fallback; 0 for the default
     * @param listener      also told every event
     */
    public PlanExecutor(NetworkModel network, Map<String, Intersection> intersections, PlanCheck check,
                        SimClock clock, double planTimeout, Consumer<ExecutorEvent> listener) {
        this.clock = clock;
        Consumer<ExecutorEvent> sink = e -> {
            events.add(e);
            listener.accept(e);
        };
        for (NetworkModel.Signal signal : network.signals()) {
            Intersection intersection = intersections.get(signal.id());
            if (intersection == null) {
                continue;
            }
            byIntersection.put(intersection.id(), new SignalPlanExecutor(intersection.id(), signal,
                    intersection.limits().minGreenSeconds(), intersection.limits().yellowSeconds(), planTimeout,
                    check, sink));
            signalOf.put(intersection.id(), signal.id());
        }
    }

    /** Learns which detector watches each approach near its stop line (for gap-out). */
    public void start(Twin twin) {
        Map<String, String> map = new HashMap<>();
        for (VirtualDetector d : twin.detectors()) {
            if (d.nearStopLine()) {
                map.putIfAbsent(d.lane(), d.id());
            }
        }
        nearStopLineDetector = map;
    }

    /**
     * Hands a plan to its signal's executor at simulation time {@code now}. Plans for unknown intersections are
     * rejected (returns false), like plans failing the check.
     */
    public boolean offer(TimingPlan plan, double now) {
        SignalPlanExecutor executor = byIntersection.get(plan.intersectionId());
        if (executor == null) {
            events.add(new ExecutorEvent(ExecutorEvent.Type.PLAN_REJECTED, now, plan.intersectionId(), plan.planId(),
                    "unknown intersection"));
            return false;
        }
        double validFrom = plan.validFrom() == null ? now : clock.simTime(plan.validFrom());
        return executor.offer(plan, now, validFrom);
    }

    /** Advances every executor to the twin's time and applies their decisions. */
    public void afterStep(Twin twin) {
        double now = twin.time();
        TrafficLightDomain tl = twin.sumo().trafficLights();
        List<SignalPlanExecutor> fallback = byIntersection.values().stream().filter(SignalPlanExecutor::inFallback)
                .toList();
        // the fixed program's step and when it started (next switch minus its duration), in one round trip
        List<Query<Double>> queries = new ArrayList<>();
        for (SignalPlanExecutor e : fallback) {
            String signal = signalOf.get(e.intersectionId());
            queries.add(new Query<>(tl.phaseQuery(signal).command(),
                    in -> (double) tl.phaseQuery(signal).decoder().apply(in)));
            queries.add(tl.nextSwitchQuery(signal));
            queries.add(tl.phaseDurationQuery(signal));
        }
        List<Double> values = Query.runAll(twin.sumo().connection(), queries);
        Map<String, double[]> fixedPhase = new HashMap<>();
        for (int i = 0; i < fallback.size(); i++) {
            double index = values.get(3 * i);
            double start = values.get(3 * i + 1) - values.get(3 * i + 2);
            fixedPhase.put(fallback.get(i).intersectionId(), new double[] {index, start});
        }
        Predicate<String> demand = lane -> {
            String detector = nearStopLineDetector.get(lane);
            return detector != null ? twin.detector(detector).vehicleCount() > 0 : twin.laneHalting(lane) > 0;
        };
        for (SignalPlanExecutor executor : byIntersection.values()) {
            double[] fixed = fixedPhase.getOrDefault(executor.intersectionId(), new double[] {-1, now});
            Optional<SignalPlanExecutor.Action> action = executor.tick(now, (int) fixed[0], fixed[1], demand);
            if (action.isEmpty()) {
                continue;
            }
            String signal = signalOf.get(executor.intersectionId());
            if (action.get() instanceof SignalPlanExecutor.ShowState show) {
                tl.setState(signal, show.state());
            } else if (action.get() instanceof SignalPlanExecutor.ReturnToProgram back) {
                tl.setProgram(signal, back.programId());
                tl.setPhase(signal, back.phaseIndex());
            }
        }
    }

    /** What every signal shows and executes now (after {@link #afterStep}), for {@code signal.controller-states}. */
    public List<ControllerState> controllerStates(double now) {
        Instant at = clock.instant(now);
        List<ControllerState> states = new ArrayList<>();
        for (SignalPlanExecutor executor : byIntersection.values()) {
            executor.controllerState(now, at).ifPresent(states::add);
        }
        return states;
    }

    public SignalPlanExecutor executor(String intersectionId) {
        return byIntersection.get(intersectionId);
    }

    /** Every event so far, in order. */
    public List<ExecutorEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public int rejectedPlans() {
        return byIntersection.values().stream().mapToInt(SignalPlanExecutor::rejectedPlans).sum()
                + (int) events().stream().filter(e -> e.type() == ExecutorEvent.Type.PLAN_REJECTED
                && !byIntersection.containsKey(e.intersectionId())).count();
    }
}
