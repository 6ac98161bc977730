package org.greenwave.contracts.parking;

import java.time.Instant;

/**
 * A validated car-park occupancy reading on {@code parking.occupancy} (schema {@link #SCHEMA}).
 * {@code occupied} is kept as reported, even above {@code capacity} (real car parks report that: cars
 * parked on aisles, counters that drift); consumers clip the rate.
 *
 * @param carParkId  the car park (the record key)
 * @param timestamp  when the counter reported, UTC
 * @param capacity   spaces in total, at least 1
 * @param occupied   spaces occupied, at least 0
 * @param receivedAt when traffic-ingest accepted it
 * @param source     {@code http}, {@code kafka} or {@code synthetic}
 */
public record OccupancyReading(
        String carParkId,
        Instant timestamp,
        int capacity,
        int occupied,
        Instant receivedAt,
        String source) {

    public static final String SCHEMA = "urn:greenwave:parking-occupancy:1";

    /** Occupancy rate clipped to [0, 1]. */
    public double rate() {
        return Math.max(0.0, Math.min(1.0, occupied / (double) capacity));
    }

    /** Free spaces, never negative. */
    public int free() {
        return Math.max(0, capacity - occupied);
    }
}
