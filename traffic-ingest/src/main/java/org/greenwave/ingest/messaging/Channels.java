package org.greenwave.ingest.messaging;

/** Reactive Messaging channel names of traffic-ingest (topics are mapped in application.properties). */
public final class Channels {

    public static final String FIELD_DETECTOR_READINGS = "field-detector-readings";
    public static final String FIELD_PARKING_OCCUPANCY = "field-parking-occupancy";

    private Channels() {
    }
}
