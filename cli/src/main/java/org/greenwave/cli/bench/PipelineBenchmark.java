package org.greenwave.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.greenwave.cli.runtime.DemoIdentities;
import org.greenwave.cli.runtime.Home;
import org.greenwave.cli.runtime.LocalPlatform;
import org.greenwave.cli.runtime.Ports;
import org.greenwave.cli.runtime.ServiceProcess;
import org.greenwave.cli.twin.ServicesGreenwave;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.sumo.evaluate.Evaluation;
import org.greenwave.sumo.evaluate.RunResult;
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
 * The whole signal path under a city's load, with the real parts: the in-process KRaft broker, traffic-ingest and
 * signal-optimizer in their own JVMs (started as {@code ./greenwave demo} starts them, with their shipped settings).
 *
 * <p>Part 1, reading to plan: a city of four-arm junctions (eight detectors each) is registered; every junction's
 * field device reports once per wall-clock second, at its own moment within the second (devices are not
 * synchronised): first its controller's state for the second just ended (to {@code signal.controller-states}, as
 * the twin's controllers do), then its eight detector readings for that second in one {@code POST} to
 * traffic-ingest. The optimizer decides when a controller second's readings are all in, so the POST is what
 * triggers the plan. Latency = from the start of that POST to the plan's arrival on {@code signal.timing-plans} in
 * this JVM; also from the POST's 202 (the readings are durably in Kafka) to the plan. The load is open-loop at real
 * time: a slow pipeline shows as growing latency, not as a slower load. Each service's RSS and CPU are sampled from
 * {@code /proc} meanwhile.
 *
 * <p>Part 2, closed-loop simulation speed: the SUMO twin of a scenario with controller {@code greenwave} through the
 * real services (exactly {@code ./greenwave evaluate --controllers greenwave}), over the first {@code --sim-seconds}
 * of the scenario, reporting simulated seconds per wall-clock second. Skipped, saying so, without {@code sumo}.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Reading-to-plan latency under city load (real broker, traffic-ingest and signal-optimizer"
                + " JVMs), closed-loop simulation speed (SUMO twin through the services), service RSS.")
public final class PipelineBenchmark extends Benchmark {

    /** The bundled demo town (six signals), used when no --sumo-cfg is given. */
    static final String DEFAULT_SCENARIO = "scenarios/bergheim-demo/bergheim-demo.sumocfg";

    @Option(names = "--intersections", description = "Signalised junctions of the city, 8 detectors each"
            + " (default: ${DEFAULT-VALUE}, about Bergheim; Cologne has about 800).")
    int intersections = 60;

    @Option(names = "--seconds", description = "Measured seconds of real-time load; 0 skips this part"
            + " (default: ${DEFAULT-VALUE}).")
    int seconds = 60;

    @Option(names = "--warmup", description = "Seconds of load before measuring (default: ${DEFAULT-VALUE}).")
    int warmup = 30;

    @Option(names = "--partitions", description = "Partitions per topic (default: ${DEFAULT-VALUE}, as the demo).")
    int partitions = 1;

    @Option(names = "--connections", description = "HTTP keep-alive connections the devices' requests share"
            + " (default: one per 25 intersections, at least 8).")
    int connections;

    @Option(names = "--ingest-opts", split = ",", description = "Extra system properties for traffic-ingest, k=v.")
    List<String> ingestOpts = List.of();

    @Option(names = "--optimizer-opts", split = ",", description = "Extra system properties for signal-optimizer,"
            + " k=v (e.g. mp.messaging.outgoing.audit.linger.ms=0, as the deployment files set it). Both options"
            + " apply to both parts.")
    List<String> optimizerOpts = List.of();

    @Option(names = "--sumo-cfg", description = "Scenario of the closed-loop part (default: " + DEFAULT_SCENARIO
            + ").")
    Path sumoCfg;

    @Option(names = "--sim-seconds", description = "Simulated seconds of the closed-loop part, from the scenario's"
            + " begin; 0 skips it (default: ${DEFAULT-VALUE}).")
    int simSeconds = 900;

    @Option(names = "--seed", description = "SUMO seed of the closed-loop part (default: ${DEFAULT-VALUE}).")
    int seed = 1;

    /** Heaps as the demo and evaluate start the services. */
    static final String INGEST_HEAP = "512m";
    static final String OPTIMIZER_HEAP = "768m";

    /** How long to wait for the last plans once the load has stopped. */
    static final Duration DRAIN = Duration.ofSeconds(30);

    /** The reading-to-plan latency per second of load, drawn once part 1 is done. */
    private String latencyChart = "";

    /** The platform of the part that runs, for the shutdown hook (Ctrl-C). */
    private final AtomicReference<LocalPlatform> running = new AtomicReference<>();

    @Override
    public int run(Path outDir) throws Exception {
        Path home = Home.dir();
        for (String module : List.of("traffic-ingest", "signal-optimizer")) {
            if (!LocalPlatform.built(home, module)) {
                System.err.println("greenwave: " + module + " is not built (mvn -B -DskipTests install)");
                return 1;
            }
        }
        if (intersections < 1 || seconds < 0 || warmup < 0 || connections < 0) {
            System.err.println("greenwave: --intersections must be positive, --seconds, --warmup and --connections"
                    + " not negative");
            return 2;
        }
        if (connections == 0) {
            connections = Math.max(8, intersections / 25);
        }
        Files.createDirectories(outDir);
        // Ctrl-C: stop the service JVMs and the broker, and any SUMO of the closed loop (both are our children)
        Thread hook = new Thread(() -> {
            LocalPlatform p = running.getAndSet(null);
            if (p != null) {
                p.close();
            }
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        }, "bench-pipeline-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ObjectNode json = Json.mapper().createObjectNode();
            int cores = Runtime.getRuntime().availableProcessors();
            json.put("cores", cores);
            boolean ok = true;
            if (seconds > 0) {
                ok = readingToPlan(home, outDir, json);
            } else {
                System.out.println("reading to plan: skipped (--seconds 0)");
                json.putObject("readingToPlan").put("skipped", "--seconds 0");
            }
            closedLoop(home, outDir, json);
            // the headline numbers at the top level, as the other benchmarks have theirs
            ObjectNode first = (ObjectNode) json.get("readingToPlan");
            for (String k : List.of("p50Ms", "p95Ms", "p99Ms", "maxMs", "plansPerSecond")) {
                if (first.has(k)) {
                    json.set(k, first.get(k));
                }
            }
            if (json.get("closedLoop").has("simulatedSecondsPerWallSecond")) {
                json.set("simulatedSecondsPerWallSecond", json.get("closedLoop").get("simulatedSecondsPerWallSecond"));
            }
            Path file = outDir.resolve("pipeline.json");
            Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
            if (latencyChart.isEmpty()) {
                System.out.println("written: " + file);
            } else {
                Path chart = outDir.resolve("pipeline.svg");
                Files.writeString(chart, latencyChart);
                System.out.println("written: " + file + ", " + chart + " (latency per second of load)");
            }
            return ok ? 0 : 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Part 1: detector reading in -> timing plan out

    /** Per intersection-second: when its POST started and was answered, and when its plan arrived (nanoTime). */
    private static final class Timeline {
        final long[][] posted;
        final long[][] answered;
        final long[][] planned;
        final long[][] due;

        Timeline(int seconds, int intersections) {
            posted = new long[seconds][intersections];
            answered = new long[seconds][intersections];
            planned = new long[seconds][intersections];
            due = new long[seconds][intersections];
        }
    }

    private boolean readingToPlan(Path home, Path outDir, ObjectNode json) throws Exception {
        int total = warmup + seconds;
        int detectors = CapacityBenchmark.DETECTORS;
        System.out.printf(Locale.ROOT, "bench pipeline: %d intersections x %d detectors = %,d readings/s over HTTP,"
                        + " %d controller reports/s to Kafka; %d s measured after %d s warm-up; %d partition(s), %d"
                        + " cores%n", intersections, detectors, intersections * detectors, intersections, seconds,
                warmup, partitions, Runtime.getRuntime().availableProcessors());
        ObjectNode o = json.putObject("readingToPlan");
        o.put("intersections", intersections).put("detectorsPerIntersection", detectors)
                .put("readingsPerSecondOffered", intersections * detectors).put("seconds", seconds)
                .put("warmup", warmup).put("partitions", partitions).put("connections", connections)
                .put("ingestOptions", String.join(",", ingestOpts))
                .put("optimizerOptions", String.join(",", optimizerOpts));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < intersections; i++) {
            ids.add(String.format(Locale.ROOT, "BM-%04d", i));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        LocalPlatform platform = LocalPlatform.startKafka(Ports.free(), partitions);
        running.set(platform);
        try {
            String bootstrap = platform.kafka().bootstrapServers();
            DemoIdentities identities = DemoIdentities.generate();
            Map<String, String> ingestProps = new LinkedHashMap<>(identities.properties());
            put(ingestProps, ingestOpts);
            Map<String, String> optimizerProps = new LinkedHashMap<>(identities.properties());
            put(optimizerProps, optimizerOpts);
            Path logs = outDir.toAbsolutePath().resolve("logs");
            ServiceProcess ingest = platform.startService(home, "traffic-ingest", Ports.free(), ingestProps, logs,
                    INGEST_HEAP);
            ServiceProcess optimizer = platform.startService(home, "signal-optimizer", Ports.free(), optimizerProps,
                    logs, OPTIMIZER_HEAP);
            System.out.print("starting traffic-ingest and signal-optimizer ... ");
            System.out.flush();
            platform.awaitReady(Duration.ofSeconds(180));
            System.out.println("ready");

            List<Intersection> city = ids.stream().map(CapacityBenchmark::junction).toList();
            org.greenwave.sumo.loop.IntersectionRegistry.publish(bootstrap, city);
            awaitRegistry(optimizer, intersections);

            Timeline timeline = new Timeline(total, intersections);
            AtomicLong httpErrors = new AtomicLong();
            AtomicReference<String> firstError = new AtomicReference<>();
            AtomicLong planCount = new AtomicLong();
            AtomicLong foreignPlans = new AtomicLong();
            long base = Instant.now().getEpochSecond() + 2; // second 0 of the load is stamped base - 1
            ServiceMeter ingestMeter = new ServiceMeter(ingest.pid());
            ServiceMeter optimizerMeter = new ServiceMeter(optimizer.pid());
            ServiceMeter benchMeter = new ServiceMeter(ProcessHandle.current().pid());
            URI uri = URI.create(ingest.url() + "/api/v1/detector-readings");
            String[] headers = {"Content-Type: application/json", "X-API-Key: " + identities.deviceKey()};
            long measuredFrom;
            long measuredTo;
            ExecutorService devices = Executors.newFixedThreadPool(connections, r -> {
                Thread t = new Thread(r, "bench-device");
                t.setDaemon(true);
                return t;
            });
            ThreadLocal<LoadClient> clients = ThreadLocal.withInitial(() -> new LoadClient(uri.getHost(),
                    uri.getPort()));
            List<LoadClient> allClients = java.util.Collections.synchronizedList(new ArrayList<>());
            try (KafkaProducer<String, String> producer = producer(bootstrap);
                 PlanReader plans = new PlanReader(bootstrap, plan -> {
                     Integer i = index.get(plan.intersectionId());
                     Instant until = plan.dataUntil() != null ? plan.dataUntil() : plan.validFrom();
                     int s = i == null ? -1 : (int) (until.getEpochSecond() - (base - 1));
                     if (i == null || s < 0 || s >= total || timeline.planned[s][i] != 0) {
                         foreignPlans.incrementAndGet();
                         return;
                     }
                     timeline.planned[s][i] = System.nanoTime();
                     planCount.incrementAndGet();
                 })) {
                plans.start();
                // wait for wall-clock second `base`, then pace every device by nanoTime from there
                long wait = base * 1000 - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                long start = System.nanoTime();
                System.out.print("load: ");
                measuredFrom = start + warmup * 1_000_000_000L;
                measuredTo = measuredFrom + seconds * 1_000_000_000L;
                for (int s = 0; s < total; s++) {
                    if (s == warmup) {
                        ingestMeter.start();
                        optimizerMeter.start();
                        benchMeter.start();
                    }
                    Instant stamp = Instant.ofEpochSecond(base - 1 + s);
                    for (int i = 0; i < intersections; i++) {
                        long due = start + s * 1_000_000_000L + i * 1_000_000_000L / intersections;
                        long now;
                        while ((now = System.nanoTime()) < due) {
                            LockSupport.parkNanos(due - now);
                        }
                        int second = s;
                        int junction = i;
                        timeline.due[s][i] = due;
                        devices.execute(() -> {
                            LoadClient client = clients.get();
                            if (!allClients.contains(client)) {
                                allClients.add(client);
                            }
                            report(producer, ids.get(junction), stamp, second, junction);
                            byte[] body = readings(ids.get(junction), stamp, second, junction);
                            timeline.posted[second][junction] = System.nanoTime();
                            try {
                                LoadClient.Answer answer = client.post(uri.getPath(), headers, body);
                                timeline.answered[second][junction] = System.nanoTime();
                                if (answer.status() != 202 || !answer.body().contains("\"accepted\":" + detectors)) {
                                    httpErrors.incrementAndGet();
                                    firstError.compareAndSet(null, "HTTP " + answer.status() + ": " + answer.body());
                                }
                            } catch (IOException e) {
                                httpErrors.incrementAndGet();
                                firstError.compareAndSet(null, e.toString());
                            }
                        });
                    }
                    if (s % 10 == 9) {
                        System.out.print(s < warmup ? "w" : ".");
                        System.out.flush();
                    }
                    if (!ingest.isAlive() || !optimizer.isAlive()) {
                        throw new IllegalStateException("a service died under load; see " + logs);
                    }
                }
                devices.shutdown();
                devices.awaitTermination(60, TimeUnit.SECONDS);
                producer.flush();
                long drainUntil = System.nanoTime() + DRAIN.toNanos();
                while (planCount.get() < (long) total * intersections && System.nanoTime() < drainUntil) {
                    Thread.sleep(50);
                }
                ingestMeter.stop();
                optimizerMeter.stop();
                benchMeter.stop();
                System.out.println();
            } finally {
                devices.shutdownNow();
                allClients.forEach(LoadClient::close);
            }
            long deadLettered;
            try (Admin admin = platform.kafka().admin()) {
                deadLettered = IngestBenchmark.endOffset(admin, Topics.DETECTOR_READINGS_DLQ);
            }
            return summarize(o, timeline, measuredFrom, measuredTo, httpErrors.get(), firstError.get(), deadLettered,
                    foreignPlans.get(), meters(ingestMeter, optimizerMeter, benchMeter));
        } finally {
            running.set(null);
            platform.close();
        }
    }

    private boolean summarize(ObjectNode o, Timeline t, long measuredFrom, long measuredTo, long httpErrors,
                           String firstError, long deadLettered, long foreignPlans, Map<String, ServiceMeter> meters) {
        List<Double> endToEnd = new ArrayList<>();
        List<Double> afterKafka = new ArrayList<>();
        List<Double> http = new ArrayList<>();
        double maxLag = 0;
        long missing = 0;
        long plansInWindow = 0;
        for (int s = 0; s < t.planned.length; s++) {
            for (int i = 0; i < intersections; i++) {
                if (t.planned[s][i] >= measuredFrom && t.planned[s][i] < measuredTo) {
                    plansInWindow++;
                }
                if (s < warmup) {
                    continue;
                }
                if (t.posted[s][i] != 0) {
                    maxLag = Math.max(maxLag, (t.posted[s][i] - t.due[s][i]) / 1e6);
                }
                if (t.answered[s][i] != 0) {
                    http.add((t.answered[s][i] - t.posted[s][i]) / 1e6);
                }
                if (t.planned[s][i] == 0 || t.posted[s][i] == 0) {
                    missing++;
                    continue;
                }
                endToEnd.add((t.planned[s][i] - t.posted[s][i]) / 1e6);
                if (t.answered[s][i] != 0) {
                    // may be slightly negative: the plan can arrive here before this thread has read the 202
                    afterKafka.add((t.planned[s][i] - t.answered[s][i]) / 1e6);
                }
            }
        }
        // per second of load (warm-up included): median and worst of that second's reading-to-plan latencies
        double[] secondP50 = new double[t.planned.length];
        double[] secondMax = new double[t.planned.length];
        var series = o.putArray("perSecond");
        for (int s = 0; s < t.planned.length; s++) {
            List<Double> those = new ArrayList<>();
            for (int i = 0; i < intersections; i++) {
                if (t.planned[s][i] != 0 && t.posted[s][i] != 0) {
                    those.add((t.planned[s][i] - t.posted[s][i]) / 1e6);
                }
            }
            Percentiles p = Percentiles.of(those);
            secondP50[s] = p.p50();
            secondMax[s] = p.max();
            ObjectNode point = series.addObject().put("second", s).put("plans", p.n());
            number(point, "p50Ms", p.p50());
            number(point, "maxMs", p.max());
        }
        int[] planned = new int[t.planned.length];
        for (int s = 0; s < planned.length; s++) {
            planned[s] = series.get(s).get("plans").asInt();
        }
        latencyChart = LatencyChart.svg(secondP50, secondMax, planned, warmup, intersections);
        long expected = (long) seconds * intersections;
        double plansPerSecond = plansInWindow / ((measuredTo - measuredFrom) / 1e9);
        Percentiles e2e = Percentiles.of(endToEnd);
        Percentiles kafka = Percentiles.of(afterKafka);
        Percentiles answer = Percentiles.of(http);
        System.out.println();
        System.out.println("| latency (ms) | p50 | p95 | p99 | max |");
        System.out.println("|---|---:|---:|---:|---:|");
        row("reading POST -> plan on signal.timing-plans", e2e);
        row("HTTP 202 (readings in Kafka) -> plan", kafka);
        row("HTTP POST -> 202", answer);
        System.out.printf(Locale.ROOT, "plans: %,d of %,d expected (%,d missing), %.1f plans/s; HTTP errors %d;"
                        + " dead-lettered readings %d; latest device send %.1f ms behind schedule%n",
                endToEnd.size(), expected, missing, plansPerSecond, httpErrors, deadLettered, maxLag);
        if (firstError != null) {
            System.out.println("first HTTP error: " + firstError);
        }
        System.out.println();
        System.out.println("| process under load | RSS max MiB | RSS high-water MiB | CPU ms per s |");
        System.out.println("|---|---:|---:|---:|");
        ObjectNode memory = o.putObject("memory");
        meters.forEach((name, m) -> {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.0f |%n", name, m.rssMaxMiB(), m.hwmMiB(),
                    m.cpuMsPerSecond());
            memory.putObject(name).put("rssMaxMiB", m.rssMaxMiB()).put("rssHighWaterMiB", m.hwmMiB())
                    .put("cpuMsPerSecond", Math.round(m.cpuMsPerSecond() * 10) / 10.0);
        });
        number(o, "p50Ms", e2e.p50());
        number(o, "p95Ms", e2e.p95());
        number(o, "p99Ms", e2e.p99());
        number(o, "maxMs", e2e.max());
        number(o, "meanMs", e2e.mean());
        o.set("afterKafkaMs", kafka.json());
        o.set("httpMs", answer.json());
        o.put("plans", endToEnd.size()).put("expectedPlans", expected).put("missingPlans", missing)
                .put("plansPerSecond", Math.round(plansPerSecond * 10) / 10.0).put("httpErrors", httpErrors)
                .put("deadLettered", deadLettered).put("otherPlans", foreignPlans)
                .put("maxSendLagMs", Math.round(maxLag * 10) / 10.0);
        if (firstError != null) {
            o.put("firstHttpError", firstError);
        }
        return missing == 0 && httpErrors == 0 && deadLettered == 0;
    }

    private static Map<String, ServiceMeter> meters(ServiceMeter ingest, ServiceMeter optimizer, ServiceMeter bench) {
        Map<String, ServiceMeter> m = new LinkedHashMap<>();
        m.put("traffic-ingest", ingest);
        m.put("signal-optimizer", optimizer);
        m.put("bench JVM (broker + load)", bench);
        return m;
    }

    /** A number, or null for NaN (JSON has no NaN). */
    static void number(ObjectNode o, String key, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }

    private static void row(String what, Percentiles p) {
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f |%n", what, p.p50(), p.p95(), p.p99(),
                p.max());
    }

    /** Percentiles of a sample, ms (nearest rank). */
    record Percentiles(int n, double p50, double p95, double p99, double max, double mean) {

        static Percentiles of(List<Double> values) {
            if (values.isEmpty()) {
                return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Percentiles(v.length, round(rank(v, 0.50)), round(rank(v, 0.95)), round(rank(v, 0.99)),
                    round(v[v.length - 1]), round(Arrays.stream(v).average().orElse(Double.NaN)));
        }

        /** As JSON, null where there was nothing to measure (JSON has no NaN). */
        ObjectNode json() {
            ObjectNode o = Json.mapper().createObjectNode().put("n", n);
            number(o, "p50", p50);
            number(o, "p95", p95);
            number(o, "p99", p99);
            number(o, "max", max);
            number(o, "mean", mean);
            return o;
        }

        private static double rank(double[] sorted, double q) {
            return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
        }

        private static double round(double x) {
            return Math.round(x * 100) / 100.0;
        }
    }

    /** The controller's report for second {@code s}: its fixed program, each junction at its own offset. */
    private static void report(KafkaProducer<String, String> producer, String id, Instant t, int s, int junction) {
        ControllerState state = CapacityBenchmark.report(id, t, s + junction * 7);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CONTROLLER_STATES, id,
                new String(Json.toBytes(state), StandardCharsets.UTF_8));
        record.headers().add(Headers.SCHEMA, ControllerState.SCHEMA.getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    /** The eight detectors' readings of second {@code s} as the device's request body; traffic varies. */
    static byte[] readings(String id, Instant t, int s, int junction) {
        StringBuilder body = new StringBuilder(1024).append('[');
        for (int d = 0; d < CapacityBenchmark.DETECTORS; d++) {
            int halting = Math.floorMod(s * (3 + d) + junction * 5 - (s / 11) * 7, 12);
            if (d > 0) {
                body.append(',');
            }
            body.append("{\"intersectionId\":\"").append(id).append("\",\"detectorId\":\"").append(id).append('_')
                    .append("nesw".charAt(d / 2)).append('_').append(d % 2).append("#0\",\"timestamp\":\"").append(t)
                    .append("\",\"vehicleCount\":").append(halting % 4).append(",\"occupancy\":")
                    .append(Math.round(Math.min(1.0, halting / 12.0) * 100) / 100.0).append(",\"haltingVehicles\":")
                    .append(halting).append('}');
        }
        return body.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitRegistry(ServiceProcess optimizer, int count) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(optimizer.url()
                        + "/api/v1/intersections")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && Json.mapper().readTree(r.body()).size() >= count) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("signal-optimizer did not load " + count + " intersections from the registry"
                + " within 120 s; see " + optimizer.log());
    }

    private static void put(Map<String, String> props, List<String> options) {
        for (String opt : options) {
            int eq = opt.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected k=v, got " + opt);
            }
            props.put(opt.substring(0, eq), opt.substring(eq + 1));
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-controllers");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Reads {@code signal.timing-plans} from its current end on a thread of its own. */
    private static final class PlanReader implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final java.util.function.Consumer<TimingPlan> sink;
        private final Thread thread;
        private volatile boolean running = true;

        PlanReader(String bootstrap, java.util.function.Consumer<TimingPlan> sink) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-plans");
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> tps = consumer.partitionsFor(Topics.TIMING_PLANS).stream()
                    .map(info -> new TopicPartition(Topics.TIMING_PLANS, info.partition())).toList();
            consumer.assign(tps);
            consumer.seekToEnd(tps);
            tps.forEach(consumer::position);
            this.sink = sink;
            this.thread = new Thread(this::loop, "bench-plan-reader");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void loop() {
            try {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        sink.accept(Json.fromBytes(r.value(), TimingPlan.class));
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            thread.join(5000);
        }
    }

    /** A process's resident memory (max of samples every 200 ms, and the kernel's high-water mark) and CPU. */
    static final class ServiceMeter {
        private final long pid;
        private volatile boolean sampling;
        private volatile long rssMaxKiB;
        private volatile long hwmKiB;
        private long cpuStart;
        private long cpuEnd;
        private long wallStart;
        private long wallEnd;
        private Thread thread;

        ServiceMeter(long pid) {
            this.pid = pid;
        }

        void start() {
            cpuStart = IngestBenchmark.ticks(pid);
            wallStart = System.nanoTime();
            sampling = true;
            thread = new Thread(() -> {
                while (sampling) {
                    sample();
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-meter-" + pid);
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            if (thread == null) {
                return;
            }
            sampling = false;
            thread.join(1000);
            sample();
            cpuEnd = IngestBenchmark.ticks(pid);
            wallEnd = System.nanoTime();
        }

        private void sample() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rssMaxKiB = Math.max(rssMaxKiB, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    } else if (line.startsWith("VmHWM:")) {
                        hwmKiB = Math.max(hwmKiB, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or the process is gone: no number
            }
        }

        long rssMaxMiB() {
            return rssMaxKiB / 1024;
        }

        long hwmMiB() {
            return hwmKiB / 1024;
        }

        double cpuMsPerSecond() {
            double wall = (wallEnd - wallStart) / 1e9;
            return wall <= 0 ? Double.NaN : (cpuEnd - cpuStart) * 1000.0 / IngestBenchmark.CLOCK_TICKS / wall;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Part 2: closed-loop simulation speed

    private void closedLoop(Path home, Path outDir, ObjectNode json) throws IOException {
        ObjectNode o = json.putObject("closedLoop");
        if (simSeconds <= 0) {
            System.out.println("closed loop: skipped (--sim-seconds 0)");
            o.put("skipped", "--sim-seconds 0");
            return;
        }
        if (!Sumo.installed()) {
            String why = "sumo is not installed; install it with: apt-get install -y sumo";
            System.out.println("closed loop: skipped: " + why);
            o.put("skipped", why);
            return;
        }
        Path cfg = sumoCfg != null ? sumoCfg : home.resolve(DEFAULT_SCENARIO);
        ScenarioConfig scenario = ScenarioConfig.read(cfg);
        double end = Math.min(scenario.end(), scenario.begin() + simSeconds);
        Path loopDir = outDir.toAbsolutePath().resolve("pipeline-loop");
        Path trimmed = trimmedConfig(scenario, end, loopDir.resolve("cfg"));
        NetworkModel network = NetReader.read(ScenarioConfig.read(trimmed));
        Map<String, Intersection> records = Intersections.of(network,
                VirtualDetectors.place(network, DetectorLayout.standard()));
        int detectors = records.values().stream().mapToInt(r -> r.detectors().size()).sum();
        System.out.printf(Locale.ROOT, "closed loop: %s, %d signal(s), %d virtual detectors reporting every simulated"
                        + " second over HTTP, simulated %.0f..%.0f, seed %d, controller greenwave through the services%n",
                scenario.name(), records.size(), detectors, scenario.begin(), end, seed);
        RunResult[] result = new RunResult[1];
        Evaluation.Listener listener = new Evaluation.Listener() {
            private int decile = -1;

            @Override
            public void onStep(String controller, int s, double time, double begin, double stop) {
                int d = (int) Math.floor(10 * (time - begin) / (stop - begin));
                if (d != decile) {
                    decile = d;
                    System.out.print(d >= 10 ? "|" : ".");
                    System.out.flush();
                }
            }

            @Override
            public void runFinished(RunResult r) {
                result[0] = r;
            }

            @Override
            public void unavailable(String controller, String reason) {
                System.out.println("closed loop: greenwave not available: " + reason);
            }
        };
        Map<String, String> ingestProps = new LinkedHashMap<>();
        put(ingestProps, ingestOpts);
        Map<String, String> optimizerProps = new LinkedHashMap<>();
        put(optimizerProps, optimizerOpts);
        ServicesGreenwave services = new ServicesGreenwave(home, loopDir.resolve("service-logs"), ingestProps,
                optimizerProps);
        Evaluation.run(trimmed, List.of(ServicesGreenwave.GREENWAVE), List.of(seed), loopDir, listener, services);
        System.out.println();
        o.put("scenario", scenario.name()).put("sumoCfg", cfg.toAbsolutePath().normalize().toString())
                .put("signals", records.size()).put("detectors", detectors).put("seed", seed)
                .put("begin", scenario.begin()).put("end", end);
        if (result[0] == null) {
            o.put("failed", "the closed loop did not run; see " + loopDir.resolve("service-logs"));
            return;
        }
        RunResult r = result[0];
        System.out.println("| closed loop | signals | detectors | simulated s | wall s | simulated s per wall s |"
                + " mean delay s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| %s, greenwave, seed %d | %d | %d | %.0f | %.1f | %.1f | %.2f |%n",
                scenario.name(), seed, records.size(), detectors, r.simulatedSeconds(), r.wallSeconds(), r.speed(),
                r.delay().meanDelay());
        o.put("simulatedSeconds", r.simulatedSeconds()).put("wallSeconds", Math.round(r.wallSeconds() * 100) / 100.0)
                .put("simulatedSecondsPerWallSecond", Math.round(r.speed() * 100) / 100.0)
                .put("vehicles", r.delay().vehicles());
        number(o, "meanDelay", r.delay().meanDelay());
    }

    /** The scenario's configuration over begin..end, with absolute paths, so that it can live elsewhere. */
    static Path trimmedConfig(ScenarioConfig scenario, double end, Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder xml = new StringBuilder("<configuration>\n  <input>\n");
        xml.append("    <net-file value=\"").append(attr(scenario.netFile())).append("\"/>\n");
        if (!scenario.routeFiles().isEmpty()) {
            xml.append("    <route-files value=\"").append(join(scenario.routeFiles())).append("\"/>\n");
        }
        if (!scenario.additionalFiles().isEmpty()) {
            xml.append("    <additional-files value=\"").append(join(scenario.additionalFiles())).append("\"/>\n");
        }
        xml.append("  </input>\n  <time>\n    <begin value=\"").append(fmt(scenario.begin()))
                .append("\"/>\n    <end value=\"").append(fmt(end)).append("\"/>\n  </time>\n</configuration>\n");
        Path file = dir.resolve(scenario.name() + ".sumocfg");
        Files.writeString(file, xml);
        return file;
    }

    private static String join(List<Path> paths) {
        return String.join(",", paths.stream().map(PipelineBenchmark::attr).toList());
    }

    private static String attr(Path p) {
        return p.toAbsolutePath().toString().replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}
