package org.greenwave.sumo.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.greenwave.contracts.EventSchemas;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.sumo.control.SignalController;
import org.greenwave.sumo.loop.ClosedLoopController;
import org.greenwave.sumo.loop.FieldDevices;
import org.greenwave.sumo.loop.FieldReading;
import org.greenwave.sumo.loop.LoopSettings;
import org.greenwave.sumo.loop.PlanSource;
import org.greenwave.sumo.net.Conflicts;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.net.SignalStates;
import org.greenwave.sumo.plan.ExecutorEvent;
import org.greenwave.sumo.plan.FixedTimePlans;
import org.greenwave.sumo.plan.PlanCheck;
import org.greenwave.sumo.plan.PlanExecutor;
import org.greenwave.sumo.testing.TestScenarios;
import org.greenwave.sumo.twin.DetectorLayout;
import org.greenwave.sumo.twin.Intersections;
import org.greenwave.sumo.twin.SimClock;
import org.greenwave.sumo.twin.Twin;
import org.greenwave.sumo.twin.TwinOptions;
import org.greenwave.sumo.twin.VirtualDetector;
import org.greenwave.sumo.twin.VirtualDetectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing scenario-specific: a random network the test generates with {@code netgenerate --rand} (about two dozen
 * signals of 3 and 4 arms, with and without protected left turns), demand the test writes, and every part of the
 * twin on it.
 */
class GeneratedNetworkTest {

    @TempDir
    static Path dir;
    static ScenarioConfig scenario;
    static NetworkModel network;

    @BeforeAll
    static void generate() throws IOException, InterruptedException {
        TestScenarios.assumeSumo();
        Process p = new ProcessBuilder("netgenerate", "--rand", "--rand.iterations", "40", "--seed", "5",
                "--default.lanenumber", "2", "--tls.guess", "true", "--tls.guess.threshold", "20",
                "--rand.min-distance", "120", "--no-turnarounds", "true", "-o", dir.resolve("rand.net.xml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("netgenerate.log").toFile()).start();
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "netgenerate failed: test skipped");
        network = NetReader.read(dir.resolve("rand.net.xml"));
        // trips between random road edges; pairs without a route are dropped by SUMO (--ignore-route-errors)
        List<String> edges = network.lanes().values().stream().filter(l -> l.function().isEmpty())
                .map(NetworkModel.Lane::edge).distinct().sorted().toList();
        Random random = new Random(11);
        StringBuilder routes = new StringBuilder("<routes>\n");
        for (int i = 0; i < 600; i++) {
            routes.append(String.format(Locale.ROOT, "  <trip id=\"t%d\" depart=\"%d\" from=\"%s\" to=\"%s\"/>%n", i,
                    i / 2, edges.get(random.nextInt(edges.size())), edges.get(random.nextInt(edges.size()))));
        }
        Files.writeString(dir.resolve("rand.rou.xml"), routes.append("</routes>\n"));
        Files.writeString(dir.resolve("rand.sumocfg"), """
                <configuration>
                  <input><net-file value="rand.net.xml"/><route-files value="rand.rou.xml"/></input>
                  <time><begin value="0"/><end value="300"/></time>
                </configuration>
                """);
        scenario = ScenarioConfig.read(dir.resolve("rand.sumocfg"));
    }

    private static TwinOptions options(String name, DetectorLayout layout) {
        return new TwinOptions(1, dir.resolve(name + ".xml"), dir.resolve("work"), layout,
                List.of("--ignore-route-errors", "true"));
    }

    @Test
    void discoversEverySignalWithAConsistentConflictMatrix() {
        assertThat(network.signals()).hasSizeGreaterThan(10);
        Map<String, Intersection> records = Intersections.of(network,
                VirtualDetectors.place(network, DetectorLayout.standard()));
        for (NetworkModel.Signal signal : network.signals()) {
            Intersection record = records.get(signal.id());
            assertThat(EventSchemas.validateEvent(EventSchemas.INTERSECTION, record)).as(signal.id()).isEmpty();
            assertThat(record.phases()).as(signal.id()).isNotEmpty();
            boolean[][] foes = Conflicts.matrix(network, signal);
            for (NetworkModel.ProgramPhase phase : signal.program().phases()) {
                for (int i = 0; i < foes.length; i++) {
                    for (int j = 0; j < foes.length; j++) {
                        assertThat(foes[i][j]).isEqualTo(foes[j][i]);
                        if (SignalStates.isGreenLight(phase.state().charAt(i))
                                && SignalStates.isGreenLight(phase.state().charAt(j))) {
                            assertThat(foes[i][j]).as("%s: %d and %d green together", signal.id(), i, j).isFalse();
                        }
                    }
                }
            }
            assertThat(record.detectors()).as(signal.id()).isNotEmpty();
        }
    }

    @Test
    void sumoMeasuresEveryVirtualDetectorWhereTheTwinPlacedIt() {
        try (Twin twin = Twin.start(scenario, network, options("detectors", DetectorLayout.standard()))) {
            assertThat(twin.sumo().laneAreas().idList()).hasSameSizeAs(twin.detectors());
            for (VirtualDetector d : twin.detectors()) {
                assertThat(twin.sumo().laneAreas().length(d.id())).as(d.id())
                        .isEqualTo(d.length(), org.assertj.core.data.Offset.offset(0.1));
            }
        }
    }

    @Test
    void baselinesRunOnIt() {
        for (String name : List.of("fixed", "max-pressure", "greedy")) {
            SignalController controller = Controllers.create(name).orElseThrow();
            RunResult r = TwinRun.run(scenario, network, controller, options(name, null), RunProgress.NONE);
            assertThat(r.simulatedSeconds()).as(name).isEqualTo(300.0);
            assertThat(r.delay().vehicles()).as(name).isGreaterThan(300);
            assertThat(r.queueOverTime()).hasSize(network.signals().size());
        }
    }

    @Test
    void everySignalExecutesItsFixedProgramAsAPlan() {
        DetectorLayout layout = DetectorLayout.standard();
        Map<String, Intersection> records = Intersections.of(network, VirtualDetectors.place(network, layout));
        SimClock clock = new SimClock(Instant.parse("2026-11-28T12:00:00Z"), scenario.begin(), scenario.end());
        List<TimingPlan> outbox = new ArrayList<>();
        class Services implements FieldDevices, PlanSource {
            @Override
            public void send(List<FieldReading> readings) {
                Instant until = readings.get(readings.size() - 1).timestamp();
                records.values().forEach(i -> outbox.add(FixedTimePlans.of(i, until, until)));
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
        Services services = new Services();
        PlanExecutor executor = new PlanExecutor(network, records, PlanCheck.ACCEPT_ALL, clock, 0, e -> { });
        ClosedLoopController loop = new ClosedLoopController(services, services, executor, clock,
                LoopSettings.defaults(), records);
        RunResult r = TwinRun.run(scenario, network, loop, options("loop", layout), RunProgress.NONE);
        assertThat(r.simulatedSeconds()).isEqualTo(300.0);
        assertThat(executor.rejectedPlans()).isZero();
        assertThat(executor.events()).filteredOn(e -> e.type() == ExecutorEvent.Type.FALLBACK_LEFT)
                .hasSize(network.signals().size());
        assertThat(executor.events()).noneMatch(e -> e.type() == ExecutorEvent.Type.FALLBACK_ENTERED);
    }
}
