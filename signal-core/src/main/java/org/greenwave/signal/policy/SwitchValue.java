package org.greenwave.signal.policy;

/**
 * A learned judgement of the moment: how much waiting (vehicle-seconds over the next minute, per approach lane) is
 * saved by ending the current green now and switching to the phase with the most pressure, rather than keeping it.
 * Positive: switching is better.
 */
public interface SwitchValue {

    String version();

    double advantageOfSwitching(float[] decisionFeatures);
}
