package org.greenwave.cli.twin;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.policy.DecisionTap;
import org.greenwave.signal.policy.LearnedSwitchValue;
import org.greenwave.sumo.twin.Twin;

/**
 * Collects training samples for the learned switch value while the twin runs: every free decision of the policy
 * (its features and whether it switched), labelled with the waiting that really followed at that intersection —
 * the halting vehicles on its approaches, summed over the next {@code horizon} seconds, per approach lane. With
 * probability {@code exploration} a decision is turned around (a switch becomes a few seconds more green, a keep
 * becomes a switch), so that the data shows both choices in similar situations.
 */
public final class DecisionSampleCollector implements DecisionTap, InProcessGreenwave.Observer {

    private final int horizon;
    private final double exploration;
    private final int group;
    private final Random random;
    private final List<LearnedSwitchValue.Sample> samples = new ArrayList<>();
    private final Map<String, Set<String>> approachDetectors = new HashMap<>();
    private final Map<String, Integer> lanes = new HashMap<>();
    private final Map<String, Integer> holdUntil = new HashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final List<Pending> decidedThisSecond = new ArrayList<>();
    private int second;

    private static final class Pending {
        final int second;
        final String intersection;
        final float[] features;
        final boolean switched;
        double waiting;

        Pending(int second, String intersection, float[] features, boolean switched) {
            this.second = second;
            this.intersection = intersection;
            this.features = features;
            this.switched = switched;
        }
    }

    public DecisionSampleCollector(int horizon, double exploration, int group, long seed) {
        this.horizon = horizon;
        this.exploration = exploration;
        this.group = group;
        this.random = new Random(seed);
    }

    @Override
    public void started(Map<String, Intersection> records) {
        for (Intersection r : records.values()) {
            Set<String> ids = new HashSet<>();
            Set<String> approachLanes = new HashSet<>();
            for (Intersection.Detector d : r.detectors()) {
                if (!Intersection.Detector.EXIT.equals(d.role())) {
                    ids.add(d.id());
                    approachLanes.add(d.lane());
                }
            }
            approachDetectors.put(r.id(), ids);
            lanes.put(r.id(), Math.max(1, approachLanes.size()));
        }
    }

    @Override
    public boolean decide(String intersectionId, Instant time, float[] features, boolean proposed) {
        boolean decision = proposed;
        Integer hold = holdUntil.get(intersectionId);
        if (hold != null && second < hold) {
            decision = false;
        } else if (random.nextDouble() < exploration) {
            decision = !proposed;
            if (!decision) {
                holdUntil.put(intersectionId, second + 2 + random.nextInt(4));
            }
        }
        decidedThisSecond.add(new Pending(second + 1, intersectionId, features, decision));
        return decision;
    }

    @Override
    public void onSecond(Twin twin, double now, List<DetectorReading> readings, List<ControllerState> states) {
        // decisions made in this second (the loop decides before calling observers) start counting from the next one
        second++;
        Map<String, Double> waiting = new HashMap<>();
        for (DetectorReading r : readings) {
            Set<String> ids = approachDetectors.get(r.intersectionId());
            if (ids != null && ids.contains(r.detectorId()) && r.haltingVehicles() != null) {
                waiting.merge(r.intersectionId(), (double) r.haltingVehicles(), Double::sum);
            }
        }
        for (Pending p : pending) {
            if (second > p.second && second <= p.second + horizon) {
                p.waiting += waiting.getOrDefault(p.intersection, 0.0);
            }
        }
        while (!pending.isEmpty() && second >= pending.peekFirst().second + horizon) {
            Pending p = pending.removeFirst();
            samples.add(new LearnedSwitchValue.Sample(p.features, p.switched,
                    (float) (p.waiting / lanes.getOrDefault(p.intersection, 1)), group));
        }
        for (Pending p : decidedThisSecond) {
            pending.addLast(new Pending(second, p.intersection, p.features, p.switched));
        }
        decidedThisSecond.clear();
    }

    public List<LearnedSwitchValue.Sample> samples() {
        return samples;
    }
}
