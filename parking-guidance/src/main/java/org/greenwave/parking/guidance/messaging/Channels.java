package org.greenwave.parking.guidance.messaging;

/** Reactive Messaging channel names of parking-guidance (topics are mapped in application.properties). */
public final class Channels {

    public static final String PARKING_OCCUPANCY = "parking-occupancy";
    public static final String SIGN_UPDATES = "sign-updates";
    public static final String SENSOR_STATUS = "sensor-status";

    private Channels() {
    }
}
