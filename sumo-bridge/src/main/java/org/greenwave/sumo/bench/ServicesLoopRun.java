package org.greenwave.sumo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.sumo.evaluate.RunProgress;
import org.greenwave.sumo.evaluate.RunResult;
import org.greenwave.sumo.evaluate.TwinRun;
import org.greenwave.sumo.loop.ClosedLoopController;
import org.greenwave.sumo.loop.IngestFieldDevices;
import org.greenwave.sumo.loop.IntersectionRegistry;
import org.greenwave.sumo.loop.KafkaControllerStates;
import org.greenwave.sumo.loop.KafkaPlanSource;
import org.greenwave.sumo.loop.LoopSettings;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.plan.PlanCheck;
import org.greenwave.sumo.plan.PlanExecutor;
import org.greenwave.sumo.twin.DetectorLayout;
import org.greenwave.sumo.twin.Intersections;
import org.greenwave.sumo.twin.SimClock;
import org.greenwave.sumo.twin.TwinOptions;
import org.greenwave.sumo.twin.VirtualDetectors;

/**
 * One closed-loop run of the twin against services that are already running (e.g. {@code ./greenwave demo}):
 * registry records to Kafka, readings over HTTP to traffic-ingest, plans from {@code signal.timing-plans}, controller
 * states back. A developer's tool to measure the loop before {@code evaluate} runs it; plans are executed as they
 * come (the services' safety validator is the check). Use a freshly started platform per run: traffic-ingest
 * refuses readings older than those it already holds for a detector, and every run's simulated period ends at its
 * own start.
 *
 * <p>{@code java -cp "cli/target/greenwave-cli.jar:cli/target/lib/*" org.greenwave.sumo.bench.ServicesLoopRun
 * INGEST_URL DEVICE_KEY KAFKA CFG [SEED] [OUT_DIR] [READING_INTERVAL_S]}
 */
public final class ServicesLoopRun {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ServicesLoopRun INGEST_URL DEVICE_KEY KAFKA CFG [SEED] [OUT_DIR] [READING_INTERVAL_S]");
            System.exit(2);
        }
        String ingest = args[0];
        String key = args[1];
        String kafka = args[2];
        ScenarioConfig scenario = ScenarioConfig.read(Path.of(args[3]));
        int seed = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Path out = Path.of(args.length > 5 ? args[5] : "bench");
        int readingInterval = args.length > 6 ? Integer.parseInt(args[6]) : LoopSettings.defaults().readingIntervalSeconds();
        LoopSettings defaults = LoopSettings.defaults();
        LoopSettings settings = new LoopSettings(readingInterval, defaults.decisionIntervalSeconds(),
                defaults.planWait(), defaults.planTimeoutSeconds());
        Files.createDirectories(out);
        NetworkModel network = NetReader.read(scenario);
        DetectorLayout layout = DetectorLayout.standard();
        Map<String, Intersection> records = Intersections.of(network, VirtualDetectors.place(network, layout));
        IntersectionRegistry.publish(kafka, records.values());
        SimClock clock = new SimClock(Instant.now(), scenario.begin(), scenario.end());
        PlanExecutor executor = new PlanExecutor(network, records, PlanCheck.ACCEPT_ALL, clock, 0, e -> { });
        RunResult result;
        ClosedLoopController.Stats stats;
        try (IngestFieldDevices devices = new IngestFieldDevices(ingest, key);
             KafkaPlanSource plans = new KafkaPlanSource(kafka);
             KafkaControllerStates states = new KafkaControllerStates(kafka)) {
            ClosedLoopController loop = new ClosedLoopController(devices, plans, states, executor, clock,
                    settings, records);
            result = TwinRun.run(scenario, network, loop, TwinOptions.of(seed,
                    out.resolve("services-loop-seed" + seed + ".tripinfo.xml"), out.resolve("sumo-logs")),
                    RunProgress.NONE);
            stats = loop.stats();
        }
        Map<Object, Long> events = executor.events().stream()
                .collect(Collectors.groupingBy(e -> e.type(), LinkedHashMap::new, Collectors.counting()));
        System.out.printf(Locale.ROOT, "%s seed %d: mean delay %.2f s, %d vehicles; %.1f simulated s per wall s%n",
                scenario.name(), seed, result.delay().meanDelay(), result.delay().vehicles(), result.speed());
        System.out.printf(Locale.ROOT, "readings sent %d, plans received %d in %d decision steps, waits timed out %d,"
                        + " %.1f s waiting for plans; executor: %s%n", stats.readingsSent(), stats.plansReceived(),
                stats.decisionSteps(), stats.waitsTimedOut(), stats.secondsWaitingForPlans(), events);
        System.out.println("tripinfo: " + result.tripinfo());
    }

    private ServicesLoopRun() {
    }
}
