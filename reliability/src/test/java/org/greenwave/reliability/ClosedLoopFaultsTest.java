package org.greenwave.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.greenwave.cli.demo.DemoTwin;
import org.greenwave.cli.runtime.ServiceProcess;
import org.greenwave.cli.twin.ControllerSafetyCheck;
import org.greenwave.cli.twin.RunNamespace;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.twin.TwinMetrics;
import org.greenwave.kafka.embedded.ReliabilityLog;
import org.greenwave.sumo.control.SignalController;
import org.greenwave.sumo.evaluate.RunProgress;
import org.greenwave.sumo.evaluate.RunResult;
import org.greenwave.sumo.evaluate.TwinRun;
import org.greenwave.sumo.loop.ClosedLoopController;
import org.greenwave.sumo.loop.IngestFieldDevices;
import org.greenwave.sumo.loop.IntersectionRegistry;
import org.greenwave.sumo.loop.KafkaControllerStates;
import org.greenwave.sumo.loop.KafkaPlanSource;
import org.greenwave.sumo.loop.LoopSettings;
import org.greenwave.sumo.loop.PlanSource;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.plan.ExecutorEvent;
import org.greenwave.sumo.plan.PlanExecutor;
import org.greenwave.sumo.testing.TestScenarios;
import org.greenwave.sumo.twin.DetectorLayout;
import org.greenwave.sumo.twin.Intersections;
import org.greenwave.sumo.twin.SimClock;
import org.greenwave.sumo.twin.Twin;
import org.greenwave.sumo.twin.VirtualDetectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults in the digital twin's closed loop with the REAL services: the in-process broker, traffic-ingest and
 * signal-optimizer in their own JVMs (as {@code ./greenwave demo} and {@code evaluate} run them), real SUMO.
 * <ul>
 *   <li>the optimizer falls silent (its JVM frozen with SIGSTOP, then SIGCONT): the controllers keep the last valid
 *   plan, then fall back to their fixed-time program, report it on {@code signal.controller-states} (what the
 *   dashboard shows), and take plans again when the optimizer is back;</li>
 *   <li>SUMO is killed mid-run: the demo's twin reports the failed run and starts the scenario again on its own.</li>
 * </ul>
 * In both, every reading traffic-ingest answered 2xx is in {@code traffic.detector-readings} exactly once, nothing of
 * the twin's went to the dead-letter topic, and no plan reached a controller twice.
 */
@Order(4)
@ExtendWith(ServicesPlatform.class)
class ClosedLoopFaultsTest {

    static final String COMMAND = "mvn -B -pl reliability -am verify -Dtest=ClosedLoopFaultsTest -Dsurefire.failIfNoSpecifiedTests=false";

    @TempDir
    Path dir;

    @BeforeAll
    static void sumo() {
        TestScenarios.assumeSumo();
    }

    private static ServicesPlatform.Running platform() {
        return ServicesPlatform.get();
    }

    private static String bootstrap() {
        return platform().bootstrap();
    }

    /** SIGSTOP / SIGCONT: the JVM stays, but says nothing at all (no plans, no heartbeats, no answers). */
    private static void signal(ServiceProcess service, String signal) {
        try {
            // the shell's own kill: no procps needed
            Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + service.pid()).inheritIO().start();
            assertThat(kill.waitFor()).as("kill -" + signal).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the dashboard shows as the controller state of each intersection: waits (up to a minute, the dashboard
     * reads the states from Kafka as they come) until every one shows {@code source}; returns what they showed.
     */
    static Map<String, String> dashboardShows(List<String> intersectionIds, String source) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        Map<String, String> shown = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            for (String id : intersectionIds) {
                try {
                    var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                    platform().url("dashboard") + "/api/intersections/" + id))
                            .timeout(Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                    shown.put(id, response.statusCode() == 200 ? Json.mapper().readTree(response.body())
                            .path("controller").path("source").asText("none") : "HTTP " + response.statusCode());
                } catch (IOException e) {
                    shown.put(id, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return shown;
                }
            }
            if (shown.values().stream().allMatch(source::equals)) {
                return shown;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return shown;
            }
        } while (System.nanoTime() < deadline);
        return shown;
    }

    /**
     * The closed loop with the optimizer frozen from {@code from} until {@code until} (simulated seconds); looks at
     * the dashboard just before the freeze and just before the thaw.
     */
    static final class FrozenOptimizer implements SignalController {
        final ClosedLoopController loop;
        final ServiceProcess optimizer;
        final double from;
        final double until;
        final List<String> intersectionIds;
        boolean frozen;
        boolean thawed;
        Map<String, String> dashboardBefore = Map.of();
        Map<String, String> dashboardDuring = Map.of();

        FrozenOptimizer(ClosedLoopController loop, ServiceProcess optimizer, double from, double until,
                        List<String> intersectionIds) {
            this.loop = loop;
            this.optimizer = optimizer;
            this.from = from;
            this.until = until;
            this.intersectionIds = intersectionIds;
        }

        @Override
        public String name() {
            return loop.name();
        }

        @Override
        public void start(Twin twin) {
            loop.start(twin);
        }

        @Override
        public void afterStep(Twin twin) {
            if (!frozen && twin.time() >= from) {
                dashboardBefore = dashboardShows(intersectionIds, ControllerState.PLAN);
                frozen = true;
                signal(optimizer, "STOP");
            }
            if (frozen && !thawed && twin.time() >= until) {
                dashboardDuring = dashboardShows(intersectionIds, ControllerState.FALLBACK);
                thawed = true;
                thaw();
            }
            loop.afterStep(twin);
        }

        void thaw() {
            signal(optimizer, "CONT");
            // as an orchestrator would: traffic goes on once the service says it is ready again
            optimizer.awaitReady(Duration.ofSeconds(120));
        }
    }

    @Test
    void optimizerSilentControllersKeepTheLastPlanThenFallBackAndTakePlansAgain() {
        ScenarioConfig scenario = ScenarioConfig.read(TestScenarios.twoSignals(dir.resolve("silent"), 500, 900));
        NetworkModel network = NetReader.read(scenario);
        Map<String, Intersection> intersections = Intersections.of(network,
                VirtualDetectors.place(network, DetectorLayout.standard()));
        RunNamespace ns = new RunNamespace("silent" + System.nanoTime() + ".");
        IntersectionRegistry.publish(bootstrap(), intersections.values().stream().map(ns::intersection).toList());
        SimClock clock = new SimClock(Instant.now(), scenario.begin(), scenario.end());
        PlanExecutor executor = new PlanExecutor(network, intersections,
                ControllerSafetyCheck.of(intersections.values()), clock, 0, e -> { });
        double silentFrom = 240;
        double silentUntil = 600;
        List<TimingPlan> received = new ArrayList<>();
        ServiceProcess optimizer = platform().service("signal-optimizer");
        String ingestUrl = platform().url("traffic-ingest");
        RunResult result;
        FrozenOptimizer frozen;
        try (IngestFieldDevices devices = new IngestFieldDevices(ingestUrl, platform().ids().deviceKey());
             KafkaPlanSource kafkaPlans = new KafkaPlanSource(bootstrap());
             KafkaControllerStates states = new KafkaControllerStates(bootstrap())) {
            PlanSource plans = ns.plans(kafkaPlans);
            PlanSource recorded = timeout -> {
                List<TimingPlan> batch = plans.poll(timeout);
                received.addAll(batch);
                return batch;
            };
            // decisions every 5 s; a short wait, so that 360 silent seconds cost the twin about half a minute
            ClosedLoopController loop = new ClosedLoopController(ns.devices(devices), recorded, ns.states(states),
                    executor, clock, new LoopSettings(1, 5, Duration.ofMillis(500), 0), intersections);
            frozen = new FrozenOptimizer(loop, optimizer, silentFrom, silentUntil,
                    intersections.values().stream().map(i -> ns.id(i.id())).toList());
            try {
                result = TwinRun.run(scenario, network, frozen,
                        org.greenwave.sumo.twin.TwinOptions.of(3, dir.resolve("silent.xml"), dir.resolve("work")),
                        RunProgress.NONE);
            } finally {
                if (frozen.frozen && !frozen.thawed) {
                    signal(optimizer, "CONT");
                }
            }
            assertThat(devices.sent()).as("readings answered 202").isEqualTo(loop.stats().readingsSent());
        }
        assertThat(frozen.thawed).isTrue();
        assertThat(frozen.dashboardBefore.values()).as("the dashboard before the silence: " + frozen.dashboardBefore)
                .containsOnly(ControllerState.PLAN);
        assertThat(frozen.dashboardDuring.values()).as("the dashboard during the silence: " + frozen.dashboardDuring)
                .containsOnly(ControllerState.FALLBACK);
        assertThat(result.simulatedSeconds()).isGreaterThanOrEqualTo(899);

        // what the controllers did, by their own account (executor events, simulated time)
        List<ExecutorEvent> events = executor.events();
        int signals = intersections.size();
        List<ExecutorEvent> entered = events.stream().filter(e -> e.type() == ExecutorEvent.Type.FALLBACK_ENTERED
                && e.simTime() > silentFrom && e.simTime() < silentUntil).toList();
        List<ExecutorEvent> left = events.stream().filter(e -> e.type() == ExecutorEvent.Type.FALLBACK_LEFT
                && e.simTime() > silentFrom).toList();
        List<Double> lastPlanBefore = new ArrayList<>();
        for (String id : intersections.keySet()) {
            double last = events.stream().filter(e -> id.equals(e.intersectionId()) && e.simTime() <= silentFrom
                    && (e.type() == ExecutorEvent.Type.PLAN_ACCEPTED || e.type() == ExecutorEvent.Type.PLAN_APPLIED))
                    .mapToDouble(ExecutorEvent::simTime).max().orElse(Double.NaN);
            assertThat(last).as(id + " ran plans until shortly before the optimizer fell silent")
                    .isGreaterThan(silentFrom - 60);
            lastPlanBefore.add(last);
        }
        double keptUntil = lastPlanBefore.stream().mapToDouble(d -> d).min().orElseThrow() + 120;
        assertThat(entered).extracting(ExecutorEvent::intersectionId).containsExactlyInAnyOrderElementsOf(
                intersections.keySet());
        assertThat(entered).allSatisfy(e -> assertThat(e.simTime()).isBetween(keptUntil, silentUntil));
        assertThat(left).extracting(ExecutorEvent::intersectionId).containsAll(intersections.keySet());
        assertThat(left).allSatisfy(e -> assertThat(e.simTime()).isGreaterThanOrEqualTo(silentUntil));

        // what the twin showed: signal.controller-states, as the dashboard reads them
        Map<String, TreeMap<Double, String>> shown = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : IngestUnderTest.readAll(bootstrap(), Topics.CONTROLLER_STATES)) {
            ControllerState s = Json.fromBytes(r.value(), ControllerState.class);
            if (s.intersectionId().startsWith(ns.prefix())) {
                shown.computeIfAbsent(s.intersectionId(), k -> new TreeMap<>())
                        .merge(clock.simTime(s.timestamp()), s.source(), (a, b) -> a + "," + b);
            }
        }
        assertThat(shown).hasSize(signals);
        shown.forEach((id, byTime) -> {
            assertThat(byTime.values()).as(id + ": one state per second, no duplicates").allMatch(v -> !v.contains(","));
            // a state every second from the first decision on, to the end
            assertThat(byTime.firstKey()).as(id + ": first state").isLessThanOrEqualTo(5.0);
            assertThat(byTime.lastKey()).as(id + ": last state").isEqualTo(900.0);
            assertThat(byTime).as(id + ": a state every second").hasSize((int) (900 - byTime.firstKey()) + 1);
            // from the silence on: the last plan, then the fixed-time program, then plans again, nothing else
            List<String> sources = new ArrayList<>();
            List<Double> starts = new ArrayList<>();
            byTime.tailMap(silentFrom, false).forEach((t, source) -> {
                if (sources.isEmpty() || !sources.get(sources.size() - 1).equals(source)) {
                    sources.add(source);
                    starts.add(t);
                }
            });
            assertThat(sources).as(id + " shown from " + silentFrom + " s on, changes at " + starts)
                    .containsExactly(ControllerState.PLAN, ControllerState.FALLBACK, ControllerState.PLAN);
            assertThat(starts.get(1)).as(id + " kept its last plan until").isGreaterThanOrEqualTo(keptUntil);
            assertThat(starts.get(1)).as(id + " fell back while the optimizer was silent").isLessThan(silentUntil);
            assertThat(starts.get(2)).as(id + " took plans again once the optimizer was back")
                    .isGreaterThanOrEqualTo(silentUntil);
        });

        // nothing accepted lost or taken twice: readings once each, no plan applied twice
        Map<String, Integer> counts = countReadings(ns.prefix());
        assertThat(counts.values().stream().mapToLong(Integer::longValue).sum()).as("readings in Kafka")
                .isEqualTo(900L * readingsPerSecond(intersections));
        assertThat(counts.values()).as("no reading twice").allMatch(c -> c == 1);
        assertThat(deadLetters(ns.prefix())).as("the twin's readings refused").isZero();
        List<String> applied = events.stream().filter(e -> e.type() == ExecutorEvent.Type.PLAN_APPLIED
                && e.planId() != null).map(ExecutorEvent::planId).toList();
        assertThat(applied).as("no plan applied twice").doesNotHaveDuplicates();
        assertThat(received).extracting(TimingPlan::planId).as("no plan delivered twice").doesNotHaveDuplicates();
        long rejected = events.stream().filter(e -> e.type() == ExecutorEvent.Type.PLAN_REJECTED).count();

        ReliabilityLog.write(new ReliabilityLog.Row("fault-optimizer-silent", "fault",
                        "signal-optimizer silent (its JVM frozen with SIGSTOP for 360 simulated s, then SIGCONT) in the"
                                + " digital twin's closed loop with the real services (real SUMO, 2 signals)",
                        "900 simulated s, 500 vehicles, " + counts.size() + " readings over HTTP, " + received.size()
                                + " plans received",
                        "0 readings lost or duplicated, 0 plans applied twice",
                        "each signal kept its last plan, fell back to its fixed-time program at "
                                + entered.stream().map(e -> (int) e.simTime() + " s").toList()
                                + " (FALLBACK on signal.controller-states and on the dashboard, which still answered"
                                + " with the optimizer gone) and took plans"
                                + " again at " + left.stream().map(e -> (int) e.simTime() + " s").toList()
                                + "; " + rejected + " plans refused by the controllers' safety check; the twin ran to"
                                + " its end (" + result.delay().vehicles() + " vehicles, mean delay "
                                + String.format(Locale.ROOT, "%.1f", result.delay().meanDelay()) + " s)",
                        COMMAND),
                Map.of("fallbackEntered", entered.size(), "fallbackLeft", left.size(), "plansReceived",
                        received.size(), "readings", counts.size(), "plansRejected", rejected));
    }

    @Test
    void sumoLostMidRunTheDemoTwinStartsTheScenarioAgainAndNothingIsStampedTwice() throws Exception {
        int period = 600;
        ScenarioConfig scenario = ScenarioConfig.read(TestScenarios.twoSignals(dir.resolve("lost"), 300, period));
        NetworkModel network = NetReader.read(scenario);
        Map<String, Intersection> intersections = Intersections.of(network,
                VirtualDetectors.place(network, DetectorLayout.standard()));
        DemoTwin.Settings settings = new DemoTwin.Settings(scenario, network, intersections, bootstrap(),
                platform().url("traffic-ingest"),
                platform().ids().deviceKey(), 1, 10_000, 5, dir.resolve("twin"));
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        double killedAt;
        try (DemoTwin twin = new DemoTwin(settings, new java.io.PrintStream(log, true, StandardCharsets.UTF_8))
                .start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
            while (!(twin.simTime() >= 30) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            killedAt = twin.simTime();
            int killed = killSumo();
            assertThat(killed).as("sumo processes of the twin killed").isPositive();
            // the twin notices, says so, and starts the scenario again by itself; wait for that run to finish
            while (!twin.status().startsWith("run done") && System.nanoTime() < deadline + Duration.ofSeconds(360)
                    .toNanos()) {
                Thread.sleep(200);
            }
            assertThat(twin.status()).as("the restarted run; log:\n" + log).startsWith("run done");
        }
        String output = log.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("twin run failed");

        // per detector: the failed run's readings, then the new run's whole period, every second once
        Map<String, TreeSet<Instant>> byDetector = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        List<String> detectors = new ArrayList<>();
        intersections.values().forEach(i -> i.detectors().forEach(d -> detectors.add(d.id())));
        for (ConsumerRecord<byte[], byte[]> r : IngestUnderTest.readAll(bootstrap(), Topics.DETECTOR_READINGS)) {
            JsonNode n = Json.mapper().readTree(r.value());
            String detector = n.path("detectorId").asText();
            if (detectors.contains(detector)) {
                Instant t = Instant.parse(n.path("timestamp").asText());
                byDetector.computeIfAbsent(detector, k -> new TreeSet<>()).add(t);
                counts.merge(detector + "@" + t, 1, Integer::sum);
            }
        }
        assertThat(counts.values()).as("no reading twice").allMatch(c -> c == 1);
        assertThat(byDetector.keySet()).containsExactlyInAnyOrderElementsOf(detectors);
        int firstRun = -1;
        for (var e : byDetector.entrySet()) {
            List<Instant> times = new ArrayList<>(e.getValue());
            // the restarted run: its whole period, every second; before it, the failed run up to the loss
            int failed = times.size() - period;
            assertThat(failed).as(e.getKey() + ": readings of the failed run").isBetween((int) killedAt - 10,
                    period - 1);
            assertThat(consecutive(times.subList(0, failed))).as(e.getKey() + ": the failed run, second by second")
                    .isTrue();
            assertThat(consecutive(times.subList(failed, times.size()))).as(e.getKey() + ": the restarted run")
                    .isTrue();
            firstRun = failed;
        }
        assertThat(deadLetters(null, detectors)).as("the twin's readings refused").isZero();
        // the dashboard's view of the twin: both runs on twin.metrics, the second scored
        List<TwinMetrics> metrics = IngestUnderTest.readAll(bootstrap(), Topics.TWIN_METRICS).stream()
                .map(r -> Json.fromBytes(r.value(), TwinMetrics.class)).toList();
        assertThat(metrics.stream().map(TwinMetrics::runId).distinct()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(metrics).anySatisfy(m -> assertThat(m.finalMeanDelaySeconds()).isNotNull());

        ReliabilityLog.write(new ReliabilityLog.Row("fault-sumo-lost", "fault",
                        "SUMO killed (SIGKILL) mid-run under the demo's digital twin (closed loop with the real"
                                + " services), connection lost; the twin restores it by starting the scenario again",
                        period + " simulated s per run, 300 vehicles, 2 signals, " + detectors.size()
                                + " detectors reporting every second; killed at " + (int) killedAt + " s",
                        "0 readings lost or duplicated",
                        "the twin logged the failed run and started again on its own; the failed run's "
                                + firstRun + " s of readings per detector and the new run's complete " + period
                                + " s are each in traffic.detector-readings once (the new run stamps after the"
                                + " lost one), none refused; both runs on twin.metrics, the second scored",
                        COMMAND),
                Map.of("killedAtSimSeconds", killedAt, "failedRunSecondsPerDetector", firstRun, "detectors",
                        detectors.size()));
    }

    private static boolean consecutive(List<Instant> times) {
        for (int i = 1; i < times.size(); i++) {
            if (Duration.between(times.get(i - 1), times.get(i)).toMillis() != 1000) {
                return false;
            }
        }
        return true;
    }

    /** Kills every sumo this JVM started (the demo twin's two), as a crash would. */
    private static int killSumo() {
        List<ProcessHandle> sumo = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/sumo") || c.endsWith("sumo-bin")
                        || c.equals("sumo")).orElse(false)).toList();
        sumo.forEach(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        return sumo.size();
    }

    private static long readingsPerSecond(Map<String, Intersection> intersections) {
        return intersections.values().stream().mapToLong(i -> i.detectors().size()).sum();
    }

    /** How often each reading (detector@timestamp) of a namespace is in traffic.detector-readings. */
    private static Map<String, Integer> countReadings(String prefix) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : IngestUnderTest.readAll(bootstrap(), Topics.DETECTOR_READINGS)) {
            JsonNode n = Json.fromBytes(r.value(), JsonNode.class);
            String detector = n.path("detectorId").asText();
            if (detector.startsWith(prefix)) {
                counts.merge(detector + "@" + Instant.parse(n.path("timestamp").asText()), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static long deadLetters(String prefix) {
        return deadLetters(prefix, List.of());
    }

    /** Dead letters on traffic.detector-readings.dlq that name one of the detectors (or a namespace). */
    private static long deadLetters(String prefix, List<String> detectors) {
        long n = 0;
        for (ConsumerRecord<byte[], byte[]> r : IngestUnderTest.readAll(bootstrap(), Topics.DETECTOR_READINGS_DLQ)) {
            String value = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
            if (prefix != null && value.contains(prefix)) {
                n++;
            } else if (detectors.stream().anyMatch(d -> value.contains("\"" + d + "\""))) {
                n++;
            }
        }
        return n;
    }
}
