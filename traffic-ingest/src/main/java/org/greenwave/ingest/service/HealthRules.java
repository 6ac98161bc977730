package org.greenwave.ingest.service;

import java.time.Duration;

/**
 * When a sensor counts as stale or stuck (README "Stale and stuck sensors").
 *
 * @param staleAfter   no reading for this long, on whichever clock runs faster: the wall clock, or the event-time
 *                     clock of the device's group (its intersection's newest reading)
 * @param stuckAfter   identical, non-zero values for this long in event time
 * @param stuckMinReadings and at least this many identical readings in a row
 */
public record HealthRules(Duration staleAfter, Duration stuckAfter, int stuckMinReadings) {
}
