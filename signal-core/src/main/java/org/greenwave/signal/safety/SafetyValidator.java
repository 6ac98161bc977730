package org.greenwave.signal.safety;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.Intersection.SafetyLimits;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.signal.TimingPlan.PhaseTiming;

/**
 * The gate every timing plan passes before it may reach a controller. Checks, for one intersection:
 * <ul>
 *   <li>shape: ids match, phases present, state strings as long as the intersection has links, known characters;</li>
 *   <li>no two conflicting links green in the same phase (conflict matrix);</li>
 *   <li>minimum green (per intersection, default 5 s) and pedestrian minimum green, and min &lt;= green &lt;= max;</li>
 *   <li>yellow (RiLSA: 3 s at 50 km/h) whenever a link loses green;</li>
 *   <li>intergreen: yellow + all-red &gt;= yellow + clearance of every link that loses green towards a conflicting
 *       link that gains green in the next phase (the cycle wraps around);</li>
 *   <li>cycle length equals the sum of greens and intergreens, and stays within the maximum cycle even when every
 *       phase is extended to its maximum green;</li>
 *   <li>offset within the cycle; every movement of the approved program served once per cycle.</li>
 * </ul>
 * Plain Java, thread-safe, no framework types.
 */
public final class SafetyValidator {

    private static final Set<Character> STATE_CHARS = Set.of('r', 'R', 'y', 'Y', 'g', 'G', 's', 'u', 'o', 'O');

    /** Validates a plan; an empty list means it is safe to publish. */
    public List<Violation> validate(Intersection intersection, TimingPlan plan) {
        return validate(intersection, ConflictMatrix.of(intersection), plan);
    }

    /** Validates with a precomputed conflict matrix (hot path: one matrix per intersection). */
    public List<Violation> validate(Intersection intersection, ConflictMatrix conflicts, TimingPlan plan) {
        List<Violation> out = new ArrayList<>();
        SafetyLimits limits = intersection.limits() != null ? intersection.limits() : SafetyLimits.defaults();
        if (!shape(intersection, plan, out)) {
            return out;
        }
        List<PhaseTiming> phases = plan.phases();
        int n = conflicts.size();
        BitSet[] greens = new BitSet[phases.size()];
        for (int p = 0; p < phases.size(); p++) {
            greens[p] = greens(phases.get(p).state());
        }

        int cycle = 0;
        int longestCycle = 0;
        for (int p = 0; p < phases.size(); p++) {
            PhaseTiming phase = phases.get(p);
            String label = "phase " + phase.phaseIndex() + " (position " + (p + 1) + ")";
            conflictingGreens(conflicts, greens[p], label, out);
            greenTimes(conflicts, limits, phase, greens[p], label, out);
            PhaseTiming next = phases.get((p + 1) % phases.size());
            BitSet losing = (BitSet) greens[p].clone();
            losing.andNot(greens[(p + 1) % phases.size()]);
            BitSet gaining = (BitSet) greens[(p + 1) % phases.size()].clone();
            gaining.andNot(greens[p]);
            if (phase.yellowSeconds() < 0 || phase.allRedSeconds() < 0) {
                out.add(new Violation(Violation.SHAPE, label + ": negative yellow or all-red"));
            }
            if (!losing.isEmpty() && phase.yellowSeconds() < limits.yellowSeconds()) {
                out.add(new Violation(Violation.YELLOW, label + ": links " + list(losing) + " lose green with "
                        + phase.yellowSeconds() + " s yellow; at least " + limits.yellowSeconds() + " s needed"));
            }
            intergreens(conflicts, limits, phase, next, losing, gaining, label, out);
            cycle += phase.greenSeconds() + phase.yellowSeconds() + phase.allRedSeconds();
            longestCycle += Math.max(phase.greenSeconds(), phase.maxGreenSeconds())
                    + phase.yellowSeconds() + phase.allRedSeconds();
        }
        if (plan.cycleSeconds() != cycle) {
            out.add(new Violation(Violation.CYCLE, "cycle is " + plan.cycleSeconds()
                    + " s but greens and intergreens add up to " + cycle + " s"));
        }
        if (longestCycle > limits.maxCycleSeconds()) {
            out.add(new Violation(Violation.MAX_CYCLE, "with every phase at its maximum green the cycle is "
                    + longestCycle + " s; at most " + limits.maxCycleSeconds() + " s allowed"));
        }
        if (plan.offsetSeconds() < 0 || (cycle > 0 && plan.offsetSeconds() >= cycle)) {
            out.add(new Violation(Violation.OFFSET, "offset " + plan.offsetSeconds() + " s is outside the cycle"));
        }
        unservedMovements(intersection, greens, n, out);
        return out;
    }

    private static boolean shape(Intersection intersection, TimingPlan plan, List<Violation> out) {
        if (plan == null) {
            out.add(new Violation(Violation.SHAPE, "no plan"));
            return false;
        }
        if (!intersection.id().equals(plan.intersectionId())) {
            out.add(new Violation(Violation.SHAPE, "plan is for " + plan.intersectionId() + ", not " + intersection.id()));
        }
        if (plan.validFrom() == null) {
            out.add(new Violation(Violation.SHAPE, "plan has no validity start"));
        }
        if (plan.planId() == null || plan.planId().isBlank()) {
            out.add(new Violation(Violation.SHAPE, "plan has no id"));
        }
        if (plan.phases() == null || plan.phases().isEmpty()) {
            out.add(new Violation(Violation.SHAPE, "plan has no phases"));
            return false;
        }
        int n = intersection.links().size();
        for (PhaseTiming phase : plan.phases()) {
            String state = phase.state();
            if (state == null || state.length() != n) {
                out.add(new Violation(Violation.SHAPE, "phase " + phase.phaseIndex() + ": state must have " + n
                        + " signals, one per controlled link"));
                continue;
            }
            for (char c : state.toCharArray()) {
                if (!STATE_CHARS.contains(c)) {
                    out.add(new Violation(Violation.SHAPE, "phase " + phase.phaseIndex() + ": unknown signal '" + c + "'"));
                    break;
                }
                if (c == 'y' || c == 'Y') {
                    out.add(new Violation(Violation.SHAPE, "phase " + phase.phaseIndex()
                            + ": a green phase may not contain yellow; intergreens come from yellowSeconds/allRedSeconds"));
                    break;
                }
            }
        }
        return out.isEmpty();
    }

    private static void conflictingGreens(ConflictMatrix conflicts, BitSet green, String label, List<Violation> out) {
        for (int i = green.nextSetBit(0); i >= 0; i = green.nextSetBit(i + 1)) {
            for (int j = green.nextSetBit(i + 1); j >= 0; j = green.nextSetBit(j + 1)) {
                if (conflicts.conflicting(i, j)) {
                    out.add(new Violation(Violation.CONFLICTING_GREENS, label + ": conflicting links " + i + " and "
                            + j + " are green together"));
                }
            }
        }
    }

    private static void greenTimes(ConflictMatrix conflicts, SafetyLimits limits, PhaseTiming phase, BitSet green,
                                   String label, List<Violation> out) {
        int minimum = limits.minGreenSeconds();
        boolean pedestrian = false;
        for (int i = green.nextSetBit(0); i >= 0; i = green.nextSetBit(i + 1)) {
            pedestrian |= conflicts.pedestrian(i);
        }
        if (phase.minGreenSeconds() < minimum) {
            out.add(new Violation(Violation.MIN_GREEN, label + ": minimum green " + phase.minGreenSeconds()
                    + " s is below " + minimum + " s"));
        }
        if (pedestrian && phase.minGreenSeconds() < limits.pedestrianMinGreenSeconds()) {
            out.add(new Violation(Violation.PEDESTRIAN_MIN_GREEN, label + ": serves a pedestrian crossing but its"
                    + " minimum green " + phase.minGreenSeconds() + " s is below " + limits.pedestrianMinGreenSeconds()
                    + " s"));
        }
        if (phase.greenSeconds() < phase.minGreenSeconds() || phase.greenSeconds() > phase.maxGreenSeconds()) {
            out.add(new Violation(Violation.GREEN_RANGE, label + ": green " + phase.greenSeconds()
                    + " s is outside its range " + phase.minGreenSeconds() + "-" + phase.maxGreenSeconds() + " s"));
        }
    }

    private static void intergreens(ConflictMatrix conflicts, SafetyLimits limits, PhaseTiming phase, PhaseTiming next,
                                    BitSet losing, BitSet gaining, String label, List<Violation> out) {
        int intergreen = phase.yellowSeconds() + phase.allRedSeconds();
        for (int i = losing.nextSetBit(0); i >= 0; i = losing.nextSetBit(i + 1)) {
            int needed = limits.yellowSeconds() + conflicts.clearanceSeconds(i);
            for (int j = gaining.nextSetBit(0); j >= 0; j = gaining.nextSetBit(j + 1)) {
                if (conflicts.conflicting(i, j) && intergreen < needed) {
                    out.add(new Violation(Violation.INTERGREEN, label + " to phase " + next.phaseIndex()
                            + ": link " + i + " loses green and conflicting link " + j + " gains it after "
                            + intergreen + " s; at least " + needed + " s needed"));
                    return;
                }
            }
        }
    }

    private static void unservedMovements(Intersection intersection, BitSet[] greens, int n, List<Violation> out) {
        BitSet served = new BitSet(n);
        for (BitSet g : greens) {
            served.or(g);
        }
        BitSet approved = new BitSet(n);
        for (Intersection.Phase phase : intersection.phases()) {
            approved.or(greens(phase.state()));
        }
        approved.andNot(served);
        if (!approved.isEmpty()) {
            out.add(new Violation(Violation.UNSERVED_MOVEMENT, "links " + list(approved)
                    + " get green in the approved program but never in this plan"));
        }
    }

    static BitSet greens(String state) {
        BitSet b = new BitSet(state.length());
        for (int i = 0; i < state.length(); i++) {
            if (ConflictMatrix.isGreen(state.charAt(i))) {
                b.set(i);
            }
        }
        return b;
    }

    private static String list(BitSet bits) {
        return bits.toString().replace("{", "").replace("}", "");
    }
}
