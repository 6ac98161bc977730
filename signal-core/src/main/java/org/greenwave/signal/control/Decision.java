package org.greenwave.signal.control;

import java.util.List;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.signal.safety.Violation;

/**
 * What the control loop did with one candidate plan.
 *
 * @param plan       the candidate
 * @param violations why the safety validator refused it; empty when it passed
 * @param action     {@link Action#PUBLISH} (to controllers), {@link Action#HOLD} (waits for an engineer's
 *                   approval) or {@link Action#REFUSED}
 */
public record Decision(TimingPlan plan, List<Violation> violations, Action action) {

    public enum Action { PUBLISH, HOLD, REFUSED }
}
