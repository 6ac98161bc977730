package org.greenwave.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.greenwave.cli.demo.DemoTwin;
import org.greenwave.cli.demo.NetworkMapWriter;
import org.greenwave.cli.demo.ParkingFeed;
import org.greenwave.cli.demo.SyntheticDetectorFeed;
import org.greenwave.cli.runtime.DemoIdentities;
import org.greenwave.cli.runtime.Home;
import org.greenwave.cli.runtime.LocalPlatform;
import org.greenwave.cli.runtime.Ports;
import org.greenwave.cli.runtime.ServiceProcess;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.sumo.loop.IntersectionRegistry;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.traci.Sumo;
import org.greenwave.sumo.twin.DetectorLayout;
import org.greenwave.sumo.twin.Intersections;
import org.greenwave.sumo.twin.VirtualDetectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: an in-process KRaft broker, the services and the dashboard in their own JVMs, the synthetic
 * car-park counters, and the digital twin of the bundled scenario in closed loop with the services beside a
 * fixed-time twin on the same demand (or synthetic detector readings where {@code sumo} is missing). Prints where
 * everything listens once it is ready; Ctrl-C stops everything. A part that fails is restarted; the demo goes on.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run everything locally: embedded Kafka, the services, the digital twin and the dashboard.")
public final class DemoCommand implements Callable<Integer> {

    /** JVMs the demo starts (module -> preferred port), in start order. */
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("traffic-ingest", 8081);
        SERVICES.put("signal-optimizer", 8082);
        SERVICES.put("parking-guidance", 8083);
        SERVICES.put("dashboard", 8080);
    }

    static final String DEFAULT_SCENARIO = "scenarios/bergheim-demo/bergheim-demo.sumocfg";

    @Option(names = "--run-dir", description = "Where logs and generated files go (default: target/demo).")
    Path runDir;

    @Option(names = "--ready-timeout", description = "Seconds to wait for the services (default: ${DEFAULT-VALUE}).")
    int readyTimeout = 120;

    @Option(names = "--scenario", description = "SUMO scenario (.sumocfg) of the twin (default: the bundled "
            + "FICTIONAL town, " + DEFAULT_SCENARIO + ").")
    Path scenarioFile;

    @Option(names = "--pace", description = "Simulated seconds per wall-clock second of the twin (default: "
            + "${DEFAULT-VALUE}).")
    double pace = 4;

    @Option(names = "--decision-interval", description = "Simulated seconds between the twin's waits for the "
            + "optimizer's plans (default: ${DEFAULT-VALUE}, as evaluate; 5 is faster on a slow machine).")
    int decisionInterval = 1;

    @Option(names = "--seed", description = "SUMO seed of the first run (default: ${DEFAULT-VALUE}).")
    int seed = 1;

    @Option(names = "--any-ports", description = "Listen on free ports instead of 9092 and 8080-8083.")
    boolean anyPorts;

    @Option(names = "--synthetic", description = "Synthetic detector readings instead of the SUMO twin.")
    boolean synthetic;

    private final List<AutoCloseable> parts = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Set first thing on Ctrl-C, so that services stopping with it are not taken for failures and restarted. */
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Path home = Home.dir();
        Path logs = (runDir != null ? runDir : home.resolve("target/demo")).toAbsolutePath();
        Files.createDirectories(logs);
        PrintStream demoLog = new PrintStream(new FileOutputStream(logs.resolve("demo.log").toFile(), true), true);
        AtomicReference<LocalPlatform> platform = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("greenwave: stopping ...");
            stopParts();
            LocalPlatform p = platform.get();
            if (p != null) {
                p.close();
            }
            System.out.println("greenwave: stopped.");
            stopped.countDown();
        }, "demo-stop"));
        try {
            for (String module : SERVICES.keySet()) {
                if (!LocalPlatform.built(home, module)) {
                    System.err.println("greenwave: " + module + " is not built; run: mvn -B -DskipTests install");
                    return 1;
                }
            }
            Path cfg = scenarioFile != null ? scenarioFile : home.resolve(DEFAULT_SCENARIO);
            ScenarioConfig scenario = ScenarioConfig.read(cfg.toAbsolutePath());
            NetworkModel network = NetReader.read(scenario);
            Map<String, Intersection> intersections = Intersections.of(network,
                    VirtualDetectors.place(network, DetectorLayout.standard()));
            Path map = logs.resolve("network-map.json");
            NetworkMapWriter.write(scenario, network, map);

            platform.set(LocalPlatform.startKafka(port(9092), 1));
            LocalPlatform p = platform.get();
            String bootstrap = p.kafka().bootstrapServers();
            DemoIdentities ids = DemoIdentities.generate();
            Map<String, Integer> ports = new LinkedHashMap<>();
            SERVICES.forEach((module, preferred) -> ports.put(module, port(preferred)));
            String ingestUrl = url(ports.get("traffic-ingest"));

            ParkingFeed parking = new ParkingFeed(Instant.now(), seed, ingestUrl, ids.deviceKey(), demoLog);
            Path history = logs.resolve("parking-history.csv");
            parking.writeHistory(history);

            Map<String, Map<String, String>> properties = new HashMap<>();
            for (String module : SERVICES.keySet()) {
                Map<String, String> props = new LinkedHashMap<>(ids.properties());
                switch (module) {
                    case "parking-guidance" -> props.put("greenwave.parking.forecast.history-csv", history.toString());
                    case "dashboard" -> {
                        props.put("greenwave.dashboard.signal-optimizer-url", url(ports.get("signal-optimizer")));
                        props.put("greenwave.dashboard.parking-guidance-url", url(ports.get("parking-guidance")));
                        props.put("greenwave.dashboard.traffic-ingest-url", ingestUrl);
                        props.put("greenwave.dashboard.network-map", map.toString());
                    }
                    default -> { }
                }
                properties.put(module, props);
                p.startService(home, module, ports.get(module), props, logs, heap(module));
            }
            p.awaitReady(Duration.ofSeconds(readyTimeout));
            IntersectionRegistry.publish(bootstrap, intersections.values());

            parts.add(parking.start());
            boolean twin = !synthetic && Sumo.installed();
            if (twin) {
                parts.add(new DemoTwin(new DemoTwin.Settings(scenario, network, intersections, bootstrap, ingestUrl,
                        ids.deviceKey(), seed, pace, Math.max(1, decisionInterval), logs.resolve("twin")), demoLog)
                        .start());
            } else {
                if (!synthetic) {
                    System.out.println("greenwave: sumo is not installed, so the digital twin cannot run; playing "
                            + "SYNTHETIC detector readings instead. Install it: apt-get install -y sumo sumo-tools");
                }
                parts.add(new SyntheticDetectorFeed(intersections.values(), ingestUrl, ids.deviceKey(), seed, demoLog)
                        .start());
            }

            System.out.println("kafka: " + bootstrap);
            System.out.println("dashboard: " + url(ports.get("dashboard")) + "/");
            for (String module : List.of("traffic-ingest", "signal-optimizer", "parking-guidance")) {
                System.out.println(module + ": " + url(ports.get(module)));
            }
            System.out.println("device-key: " + ids.deviceKey());
            System.out.println("engineer: " + ids.engineerUser() + ":" + ids.engineerPassword());
            System.out.printf("greenwave: ready in %.0f s; %s of %s (FICTIONAL town) at %sx pace; logs in %s; "
                            + "Ctrl-C stops everything.%n", (System.nanoTime() - started) / 1e9,
                    twin ? "digital twin" : "synthetic detectors", scenario.name(), fmt(pace), logs);
            System.out.flush();
            watch(p, home, ports, properties, logs, stopped);
            return 0;
        } catch (RuntimeException e) {
            System.err.println("greenwave: demo failed: " + e.getMessage());
            return 1;
        }
    }

    /** Restarts a service that died (at most once a minute each), so the demo goes on. */
    private void watch(LocalPlatform p, Path home, Map<String, Integer> ports,
                       Map<String, Map<String, String>> properties, Path logs, CountDownLatch stopped)
            throws InterruptedException {
        Map<String, Long> lastRestart = new HashMap<>();
        while (stopped.getCount() > 0 && !stopping.get()) {
            var dead = p.deadService();
            if (dead.isPresent()) {
                ServiceProcess s = dead.get();
                long now = System.nanoTime();
                Long last = lastRestart.get(s.name());
                if (!stopping.get() && (last == null || now - last > 60_000_000_000L)) {
                    lastRestart.put(s.name(), now);
                    System.err.println("greenwave: " + s.name() + " stopped unexpectedly (see " + s.log()
                            + "); restarting it");
                    try {
                        Files.move(s.log(), s.log().resolveSibling(s.name() + "-" + System.currentTimeMillis()
                                + ".log"));
                    } catch (IOException ignored) {
                        // keep going with the old log
                    }
                    p.startService(home, s.name(), ports.get(s.name()), properties.get(s.name()), logs,
                            heap(s.name()));
                }
            }
            Thread.sleep(500);
        }
    }

    private void stopParts() {
        List<AutoCloseable> reversed = new ArrayList<>(parts);
        java.util.Collections.reverse(reversed);
        for (AutoCloseable part : reversed) {
            try {
                part.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
        parts.clear();
    }

    private int port(int preferred) {
        return anyPorts ? Ports.free() : Ports.preferred(preferred);
    }

    private static String url(int port) {
        return "http://localhost:" + port;
    }

    private static String heap(String module) {
        return "dashboard".equals(module) ? "256m" : "384m";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
