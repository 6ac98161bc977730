package org.greenwave.signal.policy;

import java.time.Instant;

/**
 * Sees every free decision of the policy (after the guards: minimum green, maximum red, maximum cycle) and may change
 * it: used in the digital twin to collect training data for the {@link SwitchValue} model, with exploration.
 */
public interface DecisionTap {

    /** Returns whether to switch now; {@code proposed} is what the policy would do. */
    boolean decide(String intersectionId, Instant time, float[] features, boolean proposed);
}
