package org.greenwave.parking.state;

import java.time.Duration;
import java.time.Instant;

/**
 * What is known about a car park now.
 *
 * @param capacity     spaces in total (as last reported)
 * @param occupied     as last reported (may exceed capacity)
 * @param free         free spaces, never negative
 * @param rate         occupancy rate clipped to [0, 1]
 * @param trend        filling, emptying or static (with hysteresis)
 * @param ratePerHour  smoothed change of the rate per hour
 * @param lastReading  timestamp of the last reading
 * @param dataAge      now minus the last reading's timestamp
 * @param stale        no reading for longer than the car park's stale limit
 */
public record CarParkState(String carParkId, int capacity, int occupied, int free, double rate, Trend trend,
                           double ratePerHour, Instant lastReading, Duration dataAge, boolean stale) {
}
