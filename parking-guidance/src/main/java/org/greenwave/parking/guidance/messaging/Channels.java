package org.greenwave.parking.guidance.messaging;

/** Reactive Messaging channel names of parking-guidance (topics are mapped in application.properties). */
public final class Channels {

    public static final String PARKING_OCCUPANCY = "parking-occupancy";
    public static final String SIGN_UPDATES = "sign-updates";
    public static final String SENSOR_STATUS = "sensor-status";
    /** Membership in the group that shares the signs between instances (messaging/SignOwnership). */
    public static final String SIGN_OWNERSHIP = "sign-ownership";

    private Channels() {
    }
}
