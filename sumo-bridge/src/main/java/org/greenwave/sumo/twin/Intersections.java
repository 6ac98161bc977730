package org.greenwave.sumo.twin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.sumo.net.Conflicts;
import org.greenwave.sumo.net.NetworkModel;

/** Builds the registry records ({@code registry.intersections}) of a network's signals and the twin's detectors. */
public final class Intersections {

    /** The intersection id of a signal: its SUMO id, made SPEC-valid. */
    /**
     * Where the all-red after a yellow comes from: by default the approved program's practice (see
     * {@link #approvedClearance}); with {@code -Dgreenwave.intergreens=rilsa} the RiLSA intergreen formula on the
     * junction's geometry for every link (for cities without approved intergreens). Cities with an intergreen
     * matrix publish it in the registry themselves.
     */
    static final boolean RILSA = "rilsa".equals(System.getProperty("greenwave.intergreens"));

    public static String idOf(NetworkModel.Signal signal) {
        return DetectorIds.of(signal.id());
    }

    /** One record per signal, keyed by SUMO signal id, in network order. */
    public static Map<String, Intersection> of(NetworkModel net, List<VirtualDetector> detectors) {
        Map<String, Intersection> map = new LinkedHashMap<>();
        for (NetworkModel.Signal signal : net.signals()) {
            map.put(signal.id(), of(net, signal, detectors));
        }
        return map;
    }

    public static Intersection of(NetworkModel net, NetworkModel.Signal signal, List<VirtualDetector> detectors) {
        boolean[][] foes = Conflicts.matrix(net, signal);
        int[] approved = approvedClearance(signal.program(), foes);
        List<Intersection.Link> links = new ArrayList<>();
        for (NetworkModel.Link link : signal.links()) {
            List<Integer> linkFoes = new ArrayList<>();
            for (int j = 0; j < foes.length; j++) {
                if (foes[link.index()][j]) {
                    linkFoes.add(j);
                }
            }
            int estimate = link.fromLane().isEmpty() ? 0 : Conflicts.clearanceSeconds(net, signal, link, foes);
            int clearance = approved[link.index()] >= 0 && !RILSA ? approved[link.index()] : estimate;
            links.add(new Intersection.Link(link.index(), link.fromLane(), link.toLane(), link.pedestrian(),
                    List.copyOf(linkFoes), clearance, maneuver(link.direction())));
        }
        NetworkModel.Program program = signal.program();
        List<Intersection.Phase> phases = new ArrayList<>();
        List<Intersection.ProgramStep> steps = new ArrayList<>();
        for (int i = 0; i < program.phases().size(); i++) {
            NetworkModel.ProgramPhase p = program.phases().get(i);
            int seconds = (int) Math.round(p.duration());
            steps.add(new Intersection.ProgramStep(p.state(), seconds));
            if (p.isGreenPhase()) {
                phases.add(new Intersection.Phase(i, p.state(), seconds));
            }
        }
        String id = idOf(signal);
        List<Intersection.Detector> own = detectors.stream().filter(d -> d.intersectionId().equals(signal.id()))
                .map(Intersections::detector).toList();
        Intersection.SafetyLimits defaults = Intersection.SafetyLimits.defaults();
        int cycle = (int) Math.round(program.cycleSeconds());
        Intersection.SafetyLimits limits = new Intersection.SafetyLimits(defaults.minGreenSeconds(),
                defaults.yellowSeconds(), Math.max(defaults.maxCycleSeconds(), cycle),
                defaults.pedestrianMinGreenSeconds());
        return new Intersection(id, signal.id(), signal.x(), signal.y(), List.copyOf(links), List.copyOf(phases),
                own, List.copyOf(steps), limits);
    }

    /** Zone positions as the registry gives them: from the stop line upstream, or from the junction downstream. */
    /**
     * The all-red the approved (fixed-time) program gives each link after its green and yellow end: the complete
     * all-red steps (no green or yellow anywhere) that follow directly, at least over every such moment of the
     * program; -1 where the program never ends the link's green. The approved program is the intersection's
     * engineered intergreen practice (SUMO's own programs, like the dev scenarios', switch with yellow only).
     */
    static int[] approvedClearance(NetworkModel.Program program, boolean[][] foes) {
        List<NetworkModel.ProgramPhase> steps = program.phases();
        int n = foes.length;
        int[] out = new int[n];
        java.util.Arrays.fill(out, -1);
        int m = steps.size();
        for (int k = 0; k < m; k++) {
            String now = steps.get(k).state();
            String next = steps.get((k + 1) % m).state();
            for (int i = 0; i < n && i < now.length() && i < next.length(); i++) {
                if (!isGreenOrYellow(now.charAt(i)) || isGreenOrYellow(next.charAt(i))) {
                    continue;
                }
                double allRed = 0;
                for (int d = 1; d < m; d++) {
                    NetworkModel.ProgramPhase step = steps.get((k + d) % m);
                    if (step.state().chars().anyMatch(c -> isGreenOrYellow((char) c))) {
                        break;
                    }
                    allRed += step.duration();
                }
                int seconds = (int) Math.round(allRed);
                out[i] = out[i] < 0 ? seconds : Math.min(out[i], seconds);
            }
        }
        return out;
    }

    /** SUMO's connection direction as a MAP maneuver; null where SUMO cannot tell ("invalid"). */
    static String maneuver(String direction) {
        return switch (direction == null ? "" : direction) {
            case "s" -> Intersection.Link.STRAIGHT;
            case "l", "L" -> Intersection.Link.LEFT;
            case "r", "R" -> Intersection.Link.RIGHT;
            case "t" -> Intersection.Link.U_TURN;
            default -> null;
        };
    }

    private static boolean isGreen(char c) {
        return c == 'G' || c == 'g' || c == 's';
    }

    private static boolean isGreenOrYellow(char c) {
        return isGreen(c) || c == 'y' || c == 'Y';
    }

    static Intersection.Detector detector(VirtualDetector d) {
        return new Intersection.Detector(d.id(), d.lane(), "area", round2(d.length()), round2(d.fromMeters()),
                round2(d.toMeters()), d.outgoing() ? Intersection.Detector.EXIT : Intersection.Detector.APPROACH);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private Intersections() {
    }
}
