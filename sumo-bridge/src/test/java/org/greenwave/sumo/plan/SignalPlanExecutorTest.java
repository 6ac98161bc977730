package org.greenwave.sumo.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.signal.TimingPlan.PhaseTiming;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor's field-controller semantics, second by second, on signal A0 of the two-signal test network
 * (fixed program: 42 s north-south green, 3 s yellow, 42 s east-west green, 3 s yellow).
 */
class SignalPlanExecutorTest {

    static final String NS = "GGGgrrrrGGGgrrrr";
    static final String EW = "rrrrGGGgrrrrGGGg";
    static final String NS_YELLOW = "yyyyrrrryyyyrrrr";
    static final String ALL_RED = "rrrrrrrrrrrrrrrr";

    @TempDir
    Path dir;
    NetworkModel.Signal signal;
    List<ExecutorEvent> events = new ArrayList<>();

    @BeforeEach
    void network() throws IOException {
        Path net = dir.resolve("two.net.xml");
        try (InputStream in = getClass().getResourceAsStream("/two-signals.net.xml")) {
            Files.copy(in, net);
        }
        signal = NetReader.read(net).signal("A0");
    }

    private SignalPlanExecutor executor(double timeout, PlanCheck check) {
        return new SignalPlanExecutor("A0", signal, 5, 3, timeout, check, events::add);
    }

    static TimingPlan plan(String id, PhaseTiming... phases) {
        int cycle = 0;
        for (PhaseTiming p : phases) {
            cycle += p.greenSeconds() + p.yellowSeconds() + p.allRedSeconds();
        }
        return new TimingPlan(id, "A0", null, Instant.EPOCH, cycle, 0, List.of(phases), "test", "hand-made", "AUTO",
                null);
    }

    static PhaseTiming phase(int index, String state, int green, int min, int max, int yellow, int allRed) {
        return new PhaseTiming(index, state, green, min, max, yellow, allRed);
    }

    /** Ticks from..to (inclusive) and returns the states shown, by time. */
    private static Map<Integer, String> run(SignalPlanExecutor e, int from, int to, int fixedPhase,
                                            Predicate<String> demand) {
        return run(e, from, to, fixedPhase, 0, demand);
    }

    private static Map<Integer, String> run(SignalPlanExecutor e, int from, int to, int fixedPhase,
                                            int fixedPhaseStart, Predicate<String> demand) {
        Map<Integer, String> shown = new TreeMap<>();
        for (int t = from; t <= to; t++) {
            Optional<SignalPlanExecutor.Action> a = e.tick(t, fixedPhase, fixedPhaseStart, demand);
            if (a.isPresent()) {
                shown.put(t, a.get() instanceof SignalPlanExecutor.ShowState s ? s.state()
                        : "program:" + ((SignalPlanExecutor.ReturnToProgram) a.get()).phaseIndex());
            }
        }
        return shown;
    }

    @Test
    void leavesTheFixedProgramAloneUntilAPlanArrives() {
        SignalPlanExecutor e = executor(0, PlanCheck.ACCEPT_ALL);
        assertThat(run(e, 0, 100, 0, l -> false)).isEmpty();
        assertThat(e.inFallback()).isTrue();
    }

    @Test
    void runsPhasesInOrderWithYellowAndAllRed() {
        SignalPlanExecutor e = executor(0, PlanCheck.ACCEPT_ALL);
        run(e, 0, 9, 0, l -> false); // fixed program's north-south green since t=0
        assertThat(e.offer(plan("p1", phase(0, NS, 20, 5, 20, 3, 2), phase(2, EW, 15, 5, 15, 3, 1)), 10, 10)).isTrue();
        Map<Integer, String> shown = run(e, 10, 80, 0, l -> false);
        assertThat(shown).containsEntry(10, NS)          // takes over the running green: it started at t=0
                .containsEntry(20, NS_YELLOW)            // 20 s of green counted from t=0
                .containsEntry(23, ALL_RED)              // 3 s yellow, then 2 s all-red
                .containsEntry(25, EW)
                .containsEntry(40, "rrrryyyyrrrryyyy")   // 15 s east-west green
                .containsEntry(43, ALL_RED)
                .containsEntry(44, NS)                   // 1 s all-red after east-west
                .containsEntry(64, NS_YELLOW);
        assertThat(shown).hasSize(10);
        assertThat(events).extracting(ExecutorEvent::type).containsExactly(ExecutorEvent.Type.PLAN_ACCEPTED,
                ExecutorEvent.Type.PLAN_APPLIED, ExecutorEvent.Type.FALLBACK_LEFT);
    }

    @Test
    void aNewPlanShortensTheRunningPhaseButNeverBelowItsMinimumGreen() {
        SignalPlanExecutor e = executor(0, PlanCheck.ACCEPT_ALL);
        e.offer(plan("p1", phase(0, NS, 30, 5, 30, 3, 0), phase(2, EW, 30, 5, 30, 3, 0)), 0, 0);
        run(e, 0, 2, 0, l -> false);  // north-south green from t=0
        // the new plan wants 10 s, and the phase has had 12 s: it ends at once
        e.offer(plan("p2", phase(0, NS, 10, 8, 10, 3, 0), phase(2, EW, 20, 5, 20, 3, 0)), 12, 12);
        assertThat(run(e, 12, 12, 0, l -> false)).containsEntry(12, NS_YELLOW);

        SignalPlanExecutor f = executor(0, PlanCheck.ACCEPT_ALL);
        f.offer(plan("p1", phase(0, NS, 30, 5, 30, 3, 0), phase(2, EW, 30, 5, 30, 3, 0)), 0, 0);
        run(f, 0, 2, 0, l -> false);
        // 1 s green wanted, 8 s minimum: the phase ends at 8 s, not at once
        f.offer(plan("p3", phase(0, NS, 1, 8, 1, 3, 0), phase(2, EW, 20, 5, 20, 3, 0)), 3, 3);
        Map<Integer, String> shown = run(f, 3, 20, 0, l -> false);
        assertThat(shown.keySet().iterator().next()).isEqualTo(8);
        assertThat(shown.get(8)).isEqualTo(NS_YELLOW);
        assertThat(shown).containsEntry(11, EW);
    }

    @Test
    void extendsGreenWhileVehiclesAreDetectedUpToMaxGreen() {
        SignalPlanExecutor e = executor(0, PlanCheck.ACCEPT_ALL);
        e.offer(plan("p1", phase(0, NS, 10, 5, 25, 3, 0), phase(2, EW, 10, 5, 10, 3, 0)), 0, 0);
        int[] now = {0};
        // vehicles near the north approach's stop line until t=16
        Predicate<String> demand = lane -> lane.startsWith("top0A0") && now[0] < 16;
        Map<Integer, String> shown = new TreeMap<>();
        for (int t = 0; t <= 60; t++) {
            now[0] = t;
            e.tick(t, 0, 0, demand).ifPresent(a -> shown.put(now[0], ((SignalPlanExecutor.ShowState) a).state()));
        }
        assertThat(shown).containsEntry(16, NS_YELLOW).containsEntry(19, EW);
        // east-west has no extension; next north-south green starts at 32 and demand is gone: no extension
        assertThat(shown).containsEntry(29, "rrrryyyyrrrryyyy").containsEntry(32, NS).containsEntry(42, NS_YELLOW);

        SignalPlanExecutor capped = executor(0, PlanCheck.ACCEPT_ALL);
        capped.offer(plan("p1", phase(0, NS, 10, 5, 25, 3, 0), phase(2, EW, 10, 5, 10, 3, 0)), 0, 0);
        assertThat(run(capped, 0, 40, 0, lane -> true)).containsEntry(25, NS_YELLOW); // always demand: max green
    }

    @Test
    void aPhaseTheNewPlanLacksEndsAfterMinimumGreenThenThePlansFirstPhase() {
        SignalPlanExecutor e = executor(0, PlanCheck.ACCEPT_ALL);
        e.offer(plan("p1", phase(0, NS, 30, 5, 30, 3, 0), phase(2, EW, 30, 5, 30, 3, 0)), 0, 0);
        run(e, 0, 1, 0, l -> false);
        String northOnly = "GGGgrrrrrrrrrrrr";
        String westOnly = "rrrrrrrrrrrrGGGg";
        e.offer(plan("p2", phase(5, westOnly, 20, 5, 20, 3, 0), phase(6, northOnly, 20, 5, 20, 3, 0)), 2, 2);
        Map<Integer, String> shown = run(e, 2, 30, 0, l -> false);
        assertThat(shown).containsEntry(5, NS_YELLOW).containsEntry(8, westOnly)   // min green 5 s from t=0
                .containsEntry(28, "rrrrrrrrrrrryyyy");                           // then the plan's own order
        assertThat(shown).hasSize(3);
    }

    @Test
    void rejectedPlansAreIgnoredAndCounted() {
        SignalPlanExecutor e = executor(0, p -> p.planId().startsWith("bad")
                ? Optional.of("intergreen too short") : Optional.empty());
        e.offer(plan("p1", phase(0, NS, 20, 5, 20, 3, 0), phase(2, EW, 20, 5, 20, 3, 0)), 0, 0);
        run(e, 0, 5, 0, l -> false);
        assertThat(e.offer(plan("bad-1", phase(0, NS, 5, 5, 5, 3, 0), phase(2, EW, 5, 5, 5, 3, 0)), 6, 6)).isFalse();
        assertThat(e.offer(plan("short-state", phase(0, "GGrr", 5, 5, 5, 3, 0)), 6, 6)).isFalse();
        assertThat(e.offer(plan("yellow", phase(0, NS_YELLOW, 5, 5, 5, 3, 0)), 6, 6)).isFalse();
        TimingPlan other = new TimingPlan("x", "B0", null, Instant.EPOCH, 10, 0,
                List.of(phase(0, NS, 5, 5, 5, 3, 0)), "t", "t", "AUTO", null);
        assertThat(e.offer(other, 6, 6)).isFalse();
        assertThat(e.rejectedPlans()).isEqualTo(4);
        assertThat(e.plan().planId()).isEqualTo("p1");
        assertThat(run(e, 6, 20, 0, l -> false)).containsEntry(20, NS_YELLOW); // p1 still runs
        assertThat(events).filteredOn(ev -> ev.type() == ExecutorEvent.Type.PLAN_REJECTED)
                .extracting(ExecutorEvent::detail).contains("intergreen too short");
    }

    @Test
    void fallsBackToTheFixedProgramAfterTheTimeoutAndReturnsToPlans() {
        SignalPlanExecutor e = executor(60, PlanCheck.ACCEPT_ALL);
        e.offer(plan("p1", phase(0, NS, 20, 5, 20, 3, 0), phase(2, EW, 20, 5, 20, 3, 0)), 0, 0);
        Map<Integer, String> shown = run(e, 0, 100, 0, l -> false);
        // NS 0-20, EW 23-43, NS 46-66: the timeout (60 s after the plan) falls in that green, whose state is the
        // fixed program's step 0, so the signal goes back to the program there, once it had its minimum green
        assertThat(shown).containsEntry(61, "program:0");
        assertThat(e.inFallback()).isTrue();
        assertThat(events).extracting(ExecutorEvent::type).contains(ExecutorEvent.Type.FALLBACK_ENTERED);

        // a plan arrives while the fixed program shows yellow (step 1): the plan waits for the next green (step 2)
        e.offer(plan("p2", phase(0, NS, 20, 5, 20, 3, 0), phase(2, EW, 25, 5, 25, 3, 0)), 105, 105);
        assertThat(run(e, 101, 106, 1, 104, l -> false)).isEmpty();
        Map<Integer, String> back = run(e, 107, 140, 2, 107, l -> false);
        assertThat(back).containsEntry(107, EW).containsEntry(132, "rrrryyyyrrrryyyy");
        assertThat(events).extracting(ExecutorEvent::type).contains(ExecutorEvent.Type.FALLBACK_LEFT);
    }

    @Test
    void aPlanWaitsForItsValidFrom() {
        SignalPlanExecutor e = executor(0, PlanCheck.ACCEPT_ALL);
        e.offer(plan("p1", phase(0, NS, 10, 5, 10, 3, 0), phase(2, EW, 10, 5, 10, 3, 0)), 0, 30);
        assertThat(run(e, 0, 29, 0, l -> false)).isEmpty();
        assertThat(run(e, 30, 30, 0, l -> false)).containsEntry(30, NS_YELLOW); // green since 0: already past 10 s
    }

    @Test
    void reportsWhatItShowsAndExecutes() {
        SignalPlanExecutor e = executor(0, PlanCheck.ACCEPT_ALL);
        Instant at = Instant.parse("2026-11-28T07:00:00Z");
        assertThat(e.controllerState(0, at)).isEmpty(); // nothing known before the first tick
        run(e, 0, 9, 0, l -> false);
        org.greenwave.contracts.signal.ControllerState fallback = e.controllerState(9, at).orElseThrow();
        assertThat(fallback.source()).isEqualTo("FALLBACK");
        assertThat(fallback.state()).isEqualTo(NS);
        assertThat(fallback.greenSeconds()).isEqualTo(9);
        assertThat(fallback.planId()).isNull();
        run(e, 43, 43, 1, 42, l -> false);
        assertThat(e.controllerState(43, at).orElseThrow()).satisfies(s -> {
            assertThat(s.inTransition()).isTrue();
            assertThat(s.phaseIndex()).isEqualTo(2);   // switching to the program's next green
            assertThat(s.greenSeconds()).isZero();
        });

        SignalPlanExecutor p = executor(0, PlanCheck.ACCEPT_ALL);
        p.offer(plan("p1", phase(0, NS, 20, 5, 20, 3, 2), phase(2, EW, 15, 5, 15, 3, 1)), 0, 0);
        run(p, 0, 12, 0, l -> false);
        assertThat(p.controllerState(12, at).orElseThrow()).isEqualTo(new org.greenwave.contracts.signal.ControllerState(
                "A0", at, NS, 0, false, 12, "p1", "PLAN"));
        run(p, 13, 21, 0, l -> false);
        assertThat(p.controllerState(21, at).orElseThrow()).isEqualTo(new org.greenwave.contracts.signal.ControllerState(
                "A0", at, NS_YELLOW, 2, true, 0, "p1", "PLAN"));
        run(p, 22, 23, 0, l -> false);
        assertThat(p.controllerState(23, at).orElseThrow().state()).isEqualTo(ALL_RED);
        assertThat(org.greenwave.contracts.EventSchemas.validateEvent(org.greenwave.contracts.EventSchemas.CONTROLLER_STATE,
                p.controllerState(23, at).orElseThrow())).isEmpty();
    }
}
