package org.greenwave.sumo.net;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conflict matrix of a signal's links and the clearance each link needs.
 *
 * <p>Conflicts come from the junction's own right-of-way model: the {@code foes} of each {@code <request>} in the
 * network file (indexed by the junction's internal lanes). Pairs the approved program shows green at the same
 * time are conditionally compatible (a permissive left turn and the opposing through traffic: SUMO resolves them
 * by priority) and are not counted as conflicts. Links the network gives no request for (networks built without
 * internal lanes) fall back to the program: two links conflict when the approved program never shows both green.
 */
public final class Conflicts {

    /** Clearing speed of vehicles going straight, m/s (RiLSA). */
    static final double CLEARING_SPEED_STRAIGHT = 10.0;
    /** Clearing speed of turning vehicles, m/s (RiLSA). */
    static final double CLEARING_SPEED_TURNING = 7.0;
    /** Clearing speed of pedestrians, m/s (RiLSA). */
    static final double CLEARING_SPEED_PEDESTRIAN = 1.2;
    /** Vehicle length added to the clearing distance, m (RiLSA). */
    static final double VEHICLE_LENGTH = 6.0;

    /** {@code foes[i][j]}: links i and j must never be green together. Symmetric. */
    public static boolean[][] matrix(NetworkModel net, NetworkModel.Signal signal) {
        int n = signal.linkCount();
        boolean[][] foes = new boolean[n][n];
        boolean[] known = new boolean[n];
        Map<String, Integer> linkByKeyLane = new HashMap<>();
        for (NetworkModel.Link link : signal.links()) {
            String key = keyLane(link);
            if (!key.isEmpty()) {
                linkByKeyLane.put(key, link.index());
            }
        }
        for (NetworkModel.Link link : signal.links()) {
            NetworkModel.Junction junction = net.junctions().get(link.junction());
            String key = keyLane(link);
            if (junction == null || key.isEmpty()) {
                continue;
            }
            int request = junction.intLanes().indexOf(key);
            if (request < 0 || request >= junction.foes().size()) {
                continue;
            }
            known[link.index()] = true;
            String bits = junction.foes().get(request);
            for (int k = 0; k < bits.length(); k++) {
                if (bits.charAt(bits.length() - 1 - k) != '1' || k >= junction.intLanes().size()) {
                    continue;
                }
                Integer other = linkByKeyLane.get(junction.intLanes().get(k));
                if (other != null && other != link.index()) {
                    foes[link.index()][other] = true;
                    foes[other][link.index()] = true;
                }
            }
        }
        List<String> states = signal.program().phases().stream().map(NetworkModel.ProgramPhase::state).toList();
        boolean[][] together = new boolean[n][n];
        boolean[] everGreen = new boolean[n];
        for (String state : states) {
            for (int i = 0; i < n && i < state.length(); i++) {
                if (!SignalStates.isGreenLight(state.charAt(i))) {
                    continue;
                }
                everGreen[i] = true;
                for (int j = 0; j < n && j < state.length(); j++) {
                    if (SignalStates.isGreenLight(state.charAt(j))) {
                        together[i][j] = true;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                if (together[i][j]) {
                    foes[i][j] = false;
                } else if ((!known[i] || !known[j]) && everGreen[i] && everGreen[j]) {
                    foes[i][j] = true;
                }
            }
        }
        return foes;
    }

    /** Entering speed of the stream that gains green, m/s (RiLSA: 40 km/h). */
    static final double ENTERING_SPEED = 11.1;

    /**
     * All-red a link needs after its yellow before any of its conflicting links may turn green, by the RiLSA
     * intergreen formula t_Z = t_Ü + t_R - t_E with t_Ü = the yellow: for each foe, the clearing vehicle needs
     * t_R = (distance from its stop line to the conflict point + vehicle length) / clearing speed, the entering one
     * t_E = (its distance to the same point) / entering speed; the all-red is the largest t_R - t_E (never below 0),
     * rounded up. The conflict point is where the two paths across the junction cross (or, for streams that merge,
     * where they end). Falls back to {@link #clearanceSeconds(NetworkModel, NetworkModel.Link)} (no entering credit)
     * without geometry; pedestrians keep their full clearing time.
     */
    public static int clearanceSeconds(NetworkModel net, NetworkModel.Signal signal, NetworkModel.Link link,
                                       boolean[][] foes) {
        if (link.pedestrian()) {
            return clearanceSeconds(net, link);
        }
        List<double[]> clearing = path(net, link);
        if (clearing.size() < 2) {
            return clearanceSeconds(net, link);
        }
        boolean straight = link.direction().isEmpty() || link.direction().equals("s");
        double clearingSpeed = straight ? CLEARING_SPEED_STRAIGHT : CLEARING_SPEED_TURNING;
        double worst = 0;
        for (NetworkModel.Link other : signal.links()) {
            if (other.index() >= foes.length || !foes[link.index()][other.index()]) {
                continue;
            }
            List<double[]> entering = path(net, other);
            if (entering.size() < 2) {
                return clearanceSeconds(net, link);
            }
            double[] at = firstCrossing(clearing, entering);
            double sR = at != null ? at[0] : length(clearing);
            double sE = at != null ? at[1] : length(entering);
            double entry = other.pedestrian() ? sE / CLEARING_SPEED_PEDESTRIAN : sE / ENTERING_SPEED;
            worst = Math.max(worst, (sR + VEHICLE_LENGTH) / clearingSpeed - entry);
        }
        return (int) Math.ceil(worst - 1e-9);
    }

    /** The polyline a link's vehicles follow across the junction (its internal lane, or crossing). */
    static List<double[]> path(NetworkModel net, NetworkModel.Link link) {
        String key = keyLane(link);
        NetworkModel.Lane lane = key.isEmpty() ? null : net.lanes().get(key);
        return lane == null || lane.shape() == null ? List.of() : lane.shape();
    }

    static double length(List<double[]> line) {
        double sum = 0;
        for (int k = 1; k < line.size(); k++) {
            sum += Math.hypot(line.get(k)[0] - line.get(k - 1)[0], line.get(k)[1] - line.get(k - 1)[1]);
        }
        return sum;
    }

    /** Distances along a and along b to the first point where they cross (first along a), or null. */
    static double[] firstCrossing(List<double[]> a, List<double[]> b) {
        double alongA = 0;
        for (int i = 1; i < a.size(); i++) {
            double[] p = a.get(i - 1);
            double[] q = a.get(i);
            double segA = Math.hypot(q[0] - p[0], q[1] - p[1]);
            double best = Double.MAX_VALUE;
            double bestB = 0;
            double alongB = 0;
            for (int j = 1; j < b.size(); j++) {
                double[] r = b.get(j - 1);
                double[] t = b.get(j);
                double segB = Math.hypot(t[0] - r[0], t[1] - r[1]);
                double[] st = intersect(p, q, r, t);
                if (st != null && st[0] < best) {
                    best = st[0];
                    bestB = alongB + st[1] * segB;
                }
                alongB += segB;
            }
            if (best != Double.MAX_VALUE) {
                return new double[] {alongA + best * segA, bestB};
            }
            alongA += segA;
        }
        return null;
    }

    /** Parameters (s, t) in [0, 1] where segment pq meets segment rt, or null. */
    private static double[] intersect(double[] p, double[] q, double[] r, double[] t) {
        double dx1 = q[0] - p[0];
        double dy1 = q[1] - p[1];
        double dx2 = t[0] - r[0];
        double dy2 = t[1] - r[1];
        double den = dx1 * dy2 - dy1 * dx2;
        if (Math.abs(den) < 1e-12) {
            return null;
        }
        double s = ((r[0] - p[0]) * dy2 - (r[1] - p[1]) * dx2) / den;
        double u = ((r[0] - p[0]) * dy1 - (r[1] - p[1]) * dx1) / den;
        return s >= 0 && s <= 1 && u >= 0 && u <= 1 ? new double[] {s, u} : null;
    }

    /**
     * Red time a link needs after its yellow before a conflicting link may turn green: the time to clear the
     * junction (RiLSA clearing time: crossing distance plus one vehicle length at the clearing speed), without
     * credit for the entering stream, rounded up. Pedestrians get no yellow, so their whole clearing time counts.
     */
    public static int clearanceSeconds(NetworkModel net, NetworkModel.Link link) {
        String key = keyLane(link);
        NetworkModel.Lane lane = key.isEmpty() ? null : net.lanes().get(key);
        double distance = lane != null ? lane.length() : 10.0;
        if (link.pedestrian()) {
            return (int) Math.ceil(distance / CLEARING_SPEED_PEDESTRIAN);
        }
        boolean straight = link.direction().isEmpty() || link.direction().equals("s");
        double speed = straight ? CLEARING_SPEED_STRAIGHT : CLEARING_SPEED_TURNING;
        return (int) Math.ceil((distance + VEHICLE_LENGTH) / speed);
    }

    /** The lane that identifies a link in its junction's request list: its internal lane, or its crossing. */
    static String keyLane(NetworkModel.Link link) {
        if (!link.viaLane().isEmpty()) {
            return link.viaLane();
        }
        return link.pedestrian() ? link.fromLane() : "";
    }

    private Conflicts() {
    }
}
