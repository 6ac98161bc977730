package org.greenwave.sumo.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.kafka.embedded.ReliabilityLog;
import org.greenwave.sumo.control.FixedTimeController;
import org.greenwave.sumo.control.SignalController;
import org.greenwave.sumo.evaluate.RunProgress;
import org.greenwave.sumo.evaluate.RunResult;
import org.greenwave.sumo.evaluate.TwinRun;
import org.greenwave.sumo.loop.ClosedLoopController;
import org.greenwave.sumo.loop.FieldDevices;
import org.greenwave.sumo.loop.FieldReading;
import org.greenwave.sumo.loop.LoopSettings;
import org.greenwave.sumo.loop.PlanSource;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.plan.ExecutorEvent;
import org.greenwave.sumo.plan.FixedTimePlans;
import org.greenwave.sumo.plan.PlanCheck;
import org.greenwave.sumo.plan.PlanExecutor;
import org.greenwave.sumo.testing.TestScenarios;
import org.greenwave.sumo.traci.SocketTraciConnection;
import org.greenwave.sumo.traci.TraciCommand;
import org.greenwave.sumo.traci.TraciConstants;
import org.greenwave.sumo.traci.TraciException;
import org.greenwave.sumo.twin.DetectorLayout;
import org.greenwave.sumo.twin.Intersections;
import org.greenwave.sumo.twin.SimClock;
import org.greenwave.sumo.twin.Twin;
import org.greenwave.sumo.twin.TwinOptions;
import org.greenwave.sumo.twin.VirtualDetectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the twin's side of the loop, in a real SUMO: the optimizer falls silent (controllers keep the last valid
 * plan, then fall back to their fixed-time program, and take plans again when they return), and SUMO dies or freezes
 * mid-run (a clear error at once, no hang; the same run started again works and gives the undisturbed result).
 * The silent optimizer here is scripted, so that the controllers' side can be checked plan by plan; the same faults
 * with the real services are the reliability module's {@code ClosedLoopFaultsTest}.
 */
class TwinFaultsTest {

    static final String COMMAND = "mvn -B -pl sumo-bridge -am verify -Dtest=TwinFaultsTest -Dsurefire.failIfNoSpecifiedTests=false";

    @TempDir
    Path dir;

    /** Answers every decision step with each intersection's fixed program as a plan, except while silent. */
    static final class SometimesSilentOptimizer implements FieldDevices, PlanSource {
        final Map<String, Intersection> byId = new LinkedHashMap<>();
        final List<TimingPlan> outbox = new ArrayList<>();
        final SimClock clock;
        final double silentFrom;
        final double silentUntil;
        long readings;
        int plansSent;

        SometimesSilentOptimizer(Map<String, Intersection> intersections, SimClock clock, double silentFrom,
                                 double silentUntil) {
            intersections.values().forEach(i -> byId.put(i.id(), i));
            this.clock = clock;
            this.silentFrom = silentFrom;
            this.silentUntil = silentUntil;
        }

        @Override
        public void send(List<FieldReading> batch) {
            readings += batch.size();
            Instant until = batch.get(batch.size() - 1).timestamp();
            double simTime = clock.simTime(until);
            if (simTime >= silentFrom && simTime < silentUntil) {
                return; // the optimizer is down: nothing comes back
            }
            for (Intersection i : byId.values()) {
                TimingPlan fixed = FixedTimePlans.of(i, until, until);
                outbox.add(fixed);
                plansSent++;
            }
        }

        @Override
        public List<TimingPlan> poll(Duration timeout) {
            List<TimingPlan> out = List.copyOf(outbox);
            outbox.clear();
            return out;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void controllersKeepTheLastPlanThenFallBackToFixedTimeAndTheTwinRunsOn() {
        TestScenarios.assumeSumo();
        ScenarioConfig scenario = ScenarioConfig.read(TestScenarios.twoSignals(dir, 500, 900));
        NetworkModel network = NetReader.read(scenario);
        Map<String, Intersection> intersections = Intersections.of(network,
                VirtualDetectors.place(network, DetectorLayout.standard()));
        SimClock clock = new SimClock(Instant.parse("2026-11-28T12:00:00Z"), scenario.begin(), scenario.end());
        double silentFrom = 200;
        double silentUntil = 600;
        SometimesSilentOptimizer optimizer = new SometimesSilentOptimizer(intersections, clock, silentFrom, silentUntil);
        PlanExecutor executor = new PlanExecutor(network, intersections, PlanCheck.ACCEPT_ALL, clock, 0, e -> { });
        List<ControllerState> states = new ArrayList<>();
        // a short wall-clock wait: a silent optimizer must not stall the twin for long either
        ClosedLoopController loop = new ClosedLoopController(optimizer, optimizer, states::addAll, executor, clock,
                new LoopSettings(1, 5, Duration.ofMillis(20), 0), intersections);
        RunResult result = TwinRun.run(scenario, network, loop,
                TwinOptions.of(3, dir.resolve("silent.xml"), dir.resolve("work")), RunProgress.NONE);

        List<ExecutorEvent> events = executor.events();
        int signals = intersections.size();
        List<ExecutorEvent> entered = events.stream().filter(e -> e.type() == ExecutorEvent.Type.FALLBACK_ENTERED
                && e.simTime() > 10).toList();
        List<ExecutorEvent> left = events.stream().filter(e -> e.type() == ExecutorEvent.Type.FALLBACK_LEFT
                && e.simTime() > silentFrom).toList();
        // the last valid plan runs on for the plan timeout (max(2 cycles, 120 s)), then each signal falls back once
        assertThat(entered).hasSize(signals);
        assertThat(entered).allSatisfy(e -> assertThat(e.simTime()).isBetween(silentFrom + 120, silentUntil));
        assertThat(states).filteredOn(s -> {
            double t = clock.simTime(s.timestamp());
            return t > silentFrom && t < silentFrom + 120;
        }).isNotEmpty().allMatch(s -> ControllerState.PLAN.equals(s.source()));
        assertThat(states).filteredOn(s -> {
            double t = clock.simTime(s.timestamp());
            return t > silentFrom + 300 && t < silentUntil;
        }).isNotEmpty().allMatch(s -> ControllerState.FALLBACK.equals(s.source()));
        // plans return: every signal takes them again
        assertThat(left).hasSize(signals).allSatisfy(e -> assertThat(e.simTime()).isGreaterThanOrEqualTo(silentUntil));
        assertThat(states.get(states.size() - 1).source()).isEqualTo(ControllerState.PLAN);
        // nothing accepted was lost or taken twice: every plan sent was accepted once; the twin ran to its end
        long accepted = events.stream().filter(e -> e.type() == ExecutorEvent.Type.PLAN_ACCEPTED
                || e.type() == ExecutorEvent.Type.PLAN_APPLIED && e.planId() != null).map(ExecutorEvent::planId)
                .distinct().count();
        assertThat(loop.stats().plansReceived()).isEqualTo(optimizer.plansSent);
        assertThat(accepted).isEqualTo(optimizer.plansSent);
        assertThat(loop.stats().readingsSent()).isEqualTo(optimizer.readings).isEqualTo(900L * 48);
        assertThat(result.simulatedSeconds()).isGreaterThanOrEqualTo(899);
        assertThat(result.delay().vehicles()).isGreaterThan(400);
    }

    /** Kills the run's sumo with SIGKILL once the simulation reaches {@code at}. */
    static final class KillSumoAt implements SignalController {
        final FixedTimeController inner = new FixedTimeController();
        final double at;
        boolean killed;

        KillSumoAt(double at) {
            this.at = at;
        }

        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public void start(Twin twin) {
            inner.start(twin);
        }

        @Override
        public void afterStep(Twin twin) {
            inner.afterStep(twin);
            if (!killed && twin.time() >= at) {
                killed = true;
                ProcessHandle.current().descendants()
                        .filter(p -> p.info().command().map(c -> c.endsWith("sumo") || c.endsWith("sumo-bin")).orElse(false))
                        .forEach(p -> {
                            p.destroyForcibly();
                            p.onExit().join();
                        });
            }
        }
    }

    @Test
    void sumoDyingMidRunIsAClearErrorAndTheRunStartsAgain() throws IOException {
        TestScenarios.assumeSumo();
        ScenarioConfig scenario = ScenarioConfig.read(TestScenarios.twoSignals(dir, 400, 600));
        NetworkModel network = NetReader.read(scenario);
        RunResult reference = TwinRun.run(scenario, network, new FixedTimeController(),
                TwinOptions.of(5, dir.resolve("reference.xml"), dir.resolve("work")), RunProgress.NONE);

        long started = System.nanoTime();
        KillSumoAt killer = new KillSumoAt(300);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                assertThatThrownBy(() -> TwinRun.run(scenario, network, killer,
                        TwinOptions.of(5, dir.resolve("killed.xml"), dir.resolve("work")), RunProgress.NONE))
                        .isInstanceOf(TraciException.class).hasMessageContaining("sumo"));
        double failedAfter = (System.nanoTime() - started) / 1e9;
        assertThat(killer.killed).isTrue();

        RunResult again = TwinRun.run(scenario, network, new FixedTimeController(),
                TwinOptions.of(5, dir.resolve("again.xml"), dir.resolve("work")), RunProgress.NONE);
        assertThat(again.delay().meanDelay()).isEqualTo(reference.delay().meanDelay());
        assertThat(again.delay().vehicles()).isEqualTo(reference.delay().vehicles());
        assertThat(Files.readAllLines(dir.resolve("again.xml")).stream().filter(l -> l.contains("<tripinfo ")))
                .isEqualTo(Files.readAllLines(dir.resolve("reference.xml")).stream()
                        .filter(l -> l.contains("<tripinfo ")).toList());
        ReliabilityLog.write(new ReliabilityLog.Row("fault-sumo-killed-evaluate", "fault",
                        "SUMO killed (SIGKILL) mid-run of a twin run as ./greenwave evaluate makes them, then the run"
                                + " started again",
                        "600 simulated s, 400 vehicles; killed at 300 s",
                        "0 trips lost or doubled in the repeated run",
                        "TraciException \"TraCI connection to sumo lost\" " + String.format(java.util.Locale.ROOT,
                                "%.1f", failedAfter) + " s after the start of the run, no hang; the repeated run gives"
                                + " trip-for-trip the undisturbed result (mean delay " + String.format(
                                java.util.Locale.ROOT, "%.2f", again.delay().meanDelay()) + " s)",
                        COMMAND),
                Map.of("failedAfterSeconds", failedAfter, "vehicles", again.delay().vehicles()));
    }

    @Test
    void aFrozenSumoFailsAfterTheAnswerTimeoutInsteadOfHanging() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(10_000); // accepts, reads nothing, answers nothing
                } catch (IOException | InterruptedException e) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SocketTraciConnection connection = SocketTraciConnection.connect(silent.getLocalPort(),
                    Duration.ofSeconds(5), null, Duration.ofMillis(500));
            long t = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> connection.exchange(
                    List.of(new TraciCommand(TraciConstants.CMD_GETVERSION, new byte[0], TraciCommand.Reply.STATUS_ONLY))))
                    .isInstanceOf(TraciException.class).hasMessageContaining("did not answer within"));
            assertThat((System.nanoTime() - t) / 1e9).isLessThan(3);
            connection.close();
        }
        ReliabilityLog.write(new ReliabilityLog.Row("fault-sumo-frozen", "fault",
                "SUMO frozen (accepts TraCI, never answers)", "one TraCI request, answer timeout 0.5 s (default 300 s)",
                "-", "TraciException \"sumo did not answer within ...\" after the timeout; no hang", COMMAND));
    }
}
