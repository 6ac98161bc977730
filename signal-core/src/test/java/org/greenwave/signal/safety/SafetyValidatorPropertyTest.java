package org.greenwave.signal.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.Intersection.SafetyLimits;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.signal.TimingPlan.PhaseTiming;
import org.junit.jupiter.api.Test;

/**
 * Property test: for 100,000 generated intersections and candidate plans, the validator's verdict equals that of
 * an independent oracle which plays the plan second by second (as a controller would) and checks the resulting
 * signal timeline. No unsafe plan passes; no safe plan is refused.
 */
class SafetyValidatorPropertyTest {

    private static final int PLANS = 100_000;
    private final SafetyValidator validator = new SafetyValidator();

    @Test
    void validatorAgreesWithASecondBySecondOracle() {
        Random random = new Random(20261128);
        int safe = 0;
        int unsafe = 0;
        for (int k = 0; k < PLANS; k++) {
            Intersection intersection = randomIntersection(random);
            TimingPlan plan = randomPlan(random, intersection);
            boolean oracleSafe = Oracle.safe(intersection, plan);
            List<Violation> violations = validator.validate(intersection, plan);
            assertThat(violations.isEmpty())
                    .as("plan %s at %s: oracle says %s, validator says %s", plan, intersection,
                            oracleSafe ? "safe" : "unsafe", violations)
                    .isEqualTo(oracleSafe);
            if (oracleSafe) {
                safe++;
            } else {
                unsafe++;
            }
        }
        System.out.printf("safety property: %d generated plans, %d safe, %d unsafe, validator agreed on all%n",
                PLANS, safe, unsafe);
        // Both sides of the property must be well exercised.
        assertThat(safe).isGreaterThan(PLANS / 10);
        assertThat(unsafe).isGreaterThan(PLANS / 10);
    }

    static Intersection randomIntersection(Random r) {
        int n = 2 + r.nextInt(11);
        boolean[][] foe = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                boolean f = r.nextDouble() < 0.45;
                foe[i][j] = f;
                foe[j][i] = f;
            }
        }
        boolean withFoeInfo = r.nextDouble() < 0.85;
        // Approved phases: greedy independent sets in random order until every link is served.
        List<String> phaseStates = new ArrayList<>();
        boolean[] covered = new boolean[n];
        int guard = 0;
        while (!all(covered) && guard++ < 50) {
            char[] s = new char[n];
            java.util.Arrays.fill(s, 'r');
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, r);
            order.sort((a, b) -> Boolean.compare(covered[a], covered[b]));
            for (int i : order) {
                boolean ok = true;
                for (int j = 0; j < n; j++) {
                    if (s[j] != 'r' && (foe[i][j] || !withFoeInfo)) {
                        ok = false;
                    }
                }
                if (ok && (s[0] == 'r' || r.nextDouble() < 0.8)) {
                    s[i] = r.nextDouble() < 0.8 ? 'G' : 'g';
                    covered[i] = true;
                }
            }
            phaseStates.add(new String(s));
        }
        List<Intersection.Link> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> foes = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (withFoeInfo && foe[i][j]) {
                    foes.add(j);
                }
            }
            links.add(new Intersection.Link(i, "in" + i, "out" + i, r.nextDouble() < 0.15, foes, r.nextInt(4)));
        }
        List<Intersection.Phase> phases = new ArrayList<>();
        List<Intersection.ProgramStep> program = new ArrayList<>();
        for (int p = 0; p < phaseStates.size(); p++) {
            phases.add(new Intersection.Phase(2 * p, phaseStates.get(p), 20 + r.nextInt(20)));
            program.add(new Intersection.ProgramStep(phaseStates.get(p), 30));
            program.add(new Intersection.ProgramStep(phaseStates.get(p).replace('G', 'y').replace('g', 'y'), 3));
        }
        SafetyLimits limits = new SafetyLimits(4 + r.nextInt(4), 3, 80 + r.nextInt(100), 6 + r.nextInt(6));
        return new Intersection("J" + n, "J", 0, 0, links, phases, List.of(), program, limits);
    }

    static TimingPlan randomPlan(Random r, Intersection x) {
        SafetyLimits lim = x.limits();
        List<Intersection.Phase> approved = new ArrayList<>(x.phases());
        if (r.nextDouble() < 0.5) {
            java.util.Collections.shuffle(approved, r);
        }
        if (approved.size() > 1 && r.nextDouble() < 0.05) {
            approved.remove(r.nextInt(approved.size()));
        }
        int budget = lim.maxCycleSeconds() / Math.max(1, approved.size());
        List<PhaseTiming> phases = new ArrayList<>();
        for (Intersection.Phase p : approved) {
            String state = p.state();
            if (r.nextDouble() < 0.03) {
                char[] s = state.toCharArray();
                s[r.nextInt(s.length)] = 'G';
                state = new String(s);
            }
            if (r.nextDouble() < 0.005) {
                state = state + "r";
            }
            int min = Math.max(1, lim.minGreenSeconds() + (r.nextDouble() < 0.1 ? -1 - r.nextInt(2) : r.nextInt(3)));
            if (r.nextDouble() < 0.8) {
                min = Math.max(min, lim.pedestrianMinGreenSeconds() + (r.nextDouble() < 0.1 ? -1 : 0));
            }
            int maxRoom = Math.max(min, budget - 5);
            int green = min + r.nextInt(Math.max(1, maxRoom - min + 1));
            if (r.nextDouble() < 0.03) {
                green = Math.max(0, min - 1);
            }
            int max = green + r.nextInt(Math.max(1, (budget - green - 4) / 2 + 1));
            if (r.nextDouble() < 0.05) {
                max = max + 60;
            }
            int yellow = r.nextDouble() < 0.08 ? r.nextInt(3) : 3 + r.nextInt(2);
            int allRed = r.nextDouble() < 0.6 ? 3 : r.nextInt(5);
            phases.add(new PhaseTiming(p.index(), state, green, min, max, yellow, allRed));
        }
        int cycle = phases.stream().mapToInt(p -> p.greenSeconds() + p.yellowSeconds() + p.allRedSeconds()).sum();
        if (r.nextDouble() < 0.03) {
            cycle += r.nextBoolean() ? 1 : -1;
        }
        int offset = r.nextDouble() < 0.03 ? cycle + r.nextInt(5) : r.nextInt(Math.max(1, cycle));
        return new TimingPlan("p", x.id(), Instant.EPOCH, Instant.EPOCH, cycle, offset, phases, "test", "generated",
                "AUTO", null);
    }

    private static boolean all(boolean[] b) {
        for (boolean v : b) {
            if (!v) {
                return false;
            }
        }
        return true;
    }

    /** Independent oracle: plays two cycles second by second and checks the timeline a controller would show. */
    static final class Oracle {

        static boolean safe(Intersection x, TimingPlan plan) {
            int n = x.links().size();
            SafetyLimits lim = x.limits();
            for (PhaseTiming p : plan.phases()) {
                if (p.state().length() != n || p.state().chars().anyMatch(c -> "rRgGsuoO".indexOf(c) < 0)) {
                    return false;
                }
            }
            boolean[][] conflict = conflicts(x);
            // per-phase timing rules
            int cycle = 0;
            int longest = 0;
            for (PhaseTiming p : plan.phases()) {
                boolean ped = false;
                for (int i = 0; i < n; i++) {
                    ped |= green(p.state().charAt(i)) && x.links().get(i).pedestrian();
                }
                if (p.minGreenSeconds() < lim.minGreenSeconds() || (ped && p.minGreenSeconds() < lim.pedestrianMinGreenSeconds())
                        || p.greenSeconds() < p.minGreenSeconds() || p.greenSeconds() > p.maxGreenSeconds()
                        || p.yellowSeconds() < 0 || p.allRedSeconds() < 0) {
                    return false;
                }
                cycle += p.greenSeconds() + p.yellowSeconds() + p.allRedSeconds();
                longest += p.maxGreenSeconds() + p.yellowSeconds() + p.allRedSeconds();
            }
            if (cycle != plan.cycleSeconds() || longest > lim.maxCycleSeconds()
                    || plan.offsetSeconds() < 0 || plan.offsetSeconds() >= cycle) {
                return false;
            }
            // the timeline of two cycles
            List<char[]> t = new ArrayList<>();
            List<PhaseTiming> ps = plan.phases();
            for (int round = 0; round < 2; round++) {
                for (int k = 0; k < ps.size(); k++) {
                    String now = ps.get(k).state();
                    String next = ps.get((k + 1) % ps.size()).state();
                    for (int s = 0; s < ps.get(k).greenSeconds(); s++) {
                        t.add(now.toCharArray());
                    }
                    char[] yellow = now.toCharArray();
                    char[] red = now.toCharArray();
                    for (int i = 0; i < n; i++) {
                        boolean g = green(now.charAt(i));
                        boolean gNext = green(next.charAt(i));
                        if (g && !gNext) {
                            yellow[i] = 'y';
                            red[i] = 'r';
                        } else if (!g) {
                            yellow[i] = 'r';
                            red[i] = 'r';
                        }
                    }
                    for (int s = 0; s < ps.get(k).yellowSeconds(); s++) {
                        t.add(yellow);
                    }
                    for (int s = 0; s < ps.get(k).allRedSeconds(); s++) {
                        t.add(red);
                    }
                }
            }
            // no conflicting greens at any second
            for (char[] s : t) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (i != j && green(s[i]) && green(s[j]) && conflict[i][j]) {
                            return false;
                        }
                    }
                }
            }
            // each end of green: at least the yellow time of yellow; conflicting green only after yellow + clearance
            for (int sec = 1; sec < t.size(); sec++) {
                for (int i = 0; i < n; i++) {
                    if (green(t.get(sec - 1)[i]) && !green(t.get(sec)[i])) {
                        int y = 0;
                        while (sec + y < t.size() && t.get(sec + y)[i] == 'y') {
                            y++;
                        }
                        if (sec + y < t.size() && y < lim.yellowSeconds()) {
                            return false;
                        }
                        int needed = lim.yellowSeconds() + x.links().get(i).clearanceSeconds();
                        for (int j = 0; j < n; j++) {
                            if (!conflict[i][j]) {
                                continue;
                            }
                            for (int d = 0; d < needed && sec + d < t.size(); d++) {
                                if (green(t.get(sec + d)[j])) {
                                    return false;
                                }
                            }
                        }
                    }
                }
            }
            // every approved movement served
            for (Intersection.Phase p : x.phases()) {
                for (int i = 0; i < n; i++) {
                    if (green(p.state().charAt(i))) {
                        final int link = i;
                        if (t.stream().noneMatch(s -> green(s[link]))) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        private static boolean[][] conflicts(Intersection x) {
            int n = x.links().size();
            boolean anyFoes = x.links().stream().anyMatch(l -> !l.foes().isEmpty());
            boolean[][] c = new boolean[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i == j) {
                        continue;
                    }
                    boolean together = false;
                    List<String> states = new ArrayList<>();
                    x.phases().forEach(p -> states.add(p.state()));
                    x.fixedProgram().forEach(p -> states.add(p.state()));
                    for (String s : states) {
                        together |= green(s.charAt(i)) && green(s.charAt(j));
                    }
                    boolean foe = !anyFoes || x.links().get(i).foes().contains(j) || x.links().get(j).foes().contains(i);
                    c[i][j] = foe && !together;
                }
            }
            return c;
        }

        private static boolean green(char ch) {
            return ch == 'G' || ch == 'g' || ch == 's';
        }
    }
}
