package org.greenwave.sumo.control;

import org.greenwave.sumo.twin.Twin;

/**
 * Controls the signals of a twin run. The run calls {@link #start} once after SUMO is up (before the first step)
 * and {@link #afterStep} after every step; a controller reads what it needs from the twin (detectors, lanes) and
 * sets signal states through TraCI.
 */
public interface SignalController {

    /** The name used in reports ({@code fixed}, {@code max-pressure}, ...). */
    String name();

    void start(Twin twin);

    void afterStep(Twin twin);
}
