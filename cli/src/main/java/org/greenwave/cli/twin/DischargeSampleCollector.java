package org.greenwave.cli.twin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;
import org.greenwave.signal.policy.ApproachProfile;
import org.greenwave.signal.policy.DischargeFeatures;
import org.greenwave.signal.policy.DischargeForecaster;
import org.greenwave.signal.policy.DischargeTrainer;
import org.greenwave.signal.policy.HeuristicDischarge;
import org.greenwave.sumo.traci.Query;
import org.greenwave.sumo.twin.Twin;

/**
 * Collects training samples for the learned discharge model while the twin runs: for every approach lane that shows
 * green, its features at second t (exactly what the optimizer would see) and, once known, how many vehicles really
 * left the lane over its stop line during the next {@code horizon} seconds — kept only if the lane stayed green
 * throughout, because the model answers "if the green continues".
 */
public final class DischargeSampleCollector implements InProcessGreenwave.Observer {

    private final int horizon;
    private final int group;
    private final List<DischargeTrainer.Sample> samples = new ArrayList<>();
    private final HeuristicDischarge heuristic = new HeuristicDischarge();
    private Map<String, IntersectionModel> models;
    /** lane -> vehicles on it in the previous second. */
    private final Map<String, Set<String>> onLane = new HashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private List<String> lanes;
    private int second;

    private record Pending(int second, String intersection, String lane, float[] features, float heuristic,
                           int[] crossedPerSecond, boolean[] greenPerSecond) {
    }

    /**
     * @param group samples of one run (or stretch) share a group, so that validation holds out whole stretches
     */
    public DischargeSampleCollector(int horizon, int group) {
        this.horizon = horizon;
        this.group = group;
    }

    @Override
    public void started(Map<String, Intersection> records) {
        models = new HashMap<>();
        Set<String> all = new HashSet<>();
        for (Intersection record : records.values()) {
            IntersectionModel m = new IntersectionModel(record);
            models.put(record.id(), m);
            all.addAll(m.incomingLanes());
        }
        lanes = List.copyOf(all);
    }

    @Override
    public void onSecond(Twin twin, double now, List<DetectorReading> readings, List<ControllerState> states) {
        second++;
        Map<String, Integer> crossed = crossings(twin);
        Map<String, ControllerState> stateOf = new HashMap<>();
        states.forEach(s -> stateOf.put(s.intersectionId(), s));
        // settle the labels of pending samples
        for (Pending p : pending) {
            int k = second - p.second();
            if (k >= 1 && k <= horizon) {
                p.crossedPerSecond()[k - 1] = crossed.getOrDefault(p.lane(), 0);
                ControllerState s = stateOf.get(p.intersection());
                p.greenPerSecond()[k - 1] = s != null && laneGreen(models.get(p.intersection()), s, p.lane());
            }
        }
        while (!pending.isEmpty() && second - pending.peekFirst().second() >= horizon) {
            Pending p = pending.removeFirst();
            boolean green = true;
            int sum = 0;
            for (int k = 0; k < horizon; k++) {
                green &= p.greenPerSecond()[k];
                sum += p.crossedPerSecond()[k];
            }
            if (green) {
                samples.add(new DischargeTrainer.Sample(p.features(), sum, p.heuristic(), group));
            }
        }
        // new samples for lanes green now
        Map<String, Map<String, DetectorReading>> byIntersection = new HashMap<>();
        for (DetectorReading r : readings) {
            byIntersection.computeIfAbsent(r.intersectionId(), k -> new HashMap<>()).put(r.detectorId(), r);
        }
        for (ControllerState s : states) {
            IntersectionModel m = models.get(s.intersectionId());
            if (m == null || s.inTransition()) {
                continue;
            }
            TrafficSnapshot snapshot = new TrafficSnapshot(s.timestamp(),
                    byIntersection.getOrDefault(s.intersectionId(), Map.of()));
            int position = m.positionOf(s.phaseIndex());
            if (position < 0) {
                continue;
            }
            for (String lane : m.lanesOf(position)) {
                var context = context(m, snapshot, position, lane, s.greenSeconds());
                float h = (float) heuristic.forecast(List.of(context))[0];
                pending.addLast(new Pending(second, s.intersectionId(), lane, DischargeFeatures.of(context), h,
                        new int[horizon], new boolean[horizon]));
            }
        }
    }

    static DischargeForecaster.LaneContext context(IntersectionModel m, TrafficSnapshot snapshot, int position,
                                                   String lane, int greenSeconds) {
        return DischargeForecaster.LaneContext.of(m, snapshot, position, lane, greenSeconds);
    }

    private static boolean laneGreen(IntersectionModel m, ControllerState s, String lane) {
        for (Intersection.Link link : m.intersection().links()) {
            if (lane.equals(link.fromLane()) && link.index() < s.state().length()) {
                char c = s.state().charAt(link.index());
                if (c == 'G' || c == 'g') {
                    return true;
                }
            }
        }
        return false;
    }

    /** Vehicles that were on each approach lane a second ago and are not any more (they crossed the stop line). */
    private Map<String, Integer> crossings(Twin twin) {
        List<Query<List<String>>> queries = new ArrayList<>(lanes.size());
        for (String lane : lanes) {
            queries.add(twin.sumo().lanes().vehicleIdsQuery(lane));
        }
        List<List<String>> now = Query.runAll(twin.sumo().connection(), queries);
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            Set<String> current = new HashSet<>(now.get(i));
            Set<String> before = onLane.put(lanes.get(i), current);
            int left = 0;
            if (before != null) {
                for (String v : before) {
                    if (!current.contains(v)) {
                        left++;
                    }
                }
            }
            out.put(lanes.get(i), left);
        }
        return out;
    }

    public List<DischargeTrainer.Sample> samples() {
        return samples;
    }
}
