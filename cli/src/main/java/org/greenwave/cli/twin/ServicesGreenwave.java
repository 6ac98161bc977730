package org.greenwave.cli.twin;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenwave.cli.runtime.DemoIdentities;
import org.greenwave.cli.runtime.LocalPlatform;
import org.greenwave.cli.runtime.Ports;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.sumo.control.SignalController;
import org.greenwave.sumo.evaluate.ControllerFactory;
import org.greenwave.sumo.loop.ClosedLoopController;
import org.greenwave.sumo.loop.IngestFieldDevices;
import org.greenwave.sumo.loop.IntersectionRegistry;
import org.greenwave.sumo.loop.KafkaControllerStates;
import org.greenwave.sumo.loop.KafkaPlanSource;
import org.greenwave.sumo.loop.LoopSettings;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.plan.PlanCheck;
import org.greenwave.sumo.plan.PlanExecutor;
import org.greenwave.sumo.twin.DetectorLayout;
import org.greenwave.sumo.twin.Intersections;
import org.greenwave.sumo.twin.SimClock;
import org.greenwave.sumo.twin.Twin;
import org.greenwave.sumo.twin.VirtualDetectors;

/**
 * Controller {@code greenwave} of {@code ./greenwave evaluate}: the digital twin as the city's field equipment in a
 * closed loop with the REAL services — an in-process KRaft broker, traffic-ingest and signal-optimizer in their own
 * JVMs. Detectors report every second over HTTP like field devices, controllers report their state to Kafka, and the
 * loop waits each second for the optimizer's plans (simulated time stands still meanwhile, so runs are
 * reproducible). {@code greenwave-rules} is the same with the learned models off (the ablation).
 *
 * <p>One platform serves all runs of a controller; each run gets its own id namespace ({@code r<N>.}), so that the
 * services see every run's intersections and detectors as new devices with their own history.
 */
public final class ServicesGreenwave implements ControllerFactory {

    public static final String GREENWAVE = "greenwave";
    public static final String ABLATION = "greenwave-rules";

    private final Path home;
    private final Path logDir;
    private final Map<String, String> ingestProperties;
    private final Map<String, String> optimizerProperties;
    private final Map<String, Platform> platforms = new HashMap<>();
    private int runs;

    private record Platform(LocalPlatform platform, DemoIdentities ids, String ingestUrl, String kafka) {
    }

    public ServicesGreenwave(Path home, Path logDir) {
        this(home, logDir, Map.of(), Map.of());
    }

    /** With extra system properties for the service JVMs (bench pipeline's --ingest-opts, --optimizer-opts). */
    public ServicesGreenwave(Path home, Path logDir, Map<String, String> ingestProperties,
                             Map<String, String> optimizerProperties) {
        this.home = home;
        this.logDir = logDir;
        this.ingestProperties = Map.copyOf(ingestProperties);
        this.optimizerProperties = Map.copyOf(optimizerProperties);
    }

    @Override
    public boolean knows(String name) {
        return GREENWAVE.equals(name) || ABLATION.equals(name);
    }

    @Override
    public String unavailableReason(String name) {
        if (!LocalPlatform.built(home, "traffic-ingest") || !LocalPlatform.built(home, "signal-optimizer")) {
            return "traffic-ingest and signal-optimizer are not built (mvn -DskipTests install)";
        }
        return "the services did not start; see the logs in " + logDir;
    }

    @Override
    public Optional<RunSetup> create(String name, int seed, ScenarioConfig scenario, NetworkModel network) {
        Platform p = platforms.computeIfAbsent(name, this::start);
        if (p == null) {
            platforms.remove(name);
            return Optional.empty();
        }
        runs++;
        String prefix = "r" + runs + "-" + seed + ".";
        DetectorLayout layout = DetectorLayout.standard();
        Map<String, Intersection> records = Intersections.of(network, VirtualDetectors.place(network, layout));
        return Optional.of(new RunSetup(new Run(name, prefix, p, network, records), layout));
    }

    private Platform start(String name) {
        if (!LocalPlatform.built(home, "traffic-ingest") || !LocalPlatform.built(home, "signal-optimizer")) {
            return null;
        }
        LocalPlatform platform = LocalPlatform.startKafka(Ports.free(), 1);
        try {
            DemoIdentities ids = DemoIdentities.generate();
            Map<String, String> props = new LinkedHashMap<>(ids.properties());
            Map<String, String> ingestProps = new LinkedHashMap<>(props);
            ingestProps.putAll(ingestProperties);
            platform.startService(home, "traffic-ingest", Ports.free(), ingestProps, logDir.resolve(name), "512m");
            Map<String, String> optimizer = new LinkedHashMap<>(props);
            optimizer.put("greenwave.optimizer.forecaster", ABLATION.equals(name) ? "rules" : "learned");
            optimizer.putAll(optimizerProperties);
            platform.startService(home, "signal-optimizer", Ports.free(), optimizer, logDir.resolve(name), "768m");
            platform.awaitReady(Duration.ofSeconds(180));
            String ingest = platform.service("traffic-ingest").orElseThrow().url();
            return new Platform(platform, ids, ingest, platform.kafka().bootstrapServers());
        } catch (RuntimeException e) {
            System.err.println("greenwave: the services for " + name + " did not start: " + e.getMessage());
            platform.close();
            return null;
        }
    }

    @Override
    public void finished(String name) {
        Platform p = platforms.remove(name);
        if (p != null) {
            p.platform().close();
        }
    }

    /** One run: the closed loop with the ids of this run's namespace on the services' side. */
    private static final class Run implements SignalController {

        private final String name;
        private final RunNamespace namespace;
        private final Platform platform;
        private final NetworkModel network;
        private final Map<String, Intersection> records;
        private ClosedLoopController loop;
        private IngestFieldDevices devices;
        private KafkaPlanSource plans;
        private KafkaControllerStates states;

        Run(String name, String prefix, Platform platform, NetworkModel network, Map<String, Intersection> records) {
            this.name = name;
            this.namespace = new RunNamespace(prefix);
            this.platform = platform;
            this.network = network;
            this.records = records;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start(Twin twin) {
            List<Intersection> published = new ArrayList<>();
            records.values().forEach(r -> published.add(namespace.intersection(r)));
            IntersectionRegistry.publish(platform.kafka(), published);
            SimClock clock = new SimClock(Instant.now(), twin.scenario().begin(), twin.scenario().end());
            // the controller's own check, as a field controller would: the same safety validator
            PlanCheck check = ControllerSafetyCheck.of(records.values());
            PlanExecutor executor = new PlanExecutor(network, records, check, clock, 0, e -> { });
            devices = new IngestFieldDevices(platform.ingestUrl(), platform.ids().deviceKey());
            plans = new KafkaPlanSource(platform.kafka());
            states = new KafkaControllerStates(platform.kafka());
            LoopSettings defaults = LoopSettings.defaults();
            LoopSettings everySecond = new LoopSettings(1, 1, Duration.ofSeconds(20), defaults.planTimeoutSeconds());
            loop = new ClosedLoopController(namespace.devices(devices), namespace.plans(plans),
                    namespace.states(states), executor, clock, everySecond, records);
            loop.start(twin);
        }

        @Override
        public void afterStep(Twin twin) {
            loop.afterStep(twin);
            if (twin.finished()) {
                close();
            }
        }

        private void close() {
            for (AutoCloseable c : new AutoCloseable[] {devices, plans, states}) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (Exception e) {
                    // the run is over
                }
            }
        }
    }
}
