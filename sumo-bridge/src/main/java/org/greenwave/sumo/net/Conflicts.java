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
