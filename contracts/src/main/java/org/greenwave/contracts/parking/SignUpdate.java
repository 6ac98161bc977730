package org.greenwave.contracts.parking;

import java.time.Instant;
import java.util.List;

/**
 * What a parking guidance sign must show now, on {@code parking.sign-updates} (key signId). Published only
 * when the display changes.
 *
 * @param signId    the sign
 * @param timestamp when this display became valid
 * @param entries   one line per car park, in the sign's order
 * @param fallback  true when data is stale and the sign shows its safe fallback (no counts, "follow signs")
 * @param message   an optional line of text for the sign, e.g. guidance to an alternative
 */
public record SignUpdate(
        String signId,
        Instant timestamp,
        List<Entry> entries,
        boolean fallback,
        String message) {

    public static final String SCHEMA = "urn:greenwave:sign-update:1";

    /**
     * One line of a sign.
     *
     * @param carParkId   the car park
     * @param direction   arrow: {@code left}, {@code right}, {@code straight}
     * @param freeSpaces  free spaces to show; null when unknown (fallback)
     * @param status      {@code OPEN}, {@code ALMOST_FULL}, {@code FULL}, {@code CLOSED} or {@code NO_DATA}
     * @param trend       {@code FILLING}, {@code EMPTYING} or {@code STATIC}; null when unknown
     * @param alternative car park to go to instead when this one is (or will be) full on arrival; may be null
     */
    public record Entry(
            String carParkId,
            String direction,
            Integer freeSpaces,
            String status,
            String trend,
            String alternative) {
    }
}
