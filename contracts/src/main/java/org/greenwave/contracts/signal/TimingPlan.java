package org.greenwave.contracts.signal;

import java.time.Instant;
import java.util.List;

/**
 * A signal timing plan on {@code signal.timing-plans} (key intersectionId): what a controller executes from
 * {@code validFrom} until the next plan arrives. Every published plan has passed the safety validator.
 *
 * <p>The phases run in the listed order, then repeat (cyclic). Each phase shows its green for
 * {@code greenSeconds}; a controller with local extension may end it anywhere between {@code minGreenSeconds}
 * and {@code maxGreenSeconds} on its own detectors. After each phase come its yellow and all-red times (the
 * intergreen to the next phase in the list).
 *
 * @param planId         unique and deterministic: the same decision always gets the same id (idempotent delivery)
 * @param intersectionId the intersection
 * @param validFrom      when the controller should start executing it
 * @param dataUntil      event time of the newest detector data the plan is based on
 * @param cycleSeconds   sum of greens and intergreens of one round
 * @param offsetSeconds  offset of the cycle start to the coordination reference (0 when uncoordinated)
 * @param phases         the phase sequence
 * @param modelVersion   the model (or rule set) that made it, e.g. {@code greenwave-signal-2026.11.28-1}
 * @param explanation    a short sentence for traffic engineers: what drove the plan, which constraint bound it
 * @param mode           {@code AUTO}, {@code ADVISORY} (approved by an engineer) or {@code MANUAL} (an engineer's plan)
 * @param approvedBy     the engineer who approved or set it; null in AUTO
 */
public record TimingPlan(
        String planId,
        String intersectionId,
        Instant validFrom,
        Instant dataUntil,
        int cycleSeconds,
        int offsetSeconds,
        List<PhaseTiming> phases,
        String modelVersion,
        String explanation,
        String mode,
        String approvedBy) {

    public static final String SCHEMA = "urn:greenwave:timing-plan:1";

    /**
     * One phase of a plan.
     *
     * @param phaseIndex       index of the phase in the intersection's own signal program
     * @param state            the signal state during green, one character per controlled link (SUMO notation:
     *                         {@code G} protected green, {@code g} permissive green, {@code r} red, ...)
     * @param greenSeconds     planned green
     * @param minGreenSeconds  shortest green a controller may give with local extension
     * @param maxGreenSeconds  longest green a controller may give with local extension
     * @param yellowSeconds    yellow after this phase for links that lose green
     * @param allRedSeconds    all-red after the yellow, from the conflict matrix's clearance times
     */
    public record PhaseTiming(
            int phaseIndex,
            String state,
            int greenSeconds,
            int minGreenSeconds,
            int maxGreenSeconds,
            int yellowSeconds,
            int allRedSeconds) {
    }
}
