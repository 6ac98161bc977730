package org.greenwave.signal.optimizer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.signal.TimingPlan.PhaseTiming;
import org.greenwave.signal.model.IntersectionModel;

/** Turns chosen green times into a complete timing plan with the intergreens the intersection needs. */
public final class PlanBuilder {

    /** Green time of one phase in a plan. */
    public record Green(int position, int green, int min, int max) {
    }

    private PlanBuilder() {
    }

    /**
     * Builds a plan whose phases follow in the given order (positions in program order), cyclic.
     *
     * @param idSuffix makes the plan id unique and deterministic, e.g. the decision's event time
     */
    public static TimingPlan build(IntersectionModel model, List<Green> greens, Instant validFrom, Instant dataUntil,
                                   String modelVersion, String explanation, String mode) {
        List<PhaseTiming> phases = new ArrayList<>();
        int cycle = 0;
        for (int k = 0; k < greens.size(); k++) {
            Green g = greens.get(k);
            Green next = greens.get((k + 1) % greens.size());
            Intersection.Phase phase = model.phases().get(g.position());
            int yellow = model.yellowSeconds(g.position(), next.position());
            int allRed = model.allRedSeconds(g.position(), next.position());
            phases.add(new PhaseTiming(phase.index(), phase.state(), g.green(), g.min(), g.max(), yellow, allRed));
            cycle += g.green() + yellow + allRed;
        }
        // deterministic: the same decision always gets the same id; proposals for approval are told apart from AUTO
        String planId = model.id() + "@" + (dataUntil != null ? dataUntil : validFrom).toEpochMilli()
                + ("AUTO".equals(mode) ? "" : "-" + mode.toLowerCase(java.util.Locale.ROOT));
        return new TimingPlan(planId, model.id(), validFrom, dataUntil, cycle, 0, phases, modelVersion, explanation,
                mode, null);
    }
}
