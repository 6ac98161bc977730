package org.greenwave.sumo.loop;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.sumo.control.SignalController;
import org.greenwave.sumo.plan.PlanExecutor;
import org.greenwave.sumo.twin.DetectorValues;
import org.greenwave.sumo.twin.SimClock;
import org.greenwave.sumo.twin.Twin;
import org.greenwave.sumo.twin.VirtualDetector;

/**
 * The twin as the city's field equipment in a closed loop with the real services: its detectors report through
 * {@link FieldDevices} (the same path a field device uses), and its signal controllers execute the plans that
 * arrive from {@link PlanSource} with a {@link PlanExecutor}, reporting what they show to a
 * {@link ControllerStateSink}.
 *
 * <p>Every {@code readingInterval} of simulation time each virtual detector produces a reading stamped with the
 * simulation time (mapped to wall-clock instants by the {@link SimClock}). Every {@code decisionInterval} the
 * buffered readings are sent, and the loop waits (up to {@code planWait}) until every intersection has a plan whose
 * {@code dataUntil} is at least that step's instant; plans are handed to the executor in arrival order. Because
 * simulation time only advances once the plans based on the data so far are in, a run is reproducible for a seed
 * as long as the services answer within {@code planWait}; a late plan is still used, at the next decision step.
 */
public final class ClosedLoopController implements SignalController {

    /** Counters of one run, for reports and benchmarks. */
    public record Stats(long readingsSent, long plansReceived, long decisionSteps, long waitsTimedOut,
                        double secondsWaitingForPlans) {
    }

    private final FieldDevices devices;
    private final PlanSource plans;
    private final ControllerStateSink states;
    private final PlanExecutor executor;
    private final SimClock clock;
    private final LoopSettings settings;
    private final Map<String, String> intersectionOfSignal = new HashMap<>();
    private final List<FieldReading> buffer = new ArrayList<>();
    private final Map<String, Instant> newestDataUntil = new HashMap<>();
    private long readingsSent;
    private long plansReceived;
    private long decisionSteps;
    private long waitsTimedOut;
    private long nanosWaiting;

    /**
     * @param intersections the registry records by SUMO signal id (the ones published before the run)
     */
    public ClosedLoopController(FieldDevices devices, PlanSource plans, PlanExecutor executor, SimClock clock,
                                LoopSettings settings, Map<String, Intersection> intersections) {
        this(devices, plans, ControllerStateSink.NONE, executor, clock, settings, intersections);
    }

    /**
     * @param states        where the controllers report what they show, every reading interval (the state the
     *                      vehicles saw during the step that ended at the reported time)
     * @param intersections the registry records by SUMO signal id (the ones published before the run)
     */
    public ClosedLoopController(FieldDevices devices, PlanSource plans, ControllerStateSink states,
                                PlanExecutor executor, SimClock clock, LoopSettings settings,
                                Map<String, Intersection> intersections) {
        this.devices = devices;
        this.plans = plans;
        this.states = states;
        this.executor = executor;
        this.clock = clock;
        this.settings = settings;
        intersections.forEach((signal, intersection) -> intersectionOfSignal.put(signal, intersection.id()));
    }

    @Override
    public String name() {
        return "greenwave";
    }

    @Override
    public void start(Twin twin) {
        executor.start(twin);
    }

    @Override
    public void afterStep(Twin twin) {
        double now = twin.time();
        long elapsed = Math.round(now - twin.scenario().begin());
        if (elapsed % settings.readingIntervalSeconds() == 0) {
            Instant at = clock.instant(now);
            states.publish(executor.controllerStates(now));
            for (VirtualDetector d : twin.detectors()) {
                String intersection = intersectionOfSignal.get(d.intersectionId());
                if (intersection == null) {
                    continue;
                }
                DetectorValues v = twin.detector(d.id());
                buffer.add(new FieldReading(intersection, d.id(), at, v.vehicleCount(), round3(v.occupancy()),
                        v.haltingVehicles()));
            }
        }
        if (elapsed % settings.decisionIntervalSeconds() == 0) {
            decisionSteps++;
            states.flush();
            if (!buffer.isEmpty()) {
                devices.send(List.copyOf(buffer));
                readingsSent += buffer.size();
                buffer.clear();
            }
            receivePlans(now);
        }
        executor.afterStep(twin);
    }

    private void receivePlans(double now) {
        Instant step = clock.instant(now);
        long started = System.nanoTime();
        long deadline = started + settings.planWait().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            for (TimingPlan plan : plans.poll(Duration.ofNanos(Math.max(0, Math.min(left, 200_000_000L))))) {
                plansReceived++;
                if (plan.dataUntil() != null) {
                    newestDataUntil.merge(plan.intersectionId(), plan.dataUntil(),
                            (a, b) -> a.isAfter(b) ? a : b);
                }
                executor.offer(plan, now);
            }
            if (allCaughtUp(step)) {
                break;
            }
            if (System.nanoTime() >= deadline) {
                if (!settings.planWait().isZero()) {
                    waitsTimedOut++;
                }
                break;
            }
        }
        nanosWaiting += System.nanoTime() - started;
    }

    private boolean allCaughtUp(Instant step) {
        for (String id : intersectionOfSignal.values()) {
            Instant until = newestDataUntil.get(id);
            if (until == null || until.isBefore(step)) {
                return false;
            }
        }
        return true;
    }

    public Stats stats() {
        return new Stats(readingsSent, plansReceived, decisionSteps, waitsTimedOut, nanosWaiting / 1e9);
    }

    /** Occupancy as field devices send it: three decimals. */
    public static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
