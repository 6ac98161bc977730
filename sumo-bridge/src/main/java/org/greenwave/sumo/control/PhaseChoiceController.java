package org.greenwave.sumo.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greenwave.sumo.net.SignalStates;
import org.greenwave.sumo.traci.Query;
import org.greenwave.sumo.traci.Sumo;
import org.greenwave.sumo.traci.TrafficLightDomain.ControlledLink;
import org.greenwave.sumo.traci.TrafficLightProgram;
import org.greenwave.sumo.twin.Twin;

/**
 * The SPEC's acyclic baselines {@code max-pressure} and {@code greedy}, exactly as defined there (and in the
 * reference {@code baseline.py}):
 * <ul>
 *   <li>phases of a signal = the green phases of its own (first) program, in program order; signals with fewer
 *       than two stay on their program;</li>
 *   <li>every {@value #DELTA} s, once the current green has run {@value #MIN_GREEN} s, each green phase is scored
 *       over its green links, once per link (a lane feeding two links counts twice);</li>
 *   <li>the best phase is taken only when it scores strictly higher than the current one; links losing green
 *       get {@value #YELLOW} s of yellow first.</li>
 * </ul>
 * Lane values are read at decision time in one TraCI round trip per signal (two for greedy).
 */
public final class PhaseChoiceController implements SignalController {

    public static final int MIN_GREEN = 10;
    public static final int DELTA = 5;
    public static final int YELLOW = 3;
    /** Greedy counts vehicles this close to the stop line, metres (RESCO's max wave). */
    public static final double GREEDY_RANGE = 50.0;

    /** How a phase is scored. */
    public enum Score {
        /** sum over green links of (halting on incoming lane - halting on outgoing lane) */
        MAX_PRESSURE("max-pressure"),
        /** sum over green links of vehicles on the incoming lane within 50 m of the stop line */
        GREEDY("greedy");

        private final String controllerName;

        Score(String controllerName) {
            this.controllerName = controllerName;
        }
    }

    private static final class SignalState {
        final String id;
        final List<String> phases;
        final List<Integer> greens;
        final List<ControlledLink> links;
        int current;
        double since;
        double yellowUntil = Double.NaN;
        int next;

        SignalState(String id, List<String> phases, List<Integer> greens, List<ControlledLink> links, double now) {
            this.id = id;
            this.phases = phases;
            this.greens = greens;
            this.links = links;
            this.current = greens.get(0);
            this.since = now;
        }
    }

    private final Score score;
    private final List<SignalState> signals = new ArrayList<>();
    private final Map<String, Double> laneLengths = new HashMap<>();

    public PhaseChoiceController(Score score) {
        this.score = score;
    }

    @Override
    public String name() {
        return score.controllerName;
    }

    @Override
    public void start(Twin twin) {
        Sumo sumo = twin.sumo();
        double now = twin.time();
        Set<String> incoming = new LinkedHashSet<>();
        for (String id : sumo.trafficLights().idList()) {
            TrafficLightProgram program = sumo.trafficLights().programs(id).get(0);
            List<String> phases = program.phases().stream().map(TrafficLightProgram.Phase::state).toList();
            List<Integer> greens = new ArrayList<>();
            for (int i = 0; i < phases.size(); i++) {
                if (SignalStates.isGreenPhase(phases.get(i))) {
                    greens.add(i);
                }
            }
            if (greens.size() < 2) {
                continue;
            }
            List<ControlledLink> links = new ArrayList<>();
            for (List<ControlledLink> perIndex : sumo.trafficLights().controlledLinks(id)) {
                links.add(perIndex.isEmpty() ? null : perIndex.get(0));
                if (!perIndex.isEmpty()) {
                    incoming.add(perIndex.get(0).fromLane());
                }
            }
            SignalState s = new SignalState(id, phases, greens, links, now);
            signals.add(s);
            sumo.trafficLights().setState(id, phases.get(s.current));
        }
        List<String> lanes = new ArrayList<>(incoming);
        List<Double> lengths = Query.runAll(sumo.connection(), lanes.stream().map(sumo.lanes()::lengthQuery).toList());
        for (int i = 0; i < lanes.size(); i++) {
            laneLengths.put(lanes.get(i), lengths.get(i));
        }
    }

    @Override
    public void afterStep(Twin twin) {
        double now = twin.time();
        Sumo sumo = twin.sumo();
        for (SignalState s : signals) {
            if (!Double.isNaN(s.yellowUntil)) {
                if (now >= s.yellowUntil) {
                    s.current = s.next;
                    s.since = now;
                    s.yellowUntil = Double.NaN;
                    sumo.trafficLights().setState(s.id, s.phases.get(s.current));
                }
                continue;
            }
            long elapsed = (long) (now - s.since);
            if (now - s.since >= MIN_GREEN && elapsed % DELTA == 0) {
                Map<Integer, Integer> scores = scores(sumo, s);
                int best = s.greens.get(0);
                for (int g : s.greens) {
                    if (scores.get(g) > scores.get(best)) {
                        best = g; // first of the highest, as Python's max()
                    }
                }
                if (best != s.current && scores.get(best) > scores.get(s.current)) {
                    sumo.trafficLights().setState(s.id,
                            SignalStates.yellowBetween(s.phases.get(s.current), s.phases.get(best)));
                    s.yellowUntil = now + YELLOW;
                    s.next = best;
                }
            }
        }
    }

    private Map<Integer, Integer> scores(Sumo sumo, SignalState s) {
        Map<String, Integer> laneValue = score == Score.MAX_PRESSURE ? halting(sumo, s) : nearStopLine(sumo, s);
        Map<Integer, Integer> scores = new LinkedHashMap<>();
        for (int g : s.greens) {
            String state = s.phases.get(g);
            int p = 0;
            for (int i = 0; i < s.links.size() && i < state.length(); i++) {
                ControlledLink l = s.links.get(i);
                if (l == null || !SignalStates.isGreenLight(state.charAt(i))) {
                    continue;
                }
                if (score == Score.MAX_PRESSURE) {
                    p += laneValue.get(l.fromLane()) - laneValue.get(l.toLane());
                } else {
                    p += laneValue.get(l.fromLane());
                }
            }
            scores.put(g, p);
        }
        return scores;
    }

    private static Map<String, Integer> halting(Sumo sumo, SignalState s) {
        Set<String> lanes = new LinkedHashSet<>();
        for (ControlledLink l : s.links) {
            if (l != null) {
                lanes.add(l.fromLane());
                lanes.add(l.toLane());
            }
        }
        List<String> ids = new ArrayList<>(lanes);
        List<Integer> values = Query.runAll(sumo.connection(), ids.stream().map(sumo.lanes()::haltingNumberQuery).toList());
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            map.put(ids.get(i), values.get(i));
        }
        return map;
    }

    private Map<String, Integer> nearStopLine(Sumo sumo, SignalState s) {
        Set<String> lanes = new LinkedHashSet<>();
        for (ControlledLink l : s.links) {
            if (l != null) {
                lanes.add(l.fromLane());
            }
        }
        List<String> ids = new ArrayList<>(lanes);
        List<List<String>> vehicles = Query.runAll(sumo.connection(),
                ids.stream().map(sumo.lanes()::vehicleIdsQuery).toList());
        List<String> all = vehicles.stream().flatMap(List::stream).toList();
        List<Double> positions = Query.runAll(sumo.connection(),
                all.stream().map(sumo.vehicles()::lanePositionQuery).toList());
        Map<String, Integer> map = new HashMap<>();
        int k = 0;
        for (int i = 0; i < ids.size(); i++) {
            double end = laneLengths.get(ids.get(i));
            int n = 0;
            for (int v = 0; v < vehicles.get(i).size(); v++) {
                if (end - positions.get(k++) <= GREEDY_RANGE) {
                    n++;
                }
            }
            map.put(ids.get(i), n);
        }
        return map;
    }
}
