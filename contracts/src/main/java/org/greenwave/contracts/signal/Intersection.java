package org.greenwave.contracts.signal;

import java.util.List;

/**
 * A signalised intersection as the registry knows it, on {@code registry.intersections} (compacted, key id):
 * its controlled links, the conflicts between them, its phases and its detectors. Published from configuration
 * or by the digital twin, which discovers it from the SUMO network.
 *
 * @param id            the intersection (SUMO traffic-light id)
 * @param name          a name for people; may equal the id
 * @param x             position for the dashboard map (network coordinates, metres)
 * @param y             position for the dashboard map
 * @param links         controlled links, by link index (the positions of a signal state string)
 * @param phases        the green phases of the fixed-time program, in program order
 * @param detectors     detectors on the incoming lanes
 * @param fixedProgram  the full fixed-time program (green, yellow and red states), the fallback plan
 * @param limits        the safety limits the validator applies to this intersection
 */
public record Intersection(
        String id,
        String name,
        double x,
        double y,
        List<Link> links,
        List<Phase> phases,
        List<Detector> detectors,
        List<ProgramStep> fixedProgram,
        SafetyLimits limits) {

    public static final String SCHEMA = "urn:greenwave:intersection:1";

    /**
     * A controlled link: a movement from an incoming to an outgoing lane.
     *
     * @param index          position in the state string
     * @param fromLane       incoming lane
     * @param toLane         outgoing lane
     * @param pedestrian     true for a pedestrian crossing
     * @param foes           indexes of links that conflict with this one
     * @param clearanceSeconds all-red needed after this link loses green before a foe may get green
     * @param maneuver       where it leads ({@link #STRAIGHT}, {@link #LEFT}, {@link #RIGHT}, {@link #U_TURN}, as a
     *                       MAP message's allowed maneuvers say); null where the registry does not know
     */
    public record Link(int index, String fromLane, String toLane, boolean pedestrian, List<Integer> foes,
                       int clearanceSeconds, String maneuver) {

        public static final String STRAIGHT = "straight";
        public static final String LEFT = "left";
        public static final String RIGHT = "right";
        public static final String U_TURN = "u-turn";

        /** A link whose maneuver the registry does not know. */
        public Link(int index, String fromLane, String toLane, boolean pedestrian, List<Integer> foes,
                    int clearanceSeconds) {
            this(index, fromLane, toLane, pedestrian, foes, clearanceSeconds, null);
        }
    }

    /**
     * A green phase.
     *
     * @param index         index in the fixed program
     * @param state         its signal state string
     * @param greenSeconds  its duration in the fixed program
     */
    public record Phase(int index, String state, int greenSeconds) {
    }

    /**
     * A detector.
     *
     * @param id           the detector id that readings carry
     * @param lane         the controlled incoming lane whose approach it observes (for an upstream zone: the lane
     *                     it leads to; for an outgoing-lane detector: that outgoing lane)
     * @param kind         {@code area} (lane-area: counts vehicles present) or {@code loop} (counts passages)
     * @param lengthMeters length of the detection zone
     * @param fromMeters   start of the zone, measured upstream from the stop line of {@code lane} (0 = at the stop
     *                     line); for an outgoing-lane detector, measured downstream from the junction
     * @param toMeters     end of the zone, further from the stop line than {@code fromMeters}
     * @param role         {@code approach} (before the stop line) or {@code exit} (after the junction, for spillback)
     */
    public record Detector(String id, String lane, String kind, double lengthMeters, double fromMeters,
                           double toMeters, String role) {

        public static final String APPROACH = "approach";
        public static final String EXIT = "exit";

        /** A detector along the whole of its lane's approach, position unknown beyond its length. */
        public Detector(String id, String lane, String kind, double lengthMeters) {
            this(id, lane, kind, lengthMeters, 0, lengthMeters, APPROACH);
        }
    }

    /** One step of the fixed-time program. */
    public record ProgramStep(String state, int durationSeconds) {
    }

    /**
     * Safety limits for plans at this intersection.
     *
     * @param minGreenSeconds            minimum green of a vehicle phase (default 5)
     * @param yellowSeconds              yellow for 50 km/h (RiLSA: 3 s)
     * @param maxCycleSeconds            longest cycle allowed
     * @param pedestrianMinGreenSeconds  minimum green of a phase that gives green to a pedestrian link
     */
    public record SafetyLimits(int minGreenSeconds, int yellowSeconds, int maxCycleSeconds,
                               int pedestrianMinGreenSeconds) {

        public static SafetyLimits defaults() {
            return new SafetyLimits(5, 3, 120, 8);
        }
    }
}
