package org.greenwave.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import net.jpountz.lz4.LZ4Factory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.greenwave.cli.runtime.DemoIdentities;
import org.greenwave.cli.runtime.Home;
import org.greenwave.cli.runtime.LocalPlatform;
import org.greenwave.cli.runtime.Ports;
import org.greenwave.cli.runtime.ServiceProcess;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.traffic.DetectorReading;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Readings per second that traffic-ingest accepts end-to-end (HTTP 202, which it answers only once Kafka
 * acknowledged every reading with acks=all), beside a raw {@link KafkaProducer} sending the same records (the same
 * serialized JSON, key and header, acks=all, idempotent, the service's batching settings) to the same broker and
 * topic, in one run. Also request latency p50/p99 and the service's resident memory under load.
 *
 * <p>Everything runs on this machine: the broker in this JVM (as in the demo), traffic-ingest in its own JVM started
 * from its build like the demo does, the HTTP load from this JVM. Request bodies and raw records are prepared before
 * the clock starts. Rounds alternate (HTTP at each concurrency level, raw, HTTP ..., raw) after a warm-up of both;
 * the best round of each path counts, which keeps noise from other work on a shared machine out of the ratio.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "traffic-ingest throughput end-to-end (HTTP 202 = in Kafka) vs. a raw Kafka producer of the"
                + " same records; request latency p50/p99; service RSS.")
public final class IngestBenchmark extends Benchmark {

    /**
     * The producer settings of traffic-ingest (its greenwave.ingest.producer.* defaults), used for the raw producer
     * too; compression comes from {@code --compression} and is passed to both.
     */
    static final Map<String, Object> PRODUCER = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 131072,
            ProducerConfig.BUFFER_MEMORY_CONFIG, 67108864L);

    @Option(names = "--compression", description = "Producer compression of the service and the raw producer"
            + " (default: ${DEFAULT-VALUE}, the service's default).")
    String compression = "lz4";

    /**
     * An HTTP round of about 1.5 s, beside the raw producer's rounds of at least 4 s: the first and last requests of a
     * round (fewer in flight while it starts and drains) weigh less than in the 0.5 s rounds of 400,000.
     */
    @Option(names = "--readings", description = "Readings per measured round (default: ${DEFAULT-VALUE}).")
    int readings = 1_200_000;

    /** A city gateway forwarding one cycle of its controllers' detectors: ~60 intersections x ~8 detectors. */
    @Option(names = "--batch", description = "Readings per HTTP request (default: ${DEFAULT-VALUE}).")
    int batch = 500;

    /**
     * How the HTTP bodies write each reading (the raw producer's records are the service's output either way). In
     * lower case: picocli takes the constants' names as the option's values.
     */
    enum Layout {
        /** The contract's field order, no whitespace (SPEC's example; what the demo's devices send). */
        contract,
        /** The fields of every item in a random order (seeded), no whitespace. */
        shuffled,
        /** Pretty-printed: a line per field, indented, spaces around the colons. */
        pretty
    }

    @Option(names = "--layout", description = "How the bodies write each reading: ${COMPLETION-CANDIDATES}"
            + " (default: ${DEFAULT-VALUE}).")
    Layout layout = Layout.contract;

    /**
     * Requests in flight: a city's gateways posting at once. One level measures throughput bounded by the answer's
     * latency (a 202 waits for Kafka's acknowledgement, and the producer lingers up to 5 ms to fill a batch: 8 in
     * flight x 500 readings / ~7 ms caps 8 at about 570,000 readings/s whatever the service's speed); the levels
     * together find where the service itself is the limit, as the raw producer is measured at its own.
     */
    @Option(names = "--concurrency", split = ",", description = "Requests in flight at once; each level is measured"
            + " in every round (default: ${DEFAULT-VALUE}).")
    List<Integer> concurrency = List.of(8, 16, 32);

    @Option(names = "--detectors", description = "Distinct detectors, 8 per intersection (default: ${DEFAULT-VALUE}).")
    int detectors = 2000;

    @Option(names = "--rounds", description = "Measured rounds of each (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--partitions", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions = 1;

    @Option(names = "--raw-seconds", description = "Least duration of a raw producer round (default: ${DEFAULT-VALUE}).")
    double rawSeconds = 4;

    /**
     * A service runs for days; its JVM compiles a Quarkus application's hot paths over its first millions of
     * readings (measured: the service's JIT compiler still used a quarter of its CPU in the 6th round after a warm-up
     * of 400,000 readings, and 5 % after 12 million). The code run once per request (authentication, routing, the
     * answer: some 1,500 requests a second) reaches the optimising compiler last: after 10 million readings the
     * compiler still took 7.6 % of the service's CPU in the rounds, after 25 million 1.6 %. Both paths send at least
     * this many readings before the rounds, so that the rounds compare steady states.
     */
    @Option(names = "--warmup-readings", description = "Least readings each path sends to warm up before the rounds"
            + " (default: ${DEFAULT-VALUE}).")
    long warmupReadings = 25_000_000;

    @Option(names = "--heap", description = "Maximum heap of the service JVM (default: ${DEFAULT-VALUE}).")
    String heap = "512m";

    @Option(names = "--service-opts", split = ",", description = "Extra system properties for the service, k=v.")
    List<String> serviceOpts = List.of();

    /**
     * One measured round. CPU per reading in microseconds, from /proc: the service JVM, and this JVM (the broker plus
     * the HTTP load or the raw producer).
     */
    record Round(String what, int inFlight, long readings, double seconds, double perSecond, double p50Ms,
                 double p99Ms, double serviceCpuUs, double localCpuUs) {

        Round withCpu(long[] before, long[] after) {
            return new Round(what, inFlight, readings, seconds, perSecond, p50Ms, p99Ms,
                    (after[0] - before[0]) * 1e6 / CLOCK_TICKS / readings,
                    (after[1] - before[1]) * 1e6 / CLOCK_TICKS / readings);
        }
    }

    /** Linux reports process CPU time in clock ticks of 1/100 s. */
    static final double CLOCK_TICKS = 100.0;

    /** utime + stime of the service and of this process, in clock ticks (zeros where /proc is not there). */
    static long[] cpu(long servicePid) {
        return new long[] {ticks(servicePid), ticks(ProcessHandle.current().pid())};
    }

    /** utime + stime of a process in clock ticks (0 where /proc is not there). */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public int run(Path outDir) throws Exception {
        Path home = Home.dir();
        if (!LocalPlatform.built(home, "traffic-ingest")) {
            System.err.println("greenwave: traffic-ingest is not built (mvn -B -DskipTests install)");
            return 1;
        }
        Files.createDirectories(outDir);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "bench ingest: %,d readings per round, batches of %d (%s layout), %s in flight,"
                + " %,d detectors, %d partition(s), %d cores%n", readings, batch, layout, concurrency, detectors,
                partitions, cores);
        try (LocalPlatform platform = LocalPlatform.startKafka(Ports.free(), partitions)) {
            DemoIdentities ids = DemoIdentities.generate();
            Map<String, String> props = new HashMap<>(ids.properties());
            if (!"lz4".equals(compression)) { // the service's default otherwise
                props.put("greenwave.ingest.producer.compression", compression);
            }
            for (String opt : serviceOpts) {
                int eq = opt.indexOf('=');
                props.put(opt.substring(0, eq), opt.substring(eq + 1));
            }
            ServiceProcess service = platform.startService(home, "traffic-ingest", Ports.free(), props,
                    outDir.resolve("logs"), heap);
            platform.awaitReady(Duration.ofSeconds(120));
            String bootstrap = platform.kafka().bootstrapServers();

            // warm-up sets (made as they are needed), then one set per round, each with readings of its own
            // (distinct timestamps, older ones first: no duplicates, nothing outside the duplicate window)
            long perSet = readings / detectors + 1;
            // every timestamp within the last 20 h (the service refuses readings older than 24 h)
            int levels = concurrency.size();
            int maxWarmupSets = (int) Math.min(MAX_WARMUP_SETS, 72_000 / perSet - rounds * levels - 1);
            int sets = maxWarmupSets + 1 + rounds * levels;
            Instant base = Instant.now().minusSeconds(sets * perSet + 120);
            System.out.print("preparing requests and records ... ");
            System.out.flush();
            // the raw producer's records: the set after the warm-up's (the HTTP rounds' sets follow it)
            Workload rawWork = Workload.make(maxWarmupSets, readings, batch, detectors, base, true, layout);
            System.out.println("done");
            int maxInFlight = concurrency.stream().mapToInt(Integer::intValue).max().orElseThrow();

            URI uri = URI.create(service.url() + "/api/v1/detector-readings");
            RssSampler rss = new RssSampler(service.pid());
            List<Round> results = new ArrayList<>();
            String lz4Service;
            String lz4Raw = LZ4Factory.fastestInstance().toString();
            try (KafkaProducer<byte[], byte[]> raw = rawProducer(bootstrap, compression); Admin admin = platform.kafka().admin()) {
                System.out.printf(Locale.ROOT, "warm-up (at least %,d readings each) ...%n", warmupReadings);
                long warm0 = System.nanoTime();
                int warmSets = 0;
                long warmReadings = 0;
                while (warmReadings < warmupReadings) {
                    if (warmSets >= maxWarmupSets) {
                        throw new IllegalStateException("warm-up needs more than " + maxWarmupSets + " sets of "
                                + readings + " readings: more --readings or fewer --warmup-readings");
                    }
                    warmReadings += http(uri, ids.deviceKey(), Workload.make(warmSets++, readings, batch, detectors,
                            base, false, layout), maxInFlight).readings();
                }
                double warmHttpSeconds = (System.nanoTime() - warm0) / 1e9;
                Round warmRaw = raw(raw, rawWork, 0, warmupReadings);
                System.out.printf(Locale.ROOT, "  warm-up: traffic-ingest %,d readings in %.0f s, raw producer %,d"
                        + " in %.0f s%n", warmReadings, warmHttpSeconds, warmRaw.readings(), warmRaw.seconds());
                // the same records should cost the same to compress on both paths (see serviceLz4); the service names
                // its compressor when its producer is made, at the first request
                lz4Service = serviceLz4(service.log());
                System.out.printf(Locale.ROOT, "  lz4 compressor: service %s, raw producer %s%n", lz4Service, lz4Raw);
                if ("lz4".equals(compression) && !lz4Service.equals(lz4Raw)) {
                    System.out.println("  WARNING: the two paths compress with different lz4 implementations: the"
                            + " ratio compares them unevenly");
                }
                rss.start();
                int set = maxWarmupSets + 1;
                for (int r = 1; r <= rounds; r++) {
                    for (int inFlight : concurrency) {
                        Workload work = Workload.make(set++, readings, batch, detectors, base, false, layout);
                        long before = endOffset(admin, Topics.DETECTOR_READINGS);
                        long[] cpu0 = cpu(service.pid());
                        Round h = http(uri, ids.deviceKey(), work, inFlight).withCpu(cpu0, cpu(service.pid()));
                        long stored = endOffset(admin, Topics.DETECTOR_READINGS) - before;
                        if (stored != h.readings()) {
                            throw new IllegalStateException("202 for " + h.readings() + " readings but " + stored
                                    + " new records in " + Topics.DETECTOR_READINGS);
                        }
                        print(h);
                        results.add(h);
                    }
                    long[] cpu1 = cpu(service.pid());
                    Round k = raw(raw, rawWork, rawSeconds, 0).withCpu(cpu1, cpu(service.pid()));
                    print(k);
                    results.add(k);
                }
                rss.stop();
            }
            Round bestHttp = best(results, "traffic-ingest");
            Round bestRaw = best(results, "raw");
            double ratio = bestHttp.perSecond() / bestRaw.perSecond();
            System.out.println();
            System.out.println("| path | readings/s | p50 ms | p99 ms |");
            System.out.println("|---|---:|---:|---:|");
            for (int inFlight : concurrency) {
                Round best = results.stream().filter(r -> r.inFlight() == inFlight)
                        .max((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
                System.out.printf(Locale.ROOT, "| traffic-ingest, HTTP 202 (batch %d, %d in flight) | %,.0f | %.1f |"
                        + " %.1f |%n", batch, inFlight, best.perSecond(), best.p50Ms(), best.p99Ms());
            }
            System.out.printf(Locale.ROOT, "| raw KafkaProducer, same records | %,.0f | | |%n", bestRaw.perSecond());
            System.out.printf(Locale.ROOT, "ratio: %.0f %% of the raw producer (target >= 50 %%); service RSS under"
                    + " load: max %d MiB (heap limit %s)%n", 100 * ratio, rss.maxMiB(), heap);

            ObjectNode json = Json.mapper().createObjectNode();
            json.put("readingsPerSecond", Math.round(bestHttp.perSecond()));
            json.put("rawKafkaPerSecond", Math.round(bestRaw.perSecond()));
            json.put("ratio", Math.round(ratio * 1000) / 1000.0);
            json.put("p50Ms", Math.round(bestHttp.p50Ms() * 100) / 100.0);
            json.put("p99Ms", Math.round(bestHttp.p99Ms() * 100) / 100.0);
            json.put("serviceRssMiB", rss.maxMiB());
            json.put("serviceHeap", heap);
            json.put("readingsPerRound", readings);
            json.put("warmupReadings", warmupReadings);
            json.put("batch", batch);
            json.put("layout", layout.name());
            json.put("concurrency", bestHttp.inFlight());
            var levelsJson = json.putArray("concurrencyLevels");
            concurrency.forEach(levelsJson::add);
            json.put("detectors", detectors);
            json.put("partitions", partitions);
            json.put("cores", cores);
            json.put("producer", PRODUCER + ", compression.type=" + compression);
            json.put("lz4Service", lz4Service);
            json.put("lz4Raw", lz4Raw);
            var rows = json.putArray("rounds");
            for (Round r : results) {
                rows.add(Json.mapper().valueToTree(r));
            }
            Path file = outDir.resolve("ingest.json");
            Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
            System.out.println("wrote " + file);
            return 0;
        }
    }

    /**
     * The lz4 implementation the service's producer compresses with, as its start-up log names it (KafkaWriter:
     * {@code LZ4Factory:JNI} or {@code LZ4Factory:JavaSafe}); "unknown" when the log does not say. lz4-java picks its
     * native compressor by class loader, so a service under Quarkus and a plain JVM need not agree (they did not
     * until 2026-11-29: docs/benchmarks.md).
     */
    static String serviceLz4(Path log) throws IOException {
        String marker = "lz4 (the producer's";
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int at = line.indexOf(marker);
            int colon = at < 0 ? -1 : line.indexOf("): ", at);
            if (colon >= 0) {
                return line.substring(colon + 3).trim();
            }
        }
        return "unknown";
    }

    private static Round best(List<Round> rounds, String prefix) {
        return rounds.stream().filter(r -> r.what().startsWith(prefix))
                .max((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
    }

    private static void print(Round r) {
        System.out.printf(Locale.ROOT, "  %-16s %,9d readings in %5.2f s = %,9.0f /s%s  CPU/reading: service %.1f µs,"
                        + " broker+client %.1f µs%n", r.inFlight() == 0 ? r.what() : r.what() + " " + r.inFlight(),
                r.readings(), r.seconds(), r.perSecond(),
                Double.isNaN(r.p50Ms()) ? "" : String.format(Locale.ROOT, "  p50 %.1f ms  p99 %.1f ms", r.p50Ms(),
                        r.p99Ms()), r.serviceCpuUs(), r.localCpuUs());
    }

    /** Most warm-up sets (their timestamps come before the rounds'). */
    static final int MAX_WARMUP_SETS = 100;

    /** Requests and raw records for one round. */
    record Workload(List<byte[]> bodies, int perBody, List<ProducerRecord<byte[], byte[]>> records) {

        /** The readings of set {@code set}; the raw records too when {@code withRecords}. */
        /** One reading as {@code layout} writes it. */
        static void item(StringBuilder body, Layout layout, java.util.Random random, String intersection,
                         String detector, Instant ts, int count, double occupancy, int halting) {
            String[] fields = {"\"intersectionId\":\"" + intersection + '"', "\"detectorId\":\"" + detector + '"',
                    "\"timestamp\":\"" + ts + '"', "\"vehicleCount\":" + count, "\"occupancy\":" + occupancy,
                    "\"haltingVehicles\":" + halting};
            if (layout == Layout.shuffled) {
                java.util.Collections.shuffle(Arrays.asList(fields), random);
            }
            boolean pretty = layout == Layout.pretty;
            body.append(pretty ? "{\n" : "{");
            for (int f = 0; f < fields.length; f++) {
                String field = pretty ? "    " + fields[f].replaceFirst("\":", "\" : ") : fields[f];
                body.append(f == 0 ? "" : pretty ? ",\n" : ",").append(field);
            }
            body.append(pretty ? "\n  }" : "}");
        }

        static Workload make(int set, int readings, int batch, int detectors, Instant base, boolean withRecords,
                             Layout layout) {
            Header schema = new RecordHeader(Headers.SCHEMA, DetectorReading.SCHEMA.getBytes(StandardCharsets.UTF_8));
            List<byte[]> bodies = new ArrayList<>();
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(readings);
            java.util.Random random = new java.util.Random(set);
            Instant received = Instant.now();
            StringBuilder body = new StringBuilder();
            long perDetector = readings / detectors + 1;
            for (int i = 0; i < readings; i++) {
                int d = i % detectors;
                String intersection = "B" + (d / 8);
                String detector = intersection + "_" + "nesw".charAt(d % 4) + "_" + (d % 8) / 4;
                Instant ts = base.plusSeconds(set * perDetector + i / detectors);
                int count = random.nextInt(12);
                double occupancy = Math.round(random.nextDouble() * 100) / 100.0;
                int halting = random.nextInt(count + 1);
                body.append(body.length() == 0 ? "[" : ",");
                item(body, layout, random, intersection, detector, ts, count, occupancy, halting);
                if ((i + 1) % batch == 0 || i == readings - 1) {
                    bodies.add(body.append(']').toString().getBytes(StandardCharsets.UTF_8));
                    body.setLength(0);
                }
                if (!withRecords) {
                    continue;
                }
                // what traffic-ingest writes for this reading: same key, same JSON, same header
                byte[] value = Json.toBytes(new DetectorReading(intersection, detector, ts, count, occupancy, halting,
                        received, "http"));
                records.add(new ProducerRecord<>(Topics.DETECTOR_READINGS, null,
                        intersection.getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(new Header[] {schema})));
            }
            return new Workload(bodies, batch, records);
        }
    }

    private Round http(URI uri, String key, Workload work, int concurrency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        long[] latencies = new long[work.bodies().size()];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        CountDownLatch start = new CountDownLatch(1);
        String[] headers = {"Content-Type: application/json", "X-API-Key: " + key};
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                try (LoadClient client = new LoadClient(uri.getHost(), uri.getPort())) {
                    start.await();
                    int i;
                    while ((i = next.getAndIncrement()) < work.bodies().size() && failure.get() == null) {
                        long t0 = System.nanoTime();
                        LoadClient.Answer answer = client.post(uri.getPath(), headers, work.bodies().get(i));
                        latencies[i] = System.nanoTime() - t0;
                        if (answer.status() != 202) {
                            failure.compareAndSet(null, "HTTP " + answer.status() + ": " + answer.body());
                            break;
                        }
                        accepted.addAndGet(acceptedCount(answer.body()));
                    }
                }
                return null;
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        if (failure.get() != null) {
            throw new IllegalStateException("traffic-ingest refused a batch: " + failure.get());
        }
        Arrays.sort(latencies);
        return new Round("traffic-ingest", concurrency, accepted.get(), seconds, accepted.get() / seconds,
                latencies[latencies.length / 2] / 1e6, latencies[(int) Math.min(latencies.length - 1,
                Math.ceil(latencies.length * 0.99) - 1)] / 1e6, 0, 0);
    }

    /** The {@code "accepted":n} of an answer, without a JSON tree per response. */
    private static int acceptedCount(String body) {
        int at = body.indexOf("\"accepted\":");
        int i = at + 11;
        int n = 0;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            n = n * 10 + (body.charAt(i++) - '0');
        }
        return n;
    }

    private static KafkaProducer<byte[], byte[]> rawProducer(String bootstrap, String compression) {
        Map<String, Object> props = new HashMap<>(PRODUCER);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-raw");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Sends every record of the round, again and again until at least {@code minSeconds} passed and
     * {@code minRecords} were sent (a raw producer is so fast that one pass is too short to measure), and waits for
     * the last acknowledgement.
     */
    private static Round raw(KafkaProducer<byte[], byte[]> producer, Workload work, double minSeconds, long minRecords)
            throws InterruptedException {
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        long t0 = System.nanoTime();
        do {
            for (ProducerRecord<byte[], byte[]> record : work.records()) {
                producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(),
                        new RecordHeaders(record.headers().toArray())), (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                    acked.incrementAndGet();
                });
            }
            sent += work.records().size();
        } while (System.nanoTime() - t0 < minSeconds * 1e9 || sent < minRecords);
        producer.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acked.get() < sent && failure.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        if (acked.get() < sent || failure.get() != null) {
            throw new IllegalStateException("raw producer failed", failure.get());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Round("raw producer", 0, sent, seconds, sent / seconds, Double.NaN, Double.NaN, 0, 0);
    }

    static long endOffset(Admin admin, String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** Samples the service's resident set size from /proc while the load runs. */
    static final class RssSampler {
        private final Path status;
        private volatile boolean running;
        private volatile long maxKiB;
        private Thread thread;

        RssSampler(long pid) {
            this.status = Path.of("/proc", Long.toString(pid), "status");
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        maxKiB = Math.max(maxKiB, kib);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or the process is gone: no number
            }
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(1000);
            }
        }

        long maxMiB() {
            return maxKiB / 1024;
        }
    }
}
