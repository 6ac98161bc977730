package org.greenwave.contracts;

import java.util.List;

/** Kafka topic names: the contract between services (SPEC.md "Kafka topics"). Keys are noted per topic. */
public final class Topics {

    /** Raw detector readings from devices that speak Kafka; key intersectionId; validated by traffic-ingest. */
    public static final String FIELD_DETECTOR_READINGS = "field.detector-readings";
    /** Raw car-park occupancy from devices that speak Kafka; key carParkId. */
    public static final String FIELD_PARKING_OCCUPANCY = "field.parking-occupancy";
    /** Validated detector readings; key intersectionId. */
    public static final String DETECTOR_READINGS = "traffic.detector-readings";
    /** Rejected detector input, as received; reason in header {@link Headers#DEAD_LETTER_REASON}. */
    public static final String DETECTOR_READINGS_DLQ = "traffic.detector-readings.dlq";
    /** Validated occupancy readings; key carParkId. */
    public static final String PARKING_OCCUPANCY = "parking.occupancy";
    /** Rejected occupancy input, as received. */
    public static final String PARKING_OCCUPANCY_DLQ = "parking.occupancy.dlq";
    /** Timing plans that passed the safety validator; key intersectionId. */
    public static final String TIMING_PLANS = "signal.timing-plans";
    /** What a parking sign must show now; key signId. */
    public static final String SIGN_UPDATES = "parking.sign-updates";

    // Topics beyond SPEC's table that the design needs.
    /** Registry of signalised intersections (compacted, key intersectionId): phases, links, conflicts, detectors. */
    public static final String INTERSECTIONS = "registry.intersections";
    /** What each signal controller shows and executes now; key intersectionId. */
    public static final String CONTROLLER_STATES = "signal.controller-states";
    /** Sensor health changes (stale, stuck, recovered); key deviceId. */
    public static final String SENSOR_STATUS = "traffic.sensor-status";
    /** Audit trail of published plans and human actions (compacted per entry id); key intersectionId. */
    public static final String SIGNAL_AUDIT = "signal.audit";
    /** Live numbers of digital-twin runs (simulated time, running mean delay) for dashboards; key controller. */
    public static final String TWIN_METRICS = "twin.metrics";

    /** Every topic the platform uses, for provisioning (embedded broker, Strimzi KafkaTopic resources). */
    public static final List<String> ALL = List.of(
            FIELD_DETECTOR_READINGS, FIELD_PARKING_OCCUPANCY,
            DETECTOR_READINGS, DETECTOR_READINGS_DLQ,
            PARKING_OCCUPANCY, PARKING_OCCUPANCY_DLQ,
            TIMING_PLANS, SIGN_UPDATES,
            INTERSECTIONS, CONTROLLER_STATES, SENSOR_STATUS, SIGNAL_AUDIT, TWIN_METRICS);

    /** Topics whose latest value per key is the state (log compaction). */
    public static final List<String> COMPACTED = List.of(INTERSECTIONS);

    private Topics() {
    }
}
