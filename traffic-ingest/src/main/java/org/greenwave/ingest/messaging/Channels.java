package org.greenwave.ingest.messaging;

/** Reactive Messaging channel names of traffic-ingest (topics are mapped in application.properties). */
public final class Channels {

    public static final String FIELD_DETECTOR_READINGS = "field-detector-readings";
    public static final String FIELD_PARKING_OCCUPANCY = "field-parking-occupancy";
    public static final String DETECTOR_READINGS = "detector-readings";
    public static final String DETECTOR_READINGS_DLQ = "detector-readings-dlq";
    public static final String PARKING_OCCUPANCY = "parking-occupancy";
    public static final String PARKING_OCCUPANCY_DLQ = "parking-occupancy-dlq";

    private Channels() {
    }
}
