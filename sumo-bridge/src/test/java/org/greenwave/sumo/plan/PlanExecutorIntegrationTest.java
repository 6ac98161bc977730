package org.greenwave.sumo.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.testing.TestScenarios;
import org.greenwave.sumo.twin.Intersections;
import org.greenwave.sumo.twin.SimClock;
import org.greenwave.sumo.twin.Twin;
import org.greenwave.sumo.twin.TwinOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made plans executed in a real SUMO: what the signals show, second by second. */
class PlanExecutorIntegrationTest {

    static final String NS = SignalPlanExecutorTest.NS;
    static final String EW = SignalPlanExecutorTest.EW;

    @TempDir
    Path dir;

    @Test
    void signalsShowThePlanWithYellowAllRedAndFallBackToTheirProgram() {
        TestScenarios.assumeSumo();
        ScenarioConfig scenario = ScenarioConfig.read(TestScenarios.twoSignals(dir, 300, 400));
        SimClock clock = new SimClock(Instant.parse("2026-11-28T08:00:00Z"), scenario.begin(), scenario.end());
        List<ExecutorEvent> events = new ArrayList<>();
        Map<Integer, String> a0 = new TreeMap<>();
        Map<Integer, String> b0 = new TreeMap<>();
        try (Twin twin = Twin.start(scenario, TwinOptions.of(1, dir.resolve("trips.xml"), dir.resolve("work")))) {
            Map<String, Intersection> intersections = Intersections.of(twin.network(), twin.detectors());
            PlanExecutor executor = new PlanExecutor(twin.network(), intersections,
                    p -> p.explanation().contains("unsafe") ? java.util.Optional.of("unsafe") : java.util.Optional.empty(),
                    clock, 100, e -> { });
            executor.start(twin);
            while (!twin.finished()) {
                twin.step();
                int t = (int) twin.time();
                if (t == 10) {
                    // valid from t=12, given as a wall-clock instant of the run's clock
                    assertThat(executor.offer(plan("A0", clock.instant(12), "p1",
                            SignalPlanExecutorTest.phase(0, NS, 20, 5, 20, 3, 2),
                            SignalPlanExecutorTest.phase(2, EW, 15, 5, 15, 3, 2)), t)).isTrue();
                    assertThat(executor.offer(plan("B0", null, "unsafe one",
                            SignalPlanExecutorTest.phase(0, NS, 5, 5, 5, 0, 0)), t)).isFalse();
                }
                executor.afterStep(twin);
                a0.put(t, twin.sumo().trafficLights().state("A0"));
                b0.put(t, twin.sumo().trafficLights().state("B0"));
            }
            events.addAll(executor.events());
            assertThat(executor.rejectedPlans()).isEqualTo(1);
        }
        // before the plan: the fixed program (north-south green for 42 s from t=0)
        assertThat(a0.get(5)).isEqualTo(NS);
        // green since t=0, the plan gives 20 s: yellow at 20..22, all-red 23..24, east-west 25..39
        assertThat(a0.get(19)).isEqualTo(NS);
        assertThat(a0.get(20)).isEqualTo("yyyyrrrryyyyrrrr");
        assertThat(a0.get(22)).isEqualTo("yyyyrrrryyyyrrrr");
        assertThat(a0.get(23)).isEqualTo("rrrrrrrrrrrrrrrr");
        assertThat(a0.get(24)).isEqualTo("rrrrrrrrrrrrrrrr");
        assertThat(a0.get(25)).isEqualTo(EW);
        assertThat(a0.get(39)).isEqualTo(EW);
        assertThat(a0.get(40)).isEqualTo("rrrryyyyrrrryyyy");
        assertThat(a0.get(45)).isEqualTo(NS);
        // B0 never got a valid plan: its fixed program runs (42 s green, 3 s yellow). SUMO reports a program's
        // switch one step later than a state set through TraCI (it switches at the start of the next step): both
        // give the vehicles 42 s of green from t=0
        assertThat(b0.get(42)).isEqualTo(NS);
        assertThat(b0.get(43)).isEqualTo("yyyyrrrryyyyrrrr");
        assertThat(b0.get(46)).isEqualTo(EW);
        // no plan after t=10: after 100 s the signal returns to its program, then follows it
        ExecutorEvent fallback = events.stream().filter(e -> e.type() == ExecutorEvent.Type.FALLBACK_ENTERED)
                .findFirst().orElseThrow();
        assertThat(fallback.simTime()).isEqualTo(111.0);
        assertThat(fallback.intersectionId()).isEqualTo("A0");
        // the fallback starts at the next green that is a program step (after its minimum green) and the program
        // then runs its own 42 s green / 3 s yellow steps again
        List<Integer> changes = new ArrayList<>();
        for (int t = 111; t < 399; t++) {
            if (!a0.get(t).equals(a0.get(t + 1))) {
                changes.add(t + 1);
            }
        }
        List<Integer> afterReturn = changes.subList(changes.indexOf(changes.stream()
                .filter(t -> a0.get(t).contains("y")).skip(1).findFirst().orElseThrow()), changes.size());
        assertThat(afterReturn).hasSizeGreaterThanOrEqualTo(6);
        for (int i = 1; i < afterReturn.size(); i++) {
            assertThat(afterReturn.get(i) - afterReturn.get(i - 1)).isIn(3, 42);
        }
    }

    static TimingPlan plan(String intersection, Instant validFrom, String explanation,
                           TimingPlan.PhaseTiming... phases) {
        TimingPlan p = SignalPlanExecutorTest.plan("plan-" + intersection, phases);
        return new TimingPlan(p.planId(), intersection, validFrom, p.dataUntil(), p.cycleSeconds(), 0, p.phases(),
                p.modelVersion(), explanation, p.mode(), null);
    }
}
