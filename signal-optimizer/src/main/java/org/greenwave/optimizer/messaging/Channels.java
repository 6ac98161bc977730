package org.greenwave.optimizer.messaging;

/** Reactive Messaging channel names of signal-optimizer (topics are mapped in application.properties). */
public final class Channels {

    public static final String INTERSECTIONS = "intersections";
    public static final String DETECTOR_READINGS = "detector-readings";
    public static final String CONTROLLER_STATES = "controller-states";
    public static final String TIMING_PLANS = "timing-plans";
    public static final String AUDIT = "audit";
    public static final String AUDIT_HISTORY = "audit-history";

    private Channels() {
    }
}
