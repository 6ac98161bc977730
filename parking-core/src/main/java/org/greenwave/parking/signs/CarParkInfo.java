package org.greenwave.parking.signs;

import java.time.Duration;

/**
 * A configured car park.
 *
 * @param capacity     spaces in total; readings may report another capacity (construction works), which then wins
 * @param staleAfter   no reading for longer than this: data is stale (sign shows NO_DATA, an alert is raised)
 */
public record CarParkInfo(String id, String name, int capacity, double latitude, double longitude,
                          OpeningHours openingHours, Duration staleAfter) {
}
