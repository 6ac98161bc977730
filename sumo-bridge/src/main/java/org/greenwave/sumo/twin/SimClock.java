package org.greenwave.sumo.twin;

import java.time.Instant;

/**
 * Maps simulation time to wall-clock instants for what the twin sends as a field device. The whole simulated
 * period lies just before the run started ({@code end} maps to {@code runStart}), so that readings are never "in
 * the future" for traffic-ingest, which accepts readings up to 24 h old.
 *
 * @param runStart when the run started (or any fixed instant, for reproducible timestamps)
 * @param begin    simulation begin, seconds
 * @param end      simulation end, seconds
 */
public record SimClock(Instant runStart, double begin, double end) {

    public Instant instant(double simTime) {
        long millis = Math.round((simTime - end) * 1000.0);
        return runStart.plusMillis(millis);
    }

    public double simTime(Instant instant) {
        return end + (instant.toEpochMilli() - runStart.toEpochMilli()) / 1000.0;
    }
}
