package org.greenwave.dashboard.messaging;

/** Kafka channels the dashboard reads (topics in application.properties). */
public final class Channels {

    /** registry.intersections: signals, phases, detectors (to put detector readings on approaches). */
    public static final String REGISTRY = "registry";
    /** traffic.detector-readings: queues per approach. */
    public static final String READINGS = "detector-readings";
    /** signal.controller-states: what each signal shows now. */
    public static final String CONTROLLER_STATES = "controller-states";
    /** traffic.sensor-status: stale and stuck sensors. */
    public static final String SENSOR_STATUS = "sensor-status";
    /** The dead-letter topics: counts by reason. */
    public static final String DEAD_LETTERS = "dead-letters";
    /** parking.occupancy: occupancy history for the charts. */
    public static final String OCCUPANCY = "occupancy";
    /** twin.metrics: the twin's live comparison. */
    public static final String TWIN_METRICS = "twin-metrics";

    private Channels() {
    }
}
