package org.greenwave.signal.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;
import org.greenwave.signal.optimizer.QueueSplitPlanner;
import org.greenwave.signal.safety.SafetyValidator;
import org.greenwave.signal.safety.Violation;

/**
 * The event-time control loop of all intersections. It keeps each intersection's latest detector readings and
 * controller state; when the controller has reported a new second and the detectors for that second are in (or a
 * later reading shows they will not come), it asks the planning strategy for a plan, lets the safety validator
 * check it, and applies the intersection's mode: AUTO publishes, ADVISORY holds a cycle proposal for an engineer,
 * MANUAL keeps the engineer's plan. Intersections whose controller does not report get a cycle plan every
 * decision interval. Plain Java, single-threaded by design: the service serialises calls.
 */
public final class SignalControl {

    /** Settings of the loop. */
    public record Settings(Duration decisionInterval, Duration staleAfter, Duration advisoryInterval) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofMinutes(5));
        }
    }

    /**
     * Readings kept per detector besides its latest: a decision for second t may be due only after a detector's
     * reading for t+1 arrived (a controller reporting late), and it must still see that detector as it was at t.
     */
    static final int EARLIER_READINGS_KEPT = 3;

    /** Everything the loop holds for one intersection. */
    static final class State {
        final IntersectionModel model;
        final Map<String, DetectorReading> latest = new HashMap<>();
        /** Per detector, the readings before its latest, newest first (at most {@link #EARLIER_READINGS_KEPT}). */
        final Map<String, ArrayDeque<DetectorReading>> earlier = new HashMap<>();
        PhaseHistory history;
        ControllerState controller;
        Instant firstReading;
        Instant eventTime;
        Instant lastDecision;
        Instant lastProposal;
        ControlMode mode = ControlMode.AUTO;
        TimingPlan lastPublished;
        TimingPlan pending;

        State(IntersectionModel model) {
            this.model = model;
        }
    }

    private final PlanningStrategy strategy;
    private final SafetyValidator validator;
    private final Settings settings;
    private final QueueSplitPlanner cyclePlanner = new QueueSplitPlanner();
    private final Map<String, State> states = new HashMap<>();

    public SignalControl(PlanningStrategy strategy, SafetyValidator validator, Settings settings) {
        this.strategy = strategy;
        this.validator = validator;
        this.settings = settings;
    }

    public PlanningStrategy strategy() {
        return strategy;
    }

    /** Adds or updates an intersection (from the registry); what was known about it is kept. */
    public void register(Intersection intersection) {
        State previous = states.get(intersection.id());
        State state = new State(new IntersectionModel(intersection));
        if (previous != null) {
            state.latest.putAll(previous.latest);
            state.earlier.putAll(previous.earlier);
            state.controller = previous.controller;
            state.eventTime = previous.eventTime;
            state.lastDecision = previous.lastDecision;
            state.lastProposal = previous.lastProposal;
            state.mode = previous.mode;
            state.lastPublished = previous.lastPublished;
            state.pending = previous.pending;
            if (previous.model.intersection().links().size() == state.model.intersection().links().size()) {
                state.history = previous.history;
            }
        }
        states.put(intersection.id(), state);
    }

    public Collection<IntersectionModel> intersections() {
        return states.values().stream().map(s -> s.model).toList();
    }

    public Optional<IntersectionModel> intersection(String id) {
        return Optional.ofNullable(states.get(id)).map(s -> s.model);
    }

    public Optional<TimingPlan> lastPublished(String id) {
        return Optional.ofNullable(states.get(id)).map(s -> s.lastPublished);
    }

    public Optional<TimingPlan> pending(String id) {
        return Optional.ofNullable(states.get(id)).map(s -> s.pending);
    }

    public Optional<ControllerState> controllerState(String id) {
        return Optional.ofNullable(states.get(id)).map(s -> s.controller);
    }

    public ControlMode mode(String id) {
        State s = states.get(id);
        return s == null ? ControlMode.AUTO : s.mode;
    }

    /** A snapshot of an intersection's fresh readings (for the dashboard and explanations). */
    public Optional<TrafficSnapshot> snapshot(String id) {
        State s = states.get(id);
        return s == null || s.eventTime == null ? Optional.empty() : Optional.of(snapshot(s));
    }

    /** Takes one validated reading; returns the decisions it triggered. */
    public List<Decision> onReading(DetectorReading reading) {
        State state = states.get(reading.intersectionId());
        if (state == null) {
            return List.of();
        }
        remember(state, reading);
        if (state.eventTime == null || reading.timestamp().isAfter(state.eventTime)) {
            state.eventTime = reading.timestamp();
        }
        if (state.firstReading == null) {
            state.firstReading = reading.timestamp();
        }
        return due(state);
    }

    /** Keeps a reading as its detector's latest; the one it replaces stays among the earlier ones. */
    private static void remember(State state, DetectorReading reading) {
        DetectorReading previous = state.latest.get(reading.detectorId());
        if (previous != null && reading.timestamp().isBefore(previous.timestamp())) {
            return;
        }
        if (previous != null && reading.timestamp().isAfter(previous.timestamp())) {
            ArrayDeque<DetectorReading> kept =
                    state.earlier.computeIfAbsent(reading.detectorId(), k -> new ArrayDeque<>());
            kept.addFirst(previous);
            if (kept.size() > EARLIER_READINGS_KEPT) {
                kept.removeLast();
            }
        }
        state.latest.put(reading.detectorId(), reading);
    }

    /** Takes a controller's report of what it shows; returns the decisions it triggered. */
    public List<Decision> onControllerState(ControllerState report) {
        State state = states.get(report.intersectionId());
        if (state == null) {
            return List.of();
        }
        if (state.controller != null && report.timestamp().isBefore(state.controller.timestamp())) {
            return List.of();
        }
        state.controller = report;
        if (state.history == null) {
            state.history = new PhaseHistory(state.model.intersection().links().size(), report.timestamp());
        }
        state.history.shown(report.state(), report.timestamp());
        return due(state);
    }

    private List<Decision> due(State state) {
        if (state.mode == ControlMode.MANUAL || state.eventTime == null) {
            return List.of();
        }
        if (state.mode == ControlMode.ADVISORY) {
            return proposeForApproval(state);
        }
        ControllerState controller = state.controller;
        boolean reporting = controller != null
                && !controller.timestamp().isBefore(state.eventTime.minus(settings.staleAfter()));
        if (!reporting) {
            // A controller that does not report (or stopped) gets cycle plans from the detectors alone. Wait one
            // interval after the first reading, so that a reporting controller's first state can arrive.
            Instant since = state.lastDecision != null ? state.lastDecision : state.firstReading;
            if (state.eventTime.isBefore(since.plus(settings.decisionInterval()))) {
                return List.of();
            }
            state.controller = null;
            return List.of(decide(state, state.eventTime));
        }
        Instant t = controller.timestamp();
        if (state.lastDecision != null && !t.isAfter(state.lastDecision)) {
            return List.of();
        }
        if (!readingsComplete(state, t)) {
            return List.of();
        }
        return List.of(decide(state, t));
    }

    /** Every detector has reported for second t, or some reading is already newer (the others are late or broken). */
    private static boolean readingsComplete(State state, Instant t) {
        if (state.eventTime.isAfter(t)) {
            return true;
        }
        for (Intersection.Detector d : state.model.intersection().detectors()) {
            DetectorReading r = state.latest.get(d.id());
            if (r == null || r.timestamp().isBefore(t)) {
                return false;
            }
        }
        return true;
    }

    private Decision decide(State state, Instant t) {
        state.lastDecision = t;
        if (state.history == null) {
            state.history = new PhaseHistory(state.model.intersection().links().size(), t);
        }
        TrafficSnapshot snapshot = snapshot(state, t);
        TimingPlan candidate = strategy.propose(state.model, snapshot, state.controller, state.history);
        List<Violation> violations = validator.validate(state.model.intersection(), state.model.conflicts(), candidate);
        if (!violations.isEmpty()) {
            return new Decision(candidate, violations, Decision.Action.REFUSED);
        }
        state.lastPublished = candidate;
        return new Decision(candidate, List.of(), Decision.Action.PUBLISH);
    }

    private List<Decision> proposeForApproval(State state) {
        if (state.lastProposal != null
                && state.eventTime.isBefore(state.lastProposal.plus(settings.advisoryInterval()))) {
            return List.of();
        }
        state.lastProposal = state.eventTime;
        TimingPlan candidate = cyclePlanner.plan(state.model, snapshot(state), state.eventTime, ControlMode.ADVISORY.name());
        List<Violation> violations = validator.validate(state.model.intersection(), state.model.conflicts(), candidate);
        if (!violations.isEmpty()) {
            return List.of(new Decision(candidate, violations, Decision.Action.REFUSED));
        }
        state.pending = candidate;
        return List.of(new Decision(candidate, List.of(), Decision.Action.HOLD));
    }

    // ---------------------------------------------------------------- recovery (no decisions)

    /**
     * Takes back a reading read again from Kafka after a restart or a moved partition: the state is rebuilt, but no
     * decision is made (those seconds were decided before, by this or another instance).
     */
    public void restoreReading(DetectorReading reading) {
        State state = states.get(reading.intersectionId());
        if (state == null) {
            return;
        }
        remember(state, reading);
        if (state.eventTime == null || reading.timestamp().isAfter(state.eventTime)) {
            state.eventTime = reading.timestamp();
        }
        if (state.firstReading == null) {
            state.firstReading = reading.timestamp();
        }
    }

    /** Takes back a controller report read again from Kafka (no decision). */
    public void restoreControllerState(ControllerState report) {
        State state = states.get(report.intersectionId());
        if (state == null || (state.controller != null && report.timestamp().isBefore(state.controller.timestamp()))) {
            return;
        }
        state.controller = report;
        if (state.history == null) {
            state.history = new PhaseHistory(state.model.intersection().links().size(), report.timestamp());
        }
        state.history.shown(report.state(), report.timestamp());
    }

    /**
     * Takes back a plan already published (read from {@code signal.timing-plans}): the seconds up to its data time
     * count as decided, so that no plan is published twice after a partition moved.
     */
    public void restorePublished(TimingPlan plan) {
        State state = states.get(plan.intersectionId());
        if (state == null) {
            return;
        }
        Instant decided = plan.dataUntil() != null ? plan.dataUntil() : plan.validFrom();
        if (decided != null && (state.lastDecision == null || decided.isAfter(state.lastDecision))) {
            state.lastDecision = decided;
            state.lastPublished = plan;
        }
    }

    /** Switches an intersection's mode (an engineer's action); leaving ADVISORY drops a pending proposal. */
    public void setMode(String id, ControlMode mode) {
        State s = require(id);
        s.mode = mode;
        if (mode != ControlMode.ADVISORY) {
            s.pending = null;
        }
        s.lastProposal = null;
    }

    /**
     * An engineer approves the pending advisory plan: it is validated again (the registry may have changed) and
     * becomes the plan to publish, marked with the approver.
     */
    public Decision approve(String id, String planId, String engineer) {
        State s = require(id);
        TimingPlan pending = s.pending;
        if (pending == null || !pending.planId().equals(planId)) {
            throw new IllegalStateException("no pending plan " + planId + " for " + id);
        }
        TimingPlan approved = withApproval(pending, ControlMode.ADVISORY, engineer);
        return accept(s, approved);
    }

    /** An engineer rejects the pending advisory plan; the controller keeps what it runs. */
    public TimingPlan reject(String id, String planId) {
        State s = require(id);
        TimingPlan pending = s.pending;
        if (pending == null || !pending.planId().equals(planId)) {
            throw new IllegalStateException("no pending plan " + planId + " for " + id);
        }
        s.pending = null;
        return pending;
    }

    /** An engineer sets a fixed plan (MANUAL mode): validated like any other, then held. */
    public Decision manual(String id, TimingPlan plan, String engineer) {
        State s = require(id);
        s.mode = ControlMode.MANUAL;
        s.pending = null;
        return accept(s, withApproval(plan, ControlMode.MANUAL, engineer));
    }

    private Decision accept(State s, TimingPlan plan) {
        List<Violation> violations = validator.validate(s.model.intersection(), s.model.conflicts(), plan);
        if (!violations.isEmpty()) {
            return new Decision(plan, violations, Decision.Action.REFUSED);
        }
        s.pending = null;
        s.lastPublished = plan;
        return new Decision(plan, List.of(), Decision.Action.PUBLISH);
    }

    private static TimingPlan withApproval(TimingPlan p, ControlMode mode, String engineer) {
        return new TimingPlan(p.planId(), p.intersectionId(), p.validFrom(), p.dataUntil(), p.cycleSeconds(),
                p.offsetSeconds(), p.phases(), p.modelVersion(), p.explanation(), mode.name(), engineer);
    }

    private State require(String id) {
        State s = states.get(id);
        if (s == null) {
            throw new IllegalArgumentException("unknown intersection " + id);
        }
        return s;
    }

    private TrafficSnapshot snapshot(State state) {
        return snapshot(state, state.eventTime);
    }

    /**
     * Each detector's newest reading not newer than t (so that a decision for t is the same whichever messages of
     * t+1 came in before it), left out when older than the staleness limit.
     */
    private TrafficSnapshot snapshot(State state, Instant t) {
        Instant oldest = t.minus(settings.staleAfter());
        Map<String, DetectorReading> fresh = new HashMap<>();
        for (var e : state.latest.entrySet()) {
            DetectorReading r = e.getValue();
            if (r.timestamp().isAfter(t)) {
                r = null;
                ArrayDeque<DetectorReading> kept = state.earlier.get(e.getKey());
                for (DetectorReading before : kept == null ? List.<DetectorReading>of() : kept) {
                    if (!before.timestamp().isAfter(t)) {
                        r = before;
                        break;
                    }
                }
            }
            if (r != null && !r.timestamp().isBefore(oldest)) {
                fresh.put(e.getKey(), r);
            }
        }
        return new TrafficSnapshot(t, fresh);
    }

}
