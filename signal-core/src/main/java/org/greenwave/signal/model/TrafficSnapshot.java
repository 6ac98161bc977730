package org.greenwave.signal.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.greenwave.contracts.traffic.DetectorReading;

/**
 * The latest detector readings of one intersection, by detector id, as of an event time. Readings older than the
 * staleness limit are ignored, so that a broken sensor does not steer the plan.
 */
public final class TrafficSnapshot {

    private final Instant asOf;
    private final Map<String, DetectorReading> latest;

    public TrafficSnapshot(Instant asOf, Map<String, DetectorReading> latest) {
        this.asOf = asOf;
        this.latest = Map.copyOf(latest);
    }

    public static TrafficSnapshot empty(Instant asOf) {
        return new TrafficSnapshot(asOf, new HashMap<>());
    }

    public Instant asOf() {
        return asOf;
    }

    public DetectorReading reading(String detectorId) {
        return latest.get(detectorId);
    }

    public Map<String, DetectorReading> readings() {
        return latest;
    }

    public int size() {
        return latest.size();
    }
}
