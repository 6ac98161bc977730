package org.greenwave.parking.signs;

import java.time.Duration;
import java.time.Instant;

/**
 * Turns occupancy into OPEN / ALMOST_FULL / FULL with hysteresis, so that a car park hovering around a threshold
 * does not make its sign flicker: a status is entered at one rate and left only at a clearly lower one, and a
 * changed status is held for a minimum time. CLOSED and NO_DATA are decided elsewhere and apply at once.
 *
 * @param almostFullEnter rate from which a car park is almost full
 * @param almostFullExit  rate below which it is open again
 * @param fullEnter       rate from which it is full
 * @param fullExit        rate below which it is no longer full
 * @param fullFreeSpaces  free spaces at or below which it is full whatever the rate (large car parks)
 * @param minHold         shortest time a status is shown before it may change between OPEN, ALMOST_FULL and FULL
 */
public record StatusPolicy(double almostFullEnter, double almostFullExit, double fullEnter, double fullExit,
                           int fullFreeSpaces, Duration minHold) {

    public static final StatusPolicy DEFAULT =
            new StatusPolicy(0.90, 0.85, 0.98, 0.94, 5, Duration.ofMinutes(3));

    public StatusPolicy {
        if (!(almostFullExit < almostFullEnter && fullExit < fullEnter && almostFullEnter <= fullEnter)) {
            throw new IllegalArgumentException("thresholds must satisfy exit < enter and almost-full <= full");
        }
    }

    /** The status to show given the one shown now (null when none) and when it began. */
    public Status next(Status shown, Instant shownSince, double rate, int free, Instant now) {
        Status wanted = wanted(shown, rate, free);
        if (wanted == shown || shown == null || shownSince == null) {
            return wanted;
        }
        boolean occupancyStatus = shown == Status.OPEN || shown == Status.ALMOST_FULL || shown == Status.FULL;
        if (occupancyStatus && Duration.between(shownSince, now).compareTo(minHold) < 0) {
            return shown;
        }
        return wanted;
    }

    private Status wanted(Status shown, double rate, int free) {
        boolean fullNow = rate >= fullEnter || free <= fullFreeSpaces;
        if (shown == Status.FULL) {
            boolean stillFull = rate >= fullExit || free <= fullFreeSpaces;
            if (stillFull) {
                return Status.FULL;
            }
            return rate >= almostFullExit ? Status.ALMOST_FULL : Status.OPEN;
        }
        if (fullNow) {
            return Status.FULL;
        }
        if (shown == Status.ALMOST_FULL) {
            return rate >= almostFullExit ? Status.ALMOST_FULL : Status.OPEN;
        }
        return rate >= almostFullEnter ? Status.ALMOST_FULL : Status.OPEN;
    }

    /** Whether a forecast rate means "full by then" (used for guidance; enter threshold). */
    public boolean fullAt(double forecastRate) {
        return forecastRate >= fullEnter;
    }
}
