package org.greenwave.dashboard.messaging;

/** Kafka channels the dashboard reads (topics in application.properties). */
public final class Channels {

    /**
     * From the beginning of: registry.intersections (to put readings on approaches), traffic.sensor-status (stale
     * and stuck sensors), the dead-letter topics (counts by reason), parking.occupancy (history for the charts),
     * twin.metrics (the twin's live comparison).
     */
    public static final String HISTORY = "history";
    /** From now on: traffic.detector-readings (queues per approach), signal.controller-states (signals now). */
    public static final String LIVE = "live";

    private Channels() {
    }
}
