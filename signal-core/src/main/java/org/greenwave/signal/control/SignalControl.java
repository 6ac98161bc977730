package org.greenwave.signal.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;
import org.greenwave.signal.safety.SafetyValidator;
import org.greenwave.signal.safety.Violation;

/**
 * The event-time control loop of all intersections: keeps each intersection's latest detector readings, decides
 * when a new plan is due, asks the planning strategy, and lets only plans that pass the safety validator through.
 * Plain Java and single-threaded by design: the service feeds it from one consumer thread per partition.
 */
public final class SignalControl {

    /** Settings of the loop. */
    public record Settings(Duration decisionInterval, Duration staleAfter) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(120));
        }
    }

    /** Everything the loop holds for one intersection. */
    static final class State {
        final IntersectionModel model;
        final Map<String, DetectorReading> latest = new HashMap<>();
        Instant eventTime;
        Instant lastDecision;
        TimingPlan lastPublished;

        State(IntersectionModel model) {
            this.model = model;
        }
    }

    private final PlanningStrategy strategy;
    private final SafetyValidator validator;
    private final Settings settings;
    private final Map<String, State> states = new HashMap<>();

    public SignalControl(PlanningStrategy strategy, SafetyValidator validator, Settings settings) {
        this.strategy = strategy;
        this.validator = validator;
        this.settings = settings;
    }

    /** Adds or updates an intersection (from the registry); its readings so far are kept if the id is known. */
    public void register(Intersection intersection) {
        State previous = states.get(intersection.id());
        State state = new State(new IntersectionModel(intersection));
        if (previous != null) {
            state.latest.putAll(previous.latest);
            state.eventTime = previous.eventTime;
            state.lastDecision = previous.lastDecision;
            state.lastPublished = previous.lastPublished;
        }
        states.put(intersection.id(), state);
    }

    public Collection<IntersectionModel> intersections() {
        return states.values().stream().map(s -> s.model).toList();
    }

    public Optional<TimingPlan> lastPublished(String intersectionId) {
        State s = states.get(intersectionId);
        return s == null ? Optional.empty() : Optional.ofNullable(s.lastPublished);
    }

    /**
     * Takes one validated reading. Returns the decisions it triggered: none while the intersection is unknown or
     * its next decision is not due (in event time).
     */
    public List<Decision> onReading(DetectorReading reading) {
        State state = states.get(reading.intersectionId());
        if (state == null) {
            return List.of();
        }
        DetectorReading previous = state.latest.get(reading.detectorId());
        if (previous == null || !reading.timestamp().isBefore(previous.timestamp())) {
            state.latest.put(reading.detectorId(), reading);
        }
        if (state.eventTime == null || reading.timestamp().isAfter(state.eventTime)) {
            state.eventTime = reading.timestamp();
        }
        if (state.lastDecision != null
                && state.eventTime.isBefore(state.lastDecision.plus(settings.decisionInterval()))) {
            return List.of();
        }
        return List.of(decide(state));
    }

    private Decision decide(State state) {
        state.lastDecision = state.eventTime;
        TrafficSnapshot snapshot = snapshot(state);
        TimingPlan candidate = strategy.propose(state.model, snapshot, state.eventTime);
        List<Violation> violations = validator.validate(state.model.intersection(), state.model.conflicts(), candidate);
        if (!violations.isEmpty()) {
            return new Decision(candidate, violations, Decision.Action.REFUSED);
        }
        state.lastPublished = candidate;
        return new Decision(candidate, List.of(), Decision.Action.PUBLISH);
    }

    /** Readings no older than the staleness limit, as of the intersection's event time. */
    private TrafficSnapshot snapshot(State state) {
        Instant oldest = state.eventTime.minus(settings.staleAfter());
        Map<String, DetectorReading> fresh = new HashMap<>();
        for (var e : state.latest.entrySet()) {
            if (!e.getValue().timestamp().isBefore(oldest)) {
                fresh.put(e.getKey(), e.getValue());
            }
        }
        return new TrafficSnapshot(state.eventTime, fresh);
    }

    public static List<Decision> published(List<Decision> decisions) {
        List<Decision> out = new ArrayList<>();
        for (Decision d : decisions) {
            if (d.action() == Decision.Action.PUBLISH) {
                out.add(d);
            }
        }
        return out;
    }
}
