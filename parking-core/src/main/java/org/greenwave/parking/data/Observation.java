package org.greenwave.parking.data;

/**
 * One occupancy reading of a car park, as the forecaster sees it.
 *
 * @param carParkId     the car park
 * @param time          epoch milliseconds (UTC instant)
 * @param offsetSeconds offset of local (wall-clock) time from UTC at that instant, for calendar features
 * @param capacity      spaces in total, at least 1
 * @param occupied      spaces occupied as reported, at least 0 (may exceed capacity)
 */
public record Observation(String carParkId, long time, int offsetSeconds, int capacity, int occupied) {

    /** Occupancy rate clipped to [0, 1]: counters above capacity (cars on aisles, drift) count as full. */
    public double rate() {
        return Math.max(0.0, Math.min(1.0, occupied / (double) capacity));
    }

    /** Epoch milliseconds of the same wall-clock time read as if it were UTC (for weekday and time of day). */
    public long localTime() {
        return time + offsetSeconds * 1000L;
    }
}
