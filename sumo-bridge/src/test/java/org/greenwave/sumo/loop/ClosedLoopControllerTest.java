package org.greenwave.sumo.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.greenwave.contracts.EventSchemas;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.sumo.evaluate.RunProgress;
import org.greenwave.sumo.evaluate.RunResult;
import org.greenwave.sumo.evaluate.TwinRun;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.plan.ExecutorEvent;
import org.greenwave.sumo.plan.PlanCheck;
import org.greenwave.sumo.plan.PlanExecutor;
import org.greenwave.sumo.testing.TestScenarios;
import org.greenwave.sumo.twin.DetectorLayout;
import org.greenwave.sumo.twin.Intersections;
import org.greenwave.sumo.twin.SimClock;
import org.greenwave.sumo.twin.TwinOptions;
import org.greenwave.sumo.twin.VirtualDetectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed loop's protocol in a real SUMO, with a small stand-in for the services inside the test: it receives
 * the twin's readings and answers every decision step with a plan per intersection based on them.
 */
class ClosedLoopControllerTest {

    @TempDir
    Path dir;

    /** Receives readings like traffic-ingest and answers with plans like the optimizer would (queue split). */
    static class StandInServices implements FieldDevices, PlanSource {
        final Map<String, Intersection> byId = new HashMap<>();
        final List<TimingPlan> outbox = new ArrayList<>();
        final List<FieldReading> received = new ArrayList<>();

        StandInServices(Map<String, Intersection> intersections) {
            intersections.values().forEach(i -> byId.put(i.id(), i));
        }

        @Override
        public void send(List<FieldReading> readings) {
            received.addAll(readings);
            Instant until = readings.stream().map(FieldReading::timestamp).max(Comparator.naturalOrder()).orElseThrow();
            for (Intersection i : byId.values()) {
                List<TimingPlan.PhaseTiming> phases = new ArrayList<>();
                for (Intersection.Phase p : i.phases()) {
                    int demand = readings.stream().filter(r -> r.intersectionId().equals(i.id())
                                    && r.timestamp().equals(until) && r.detectorId().endsWith("#0")
                                    && greenFor(i, p, r.detectorId()))
                            .mapToInt(FieldReading::vehicleCount).sum();
                    int green = Math.max(10, Math.min(40, 10 + 3 * demand));
                    phases.add(new TimingPlan.PhaseTiming(p.index(), p.state(), green, 5, green, 3, 1));
                }
                int cycle = phases.stream().mapToInt(p -> p.greenSeconds() + 4).sum();
                outbox.add(new TimingPlan(i.id() + "@" + until.toEpochMilli(), i.id(), until, until, cycle, 0,
                        phases, "stand-in", "queue split", "AUTO", null));
            }
        }

        private static boolean greenFor(Intersection i, Intersection.Phase p, String detectorId) {
            String lane = detectorId.substring(0, detectorId.lastIndexOf('#'));
            return i.links().stream().anyMatch(l -> l.fromLane().equals(lane)
                    && (p.state().charAt(l.index()) == 'G' || p.state().charAt(l.index()) == 'g'));
        }

        @Override
        public void close() {
        }

        @Override
        public List<TimingPlan> poll(Duration timeout) {
            List<TimingPlan> out = List.copyOf(outbox);
            outbox.clear();
            return out;
        }
    }

    record Run(RunResult result, ClosedLoopController.Stats stats, List<ExecutorEvent> events,
               List<FieldReading> readings, SimClock clock, List<ControllerState> states) {
    }

    private Run run(Path cfg) {
        ScenarioConfig scenario = ScenarioConfig.read(cfg);
        NetworkModel network = NetReader.read(scenario);
        DetectorLayout layout = DetectorLayout.standard();
        Map<String, Intersection> intersections = Intersections.of(network, VirtualDetectors.place(network, layout));
        SimClock clock = new SimClock(Instant.parse("2026-11-28T12:00:00Z"), scenario.begin(), scenario.end());
        StandInServices services = new StandInServices(intersections);
        PlanExecutor executor = new PlanExecutor(network, intersections, PlanCheck.ACCEPT_ALL, clock, 0, e -> { });
        List<ControllerState> states = new ArrayList<>();
        ClosedLoopController loop = new ClosedLoopController(services, services, states::addAll, executor, clock,
                LoopSettings.defaults(), intersections);
        RunResult result = TwinRun.run(scenario, network, loop,
                TwinOptions.of(4, dir.resolve("loop-" + System.nanoTime() + ".xml"), dir.resolve("work")), RunProgress.NONE);
        return new Run(result, loop.stats(), executor.events(), services.received, clock, states);
    }

    @Test
    void sendsEveryDetectorsReadingsAndExecutesThePlansThatComeBack() {
        TestScenarios.assumeSumo();
        Path cfg = TestScenarios.twoSignals(dir, 400, 300);
        Run run = run(cfg);

        assertThat(run.stats().decisionSteps()).isEqualTo(60);
        assertThat(run.stats().readingsSent()).isEqualTo(300L * 48);       // 48 detectors, every second
        assertThat(run.stats().plansReceived()).isEqualTo(120);            // one per intersection and decision step
        assertThat(run.stats().waitsTimedOut()).isZero();
        assertThat(run.readings().get(run.readings().size() - 1).timestamp())
                .isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));        // the period ends when the run "started"
        assertThat(run.readings().get(0).timestamp()).isEqualTo(run.clock().instant(1));
        assertThat(run.events()).filteredOn(e -> e.type() == ExecutorEvent.Type.PLAN_APPLIED).hasSize(120);
        assertThat(run.events()).noneMatch(e -> e.type() == ExecutorEvent.Type.FALLBACK_ENTERED
                || e.type() == ExecutorEvent.Type.PLAN_REJECTED);
        assertThat(run.result().delay().vehicles()).isBetween(300, 400);

        // every second each controller reports what it showed (from t=2: at t=1 the program step is not known yet)
        assertThat(run.states()).hasSize(2 * 299);
        assertThat(run.states()).allSatisfy(st -> assertThat(
                EventSchemas.validateEvent(EventSchemas.CONTROLLER_STATE, st)).isEmpty());
        assertThat(run.states().subList(0, 8)).extracting(ControllerState::source).containsOnly("FALLBACK");
        assertThat(run.states().get(run.states().size() - 1).source()).isEqualTo("PLAN");
        assertThat(run.states()).anyMatch(ControllerState::inTransition);

        Run again = run(cfg);
        assertThat(again.result().delay().meanDelay()).isEqualTo(run.result().delay().meanDelay());
    }

    @Test
    void theFixedProgramAsAPlanGivesExactlyTheFixedTimeTrips() throws java.io.IOException {
        TestScenarios.assumeSumo();
        ScenarioConfig scenario = ScenarioConfig.read(TestScenarios.twoSignals(dir, 500, 400));
        NetworkModel network = NetReader.read(scenario);
        DetectorLayout layout = DetectorLayout.standard();
        Map<String, Intersection> intersections = Intersections.of(network, VirtualDetectors.place(network, layout));
        SimClock clock = new SimClock(Instant.parse("2026-11-28T12:00:00Z"), scenario.begin(), scenario.end());

        Path fixedTrips = dir.resolve("fixed.xml");
        TwinRun.run(scenario, network, new org.greenwave.sumo.control.FixedTimeController(),
                TwinOptions.of(9, fixedTrips, dir.resolve("work")), RunProgress.NONE);

        StandInServices services = new StandInServices(intersections) {
            @Override
            public void send(List<FieldReading> readings) {
                Instant until = readings.get(readings.size() - 1).timestamp();
                byId.values().forEach(i -> outbox.add(org.greenwave.sumo.plan.FixedTimePlans.of(i, until, until)));
            }
        };
        PlanExecutor executor = new PlanExecutor(network, intersections, PlanCheck.ACCEPT_ALL, clock, 0, e -> { });
        ClosedLoopController loop = new ClosedLoopController(services, services, executor, clock,
                LoopSettings.defaults(), intersections);
        Path loopTrips = dir.resolve("loop.xml");
        TwinRun.run(scenario, network, loop, TwinOptions.of(9, loopTrips, dir.resolve("work")), RunProgress.NONE);

        assertThat(executor.events()).anyMatch(e -> e.type() == ExecutorEvent.Type.FALLBACK_LEFT);
        assertThat(trips(loopTrips)).hasSizeGreaterThan(300).isEqualTo(trips(fixedTrips));
    }

    private static List<String> trips(Path tripinfo) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(tripinfo).stream().filter(l -> l.contains("<tripinfo ")).toList();
    }
}
