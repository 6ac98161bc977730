package org.greenwave.sumo.net;

import java.util.List;
import java.util.Map;

/**
 * A SUMO network as greenwave sees it: lanes with their geometry, junctions with their conflict requests, and
 * every traffic light with its programs and controlled links. Read from the {@code .net.xml} itself
 * ({@link NetReader}), so that any network with traffic lights works without configuration.
 *
 * @param lanes     every lane by id (normal, internal, crossing and walking-area lanes)
 * @param junctions every junction by id
 * @param signals   every traffic light, in id order
 * @param connectionsInto  road connections by the lane they lead into
 * @param connectionsOutOf road connections by the lane they leave
 */
public record NetworkModel(Map<String, Lane> lanes, Map<String, Junction> junctions, List<Signal> signals,
                           Map<String, List<LaneConnection>> connectionsInto,
                           Map<String, List<LaneConnection>> connectionsOutOf) {

    /**
     * A connection between the lanes of two road edges across a junction (internal and pedestrian lanes left out).
     *
     * @param fromLane  incoming lane
     * @param toLane    outgoing lane
     * @param direction SUMO's dir ({@code s} straight, {@code l}, {@code r}, ...)
     * @param junction  the junction it crosses
     * @param viaLength length of the way across the junction (its internal lanes), metres; 0 without
     */
    public record LaneConnection(String fromLane, String toLane, String direction, String junction,
                                 double viaLength) {
    }

    /** Connections leading into {@code lane}, in file order. */
    public List<LaneConnection> into(String lane) {
        return connectionsInto.getOrDefault(lane, List.of());
    }

    /** Connections leaving {@code lane}, in file order. */
    public List<LaneConnection> outOf(String lane) {
        return connectionsOutOf.getOrDefault(lane, List.of());
    }

    /** True when the junction is signal-controlled. */
    public boolean signalized(String junction) {
        Junction j = junctions.get(junction);
        return j != null && j.type().startsWith("traffic_light");
    }

    public Lane lane(String id) {
        Lane lane = lanes.get(id);
        if (lane == null) {
            throw new IllegalArgumentException("no lane " + id + " in the network");
        }
        return lane;
    }

    public Signal signal(String id) {
        return signals.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no traffic light " + id + " in the network"));
    }

    /**
     * A lane.
     *
     * @param id       lane id
     * @param edge     its edge
     * @param function the edge's function: empty for a normal road, {@code internal}, {@code crossing},
     *                 {@code walkingarea}
     * @param length   metres
     * @param speed    speed limit, m/s
     * @param shape    centre line, network coordinates (x, y pairs)
     * @param allow    vehicle classes allowed (empty: see {@code disallow})
     * @param disallow vehicle classes not allowed
     */
    public record Lane(String id, String edge, String function, double length, double speed, List<double[]> shape,
                       String allow, String disallow) {

        /** True for a lane only people on foot use (sidewalk, crossing). */
        public boolean pedestrianOnly() {
            return "crossing".equals(function) || "walkingarea".equals(function) || allow.trim().equals("pedestrian");
        }
    }

    /**
     * A junction.
     *
     * @param id       junction id
     * @param type     e.g. {@code traffic_light}, {@code priority}
     * @param x        position, network coordinates
     * @param y        position
     * @param incLanes incoming lanes
     * @param intLanes internal lanes, in request index order
     * @param foes     the {@code foes} bit string of each request index (SUMO writes the highest index first)
     * @param shape    outline
     */
    public record Junction(String id, String type, double x, double y, List<String> incLanes, List<String> intLanes,
                           List<String> foes, List<double[]> shape) {
    }

    /**
     * A signal program from the network file.
     *
     * @param programId program id
     * @param type      {@code static}, {@code actuated}, ...
     * @param offset    seconds
     * @param phases    program steps
     */
    public record Program(String programId, String type, double offset, List<ProgramPhase> phases) {

        public double cycleSeconds() {
            return phases.stream().mapToDouble(ProgramPhase::duration).sum();
        }
    }

    /** One program step. */
    public record ProgramPhase(double duration, String state, double minDuration, double maxDuration, String name) {

        /** A green phase in the baselines' sense: some link green, no link yellow. */
        public boolean isGreenPhase() {
            return SignalStates.isGreenPhase(state);
        }
    }

    /**
     * One controlled link (movement).
     *
     * @param index      link index: the position in the signal's state strings
     * @param fromLane   incoming lane
     * @param toLane     outgoing lane
     * @param viaLane    internal lane across the junction (empty in networks without internal lanes)
     * @param direction  SUMO's dir: {@code s} straight, {@code l}/{@code r} left/right, {@code t} turn, ...
     * @param pedestrian true for a pedestrian crossing
     * @param junction   the junction the link crosses
     */
    public record Link(int index, String fromLane, String toLane, String viaLane, String direction, boolean pedestrian,
                       String junction) {
    }

    /**
     * A traffic light (signal controller), possibly controlling several junctions.
     *
     * @param id        the traffic light id
     * @param programs  its programs from the network and additional files, in load order
     * @param links     its links by index (one per index: the first, as TraCI reports it)
     * @param junctions the junctions it controls
     * @param x         position for maps (mean of its junctions)
     * @param y         position for maps
     */
    public record Signal(String id, List<Program> programs, List<Link> links, List<String> junctions, double x,
                         double y) {

        /** The program SUMO runs at start: the one loaded last. */
        public Program program() {
            return programs.get(programs.size() - 1);
        }

        /** Lanes that feed vehicle links, in link order, without repetition. */
        public List<String> incomingLanes() {
            return links.stream().filter(l -> !l.pedestrian()).map(Link::fromLane).distinct().toList();
        }

        /** Lanes that vehicle links lead to, in link order, without repetition. */
        public List<String> outgoingLanes() {
            return links.stream().filter(l -> !l.pedestrian()).map(Link::toLane).distinct().toList();
        }

        public int linkCount() {
            return links.size();
        }
    }
}
