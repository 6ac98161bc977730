package org.greenwave.optimizer.messaging;

/** Reactive Messaging channel names of signal-optimizer (topics are mapped in application.properties). */
public final class Channels {

    public static final String INTERSECTIONS = "intersections";
    /** Detector readings and controller states together (co-partitioned by intersection). */
    public static final String SIGNAL_INPUTS = "signal-inputs";
    public static final String TIMING_PLANS = "timing-plans";
    public static final String AUDIT = "audit";
    public static final String AUDIT_HISTORY = "audit-history";

    private Channels() {
    }
}
