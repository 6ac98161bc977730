package org.greenwave.cli.twin;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.signal.safety.SafetyValidator;
import org.greenwave.sumo.plan.PlanCheck;

/**
 * The twin's controllers check every plan themselves before they run it, as field controllers would: with the same
 * safety validator the optimizer uses, against their own intersection's record. A plan for an intersection they do
 * not know is refused.
 */
public final class ControllerSafetyCheck {

    private ControllerSafetyCheck() {
    }

    /** The check for controllers of these intersections (registry records, by their own ids). */
    public static PlanCheck of(Collection<Intersection> intersections) {
        Map<String, Intersection> byId = new HashMap<>();
        intersections.forEach(i -> byId.put(i.id(), i));
        SafetyValidator validator = new SafetyValidator();
        return plan -> {
            Intersection i = byId.get(plan.intersectionId());
            if (i == null) {
                return Optional.of("unknown intersection");
            }
            var violations = validator.validate(i, plan);
            return violations.isEmpty() ? Optional.empty() : Optional.of(violations.toString());
        };
    }
}
