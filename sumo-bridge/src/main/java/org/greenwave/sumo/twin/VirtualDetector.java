package org.greenwave.sumo.twin;

/**
 * A lane-area (E2) detector the twin places in SUMO.
 *
 * @param id             detector id, also the {@code detectorId} of its readings
 * @param intersectionId the signal it belongs to
 * @param lane           the lane it observes
 * @param outgoing       true for a zone at the start of an outgoing lane (spillback), false for an approach zone
 * @param segment        zone number on an incoming lane (0 nearest the stop line); -1 for outgoing zones
 * @param startPos       start on the lane, metres from the lane's start
 * @param endPos         end on the lane
 */
public record VirtualDetector(String id, String intersectionId, String lane, boolean outgoing, int segment,
                              double startPos, double endPos) {

    public double length() {
        return endPos - startPos;
    }

    /** True for the zone next to the stop line (what gap-out and queue estimates look at). */
    public boolean nearStopLine() {
        return !outgoing && segment == 0;
    }
}
