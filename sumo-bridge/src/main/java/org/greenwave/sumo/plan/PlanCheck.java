package org.greenwave.sumo.plan;

import java.util.Optional;
import org.greenwave.contracts.signal.TimingPlan;

/**
 * Decides whether the controller may execute a plan, e.g. the safety validator of signal-core. Returns the reason
 * for a rejection, or empty to accept.
 */
@FunctionalInterface
public interface PlanCheck {

    Optional<String> rejectionReason(TimingPlan plan);

    /** Accepts every plan that passed the executor's own structural checks. */
    PlanCheck ACCEPT_ALL = plan -> Optional.empty();

    /** Adapts a plain predicate (false = rejected). */
    static PlanCheck of(java.util.function.Predicate<TimingPlan> accept) {
        return plan -> accept.test(plan) ? Optional.empty() : Optional.of("rejected by the acceptance check");
    }
}
