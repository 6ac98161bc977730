package org.greenwave.sumo.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.sumo.net.SignalStates;

/**
 * The timing plan that says what an intersection's fixed-time program does: its green phases with their
 * durations, each followed by the program's own yellow (steps showing yellow) and red-only steps until the next
 * green. Executed by {@link SignalPlanExecutor}, it gives the vehicles the same signals as the program itself.
 */
public final class FixedTimePlans {

    public static TimingPlan of(Intersection intersection, Instant validFrom, Instant dataUntil) {
        List<Intersection.ProgramStep> steps = intersection.fixedProgram();
        List<TimingPlan.PhaseTiming> phases = new ArrayList<>();
        int n = steps.size();
        for (int i = 0; i < n; i++) {
            Intersection.ProgramStep step = steps.get(i);
            if (!SignalStates.isGreenPhase(step.state())) {
                continue;
            }
            int yellow = 0;
            int red = 0;
            for (int k = 1; k < n; k++) {
                Intersection.ProgramStep next = steps.get((i + k) % n);
                if (SignalStates.isGreenPhase(next.state())) {
                    break;
                }
                if (next.state().indexOf('y') >= 0 || next.state().indexOf('Y') >= 0) {
                    yellow += next.durationSeconds();
                } else {
                    red += next.durationSeconds();
                }
            }
            int green = Math.max(1, step.durationSeconds());
            phases.add(new TimingPlan.PhaseTiming(i, step.state(), green, Math.min(green,
                    intersection.limits().minGreenSeconds()), green, yellow, red));
        }
        int cycle = steps.stream().mapToInt(Intersection.ProgramStep::durationSeconds).sum();
        String id = intersection.id() + "@fixed@" + (dataUntil != null ? dataUntil.toEpochMilli() : 0);
        return new TimingPlan(id, intersection.id(), validFrom, dataUntil, cycle, 0, List.copyOf(phases),
                "fixed-time", "the intersection's own fixed-time program", "AUTO", null);
    }

    private FixedTimePlans() {
    }
}
