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
            return new Settings(10, 120);
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

    public PressurePolicy(DischargeForecaster forecaster, Settings settings) {
        this.forecaster = forecaster;
        this.settings = settings;
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
        for (int p = 0; p < n; p++) {
            if (p == current) {
                continue;
            }
            for (Intersection.Link link : model.linksOf(p)) {
                int lane = model.incomingLanes().indexOf(link.fromLane());
                long red = history.redSeconds(link.index(), now);
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
            return new Decision(current, best, true, 0, pressure, String.format(
                    "Switching to phase %d: phase %d reached the longest green the maximum cycle allows (%d s).",
                    model.phases().get(best).index(), model.phases().get(current).index(), maxGreenNow));
        }
        double running = running(model, snapshot, profiles, state, current);
        int cur = model.phases().get(current).index();
        int alt = model.phases().get(best).index();
        if (running > 0 && running >= pressure[best]) {
            return new Decision(current, best, false, running, pressure, String.format(
                    "Keeping phase %d green: %.1f vehicles will still cross within %d s (%s), more than the"
                            + " pressure %.0f of phase %d.", cur, running, forecaster.horizonSeconds(),
                    forecaster.version(), pressure[best], alt));
        }
        if (pressure[best] > pressure[current] || (running <= 0 && pressure[best] > 0)) {
            return new Decision(current, best, true, running, pressure, String.format(
                    "Switching to phase %d: its pressure %.0f (queue in minus queue out) outweighs the %.1f vehicles"
                            + " phase %d would still serve within %d s.", alt, pressure[best], running, cur,
                    forecaster.horizonSeconds()));
        }
        return new Decision(current, best, false, running, pressure, String.format(
                "Keeping phase %d green: no other phase has more pressure (best: phase %d with %.0f).", cur, alt,
                pressure[best]));
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
