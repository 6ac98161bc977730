package org.greenwave.signal.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.signal.control.PhaseHistory;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;

/**
 * greenwave's second-by-second phase decision, in the spirit of "advanced max-pressure": keep the current green
 * while the vehicles it will still serve in the next seconds (forecast by the {@link DischargeForecaster}) outweigh
 * the pressure (queue in minus queue out) of the best other phase; otherwise switch to that phase. Two guards keep
 * it fair and safe for networks: a phase whose queue has waited longer than the maximum red is served next, and a
 * green never runs so long that the plan's cycle would exceed the intersection's maximum.
 */
public final class PressurePolicy {

    /** Operating limits of the policy (the safety validator's limits stay authoritative). */
    public record Settings(int minGreenSeconds, int maxRedSeconds) {
        public static Settings defaults() {
            return new Settings(10, 60);
        }
    }

    /**
     * The decision for one intersection at one moment.
     *
     * @param current    position (program order) of the phase green now, or being switched to
     * @param next       the phase to go to next
     * @param switchNow  end the current green now
     * @param running    forecast vehicles the current green still serves within the horizon
     * @param pressure   pressure of each phase, by position
     * @param reason     a sentence for engineers
     */
    public record Decision(int current, int next, boolean switchNow, double running, double[] pressure,
                           String reason) {
    }

    private final DischargeForecaster forecaster;
    private final Settings settings;
    private final SwitchValue value;
    private final DecisionTap tap;
    private final Lookahead lookahead;

    public PressurePolicy(DischargeForecaster forecaster, Settings settings) {
        this(forecaster, settings, null, null);
    }

    public PressurePolicy(DischargeForecaster forecaster, Settings settings, SwitchValue value, DecisionTap tap) {
        this(forecaster, settings, value, tap, null);
    }

    /** The product's policy: the guards below, and the {@link Lookahead} for the free switch decision. */
    public static PressurePolicy withLookahead(DischargeForecaster forecaster, Settings settings) {
        return new PressurePolicy(forecaster, settings, null, null, new Lookahead(forecaster));
    }

    /**
     * @param value a learned judgement of switching now (null: the pressure rule alone decides)
     * @param tap   sees and may change every free decision (training data collection); null in operation
     */
    public PressurePolicy(DischargeForecaster forecaster, Settings settings, SwitchValue value, DecisionTap tap,
                          Lookahead lookahead) {
        if (lookahead != null && (value != null || tap != null)) {
            throw new IllegalArgumentException("the switch value and the decision tap belong to the pressure decision");
        }
        this.forecaster = forecaster;
        this.lookahead = lookahead;
        this.settings = settings;
        this.value = value;
        this.tap = tap;
    }

    /** The versions of the learned parts, for plans and reports. */
    public String version() {
        return (lookahead != null ? lookahead.version() : forecaster.version())
                + (value != null ? "+" + value.version() : "");
    }

    public DischargeForecaster forecaster() {
        return forecaster;
    }

    public Settings settings() {
        return settings;
    }

    public Decision decide(IntersectionModel model, TrafficSnapshot snapshot, ControllerState state,
                           PhaseHistory history, int maxGreenNow) {
        int n = model.phaseCount();
        int current = Math.max(0, model.positionOf(state.phaseIndex()));
        Instant now = state.timestamp();
        double[] queue = new double[model.incomingLanes().size()];
        List<ApproachProfile> profiles = new ArrayList<>();
        for (int i = 0; i < queue.length; i++) {
            ApproachProfile p = ApproachProfile.of(model, snapshot, model.incomingLanes().get(i));
            profiles.add(p);
            queue[i] = p.queued();
        }
        double[] pressure = new double[n];
        for (int p = 0; p < n; p++) {
            for (Intersection.Link link : model.linksOf(p)) {
                int lane = model.incomingLanes().indexOf(link.fromLane());
                pressure[p] += (lane >= 0 ? queue[lane] : 0) - ApproachProfile.exitQueue(model, snapshot, link.toLane());
            }
        }
        int best = -1;
        for (int p = 0; p < n; p++) {
            if (p != current && (best < 0 || pressure[p] > pressure[best])) {
                best = p;
            }
        }
        if (best < 0) {
            return new Decision(current, current, false, 0, pressure, "Only one phase: nothing to decide.");
        }
        if (state.inTransition() || state.greenSeconds() < settings.minGreenSeconds()) {
            return new Decision(current, best, false, 0, pressure, String.format(
                    "Phase %d keeps green for its minimum of %d s.", model.phases().get(current).index(),
                    settings.minGreenSeconds()));
        }
        // Fairness: a movement with waiting vehicles that has not seen green (protected or permissive) for longer than
        // the maximum red gets its phase next; the longest wait first.
        int starving = -1;
        long longestRed = settings.maxRedSeconds();
        long longestWait = 0;
        for (int p = 0; p < n; p++) {
            if (p == current) {
                continue;
            }
            for (Intersection.Link link : model.linksOf(p)) {
                int lane = model.incomingLanes().indexOf(link.fromLane());
                long red = history.redSeconds(link.index(), now);
                if (lane >= 0 && queue[lane] >= 1) {
                    longestWait = Math.max(longestWait, red);
                }
                if (lane >= 0 && queue[lane] >= 1 && red >= longestRed) {
                    starving = p;
                    longestRed = red;
                }
            }
        }
        if (starving >= 0) {
            return new Decision(current, starving, true, 0, pressure, String.format(
                    "Switching to phase %d: its vehicles have waited %d s, beyond the maximum red of %d s.",
                    model.phases().get(starving).index(), longestRed, settings.maxRedSeconds()));
        }
        if (state.greenSeconds() + 1 > maxGreenNow) {
            // A green that runs to its maximum is a sign that its traffic does not move (in the worst case vehicles
            // turning permissively stand in the junction and block it): next comes the phase whose protected
            // movement with waiting vehicles has gone longest without protected green, which clears such a junction.
            int next = best;
            long longestProtectedRed = -1;
            for (int p = 0; p < n; p++) {
                if (p == current) {
                    continue;
                }
                for (Intersection.Link link : model.linksOf(p)) {
                    int lane = model.incomingLanes().indexOf(link.fromLane());
                    if (lane >= 0 && queue[lane] >= 1 && model.protectedGreen(p, link.index())) {
                        long red = history.protectedRedSeconds(link.index(), now);
                        if (red > longestProtectedRed) {
                            longestProtectedRed = red;
                            next = p;
                        }
                    }
                }
            }
            return new Decision(current, next, true, 0, pressure, String.format(
                    "Switching to phase %d: phase %d reached the longest green the maximum cycle allows (%d s).",
                    model.phases().get(next).index(), model.phases().get(current).index(), maxGreenNow));
        }
        int cur = model.phases().get(current).index();
        if (lookahead != null) {
            Lookahead.Choice c = lookahead.choose(model, snapshot, profiles, current, state.greenSeconds(), maxGreenNow,
                    settings.minGreenSeconds());
            if (c.next() >= 0) {
                int alt = model.phases().get(c.next()).index();
                String reason = c.keepCost() < 0.5 && c.switchCost() < 0.5 && !c.switchNow()
                        ? String.format("Keeping phase %d green: no vehicles are waiting or approaching.", cur)
                        : c.switchNow()
                        ? String.format("Switching to phase %d: over the next %d s the look-ahead expects %.0f"
                        + " vehicle-seconds of waiting, against %.0f when keeping phase %d green.", alt,
                        Lookahead.HORIZON_SECONDS, c.switchCost(), c.keepCost(), cur)
                        : String.format("Keeping phase %d green: over the next %d s the look-ahead expects %.0f"
                        + " vehicle-seconds of waiting, against %.0f when switching to phase %d now.", cur,
                        Lookahead.HORIZON_SECONDS, c.keepCost(), c.switchCost(), alt);
                return new Decision(current, c.next(), c.switchNow(), c.running(), pressure, reason);
            }
        }
        double running = running(model, snapshot, profiles, state, current);
        int alt = model.phases().get(best).index();
        // the pressure rule ("advanced max-pressure")
        boolean ruleSwitch;
        String reason;
        if (running > 0 && running >= pressure[best]) {
            ruleSwitch = false;
            reason = String.format("Keeping phase %d green: %.1f vehicles will still cross within %d s (%s), more than"
                    + " the pressure %.0f of phase %d.", cur, running, forecaster.horizonSeconds(),
                    forecaster.version(), pressure[best], alt);
        } else if (pressure[best] > pressure[current] || (running <= 0 && pressure[best] > 0)) {
            ruleSwitch = true;
            reason = String.format("Switching to phase %d: its pressure %.0f (queue in minus queue out) outweighs the"
                    + " %.1f vehicles phase %d would still serve within %d s.", alt, pressure[best], running, cur,
                    forecaster.horizonSeconds());
        } else {
            ruleSwitch = false;
            reason = String.format("Keeping phase %d green: no other phase has more pressure (best: phase %d with %.0f).",
                    cur, alt, pressure[best]);
        }
        boolean doSwitch = ruleSwitch;
        if (value != null || tap != null) {
            float[] features = DecisionFeatures.of(model, profiles, queue, pressure, running, current, best,
                    state.greenSeconds(), longestWait);
            if (value != null && pressure[best] > 0) {
                double perLane = value.advantageOfSwitching(features);
                double advantage = perLane * model.incomingLanes().size();
                doSwitch = perLane > 0;
                reason = doSwitch
                        ? String.format("Switching to phase %d: the learned value (%s) expects %.0f vehicle-seconds less"
                        + " waiting over the next minute than keeping phase %d (pressure %.0f against %.1f vehicles"
                        + " still crossing).", alt, value.version(), advantage, cur, pressure[best], running)
                        : String.format("Keeping phase %d green: the learned value (%s) expects switching to phase %d"
                        + " to cost %.0f vehicle-seconds of waiting over the next minute (%.1f vehicles still crossing,"
                        + " pressure there %.0f).", cur, value.version(), alt, -advantage, running, pressure[best]);
            }
            if (tap != null) {
                boolean tapped = tap.decide(model.id(), now, features, doSwitch);
                if (tapped != doSwitch) {
                    reason = "Exploring (training data): " + (tapped ? "switching to phase " + alt : "keeping phase " + cur)
                            + ".";
                }
                doSwitch = tapped;
            }
        }
        return new Decision(current, best, doSwitch, running, pressure, reason);
    }

    private double running(IntersectionModel model, TrafficSnapshot snapshot, List<ApproachProfile> profiles,
                           ControllerState state, int position) {
        List<DischargeForecaster.LaneContext> lanes = new ArrayList<>();
        List<Intersection.Link> links = model.linksOf(position);
        for (Intersection.Link link : links) {
            int lane = model.incomingLanes().indexOf(link.fromLane());
            if (lane < 0) {
                continue;
            }
            int feeds = 0;
            for (Intersection.Link l : model.intersection().links()) {
                if (link.fromLane().equals(l.fromLane())) {
                    feeds++;
                }
            }
            double exit = ApproachProfile.exitQueue(model, snapshot, link.toLane());
            lanes.add(new DischargeForecaster.LaneContext(profiles.get(lane), model.protectedGreen(position, link.index()),
                    state.greenSeconds(), feeds, exit));
        }
        double sum = 0;
        for (double v : forecaster.forecast(lanes)) {
            sum += Math.max(0, v);
        }
        return sum;
    }
}
