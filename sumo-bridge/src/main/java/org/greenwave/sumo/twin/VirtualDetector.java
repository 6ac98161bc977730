package org.greenwave.sumo.twin;

import java.util.List;

/**
 * A lane-area (E2) detector the twin places in SUMO. A zone may reach over several consecutive lanes: upstream of
 * a short approach lane (across junctions without signals), or downstream of a short exit lane.
 *
 * @param id             detector id, also the {@code detectorId} of its readings
 * @param intersectionId the signal it belongs to (SUMO id)
 * @param lane           the controlled lane it serves: the incoming lane of an approach zone, the outgoing lane
 *                       of an exit zone
 * @param outgoing       true for an exit zone (spillback), false for an approach zone
 * @param segment        zone number on an approach (0 nearest the stop line); -1 for exit zones
 * @param fromMeters     zone start: metres upstream of the stop line (approach) or downstream of the junction (exit)
 * @param toMeters       zone end, further away than {@code fromMeters}
 * @param lanes          the lanes it covers, in driving direction
 * @param startPos       start on the first of {@code lanes}, metres from that lane's start
 * @param endPos         end on the last of {@code lanes}
 */
public record VirtualDetector(String id, String intersectionId, String lane, boolean outgoing, int segment,
                              double fromMeters, double toMeters, List<String> lanes, double startPos,
                              double endPos) {

    public VirtualDetector {
        lanes = List.copyOf(lanes);
    }

    public double length() {
        return toMeters - fromMeters;
    }

    /** True for the zone next to the stop line (what gap-out and queue estimates look at). */
    public boolean nearStopLine() {
        return !outgoing && segment == 0;
    }
}
