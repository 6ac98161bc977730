package org.greenwave.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.greenwave.contracts.Topics;
import org.greenwave.kafka.embedded.ReliabilityLog;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * traffic-ingest under load while something breaks: its JVM is killed with SIGKILL, or the broker stops and comes
 * back. Devices retry every batch until they get a 2xx; afterwards every reading that got a 2xx must be in
 * {@code traffic.detector-readings} exactly once, and nothing else of the run.
 */
@Order(1)
class IngestFaultsTest {

    static final int CLIENTS = 4;
    static final int BATCHES = 40;
    static final int BATCH = 50;
    static final String COMMAND = "mvn -B -pl reliability -am verify -Dtest=IngestFaultsTest -Dsurefire.failIfNoSpecifiedTests=false";

    @TempDir
    Path dir;

    /** Runs the clients; {@code fault} is called once when a third of all batches are promised. */
    private static Load drive(IngestUnderTest ingest, String run, FaultAction fault) throws Exception {
        Instant start = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        Load load = new Load(ingest, run, start);
        AtomicInteger done = new AtomicInteger();
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                int accepted = 0;
                for (int seq = 0; seq < BATCHES; seq++) {
                    if (load.postUntilAccepted(load.batch(client, seq, BATCH), deadline)) {
                        accepted++;
                    }
                    done.incrementAndGet();
                }
                return accepted;
            }));
        }
        while (done.get() < CLIENTS * BATCHES / 3) {
            Thread.sleep(20);
        }
        fault.run();
        int accepted = 0;
        for (Future<Integer> f : clients) {
            accepted += f.get(200, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(accepted).as("every batch got its 2xx in the end").isEqualTo(CLIENTS * BATCHES);
        return load;
    }

    interface FaultAction {
        void run() throws Exception;
    }

    @Test
    void sigkillUnderLoadLosesAndDuplicatesNothingThatWasPromised() throws Exception {
        try (IngestUnderTest ingest = new IngestUnderTest(dir, Map.of()).start()) {
            long[] downFor = new long[1];
            Load load = drive(ingest, "KILL" + System.nanoTime(), () -> {
                long t = System.nanoTime();
                ingest.kill();
                ingest.start(); // a new JVM on the same port, as an orchestrator would restart it
                downFor[0] = (System.nanoTime() - t) / 1_000_000;
            });
            Map<String, Integer> counts = load.counts(ingest.readAll(Topics.DETECTOR_READINGS));
            assertThat(load.promised).hasSize(CLIENTS * BATCHES * BATCH);
            assertThat(counts.keySet()).containsAll(load.promised);
            long duplicated = counts.values().stream().filter(c -> c > 1).count();
            assertThat(duplicated).isZero();
            assertThat(counts).hasSize(load.promised.size());
            ReliabilityLog.write(new ReliabilityLog.Row("fault-ingest-sigkill", "fault",
                            "traffic-ingest killed with SIGKILL under load, restarted on the same port (new JVM)",
                            CLIENTS + " devices, " + CLIENTS * BATCHES + " batches of " + BATCH + " = "
                                    + load.promised.size() + " readings, " + load.requests.get() + " requests ("
                                    + load.retries.get() + " retried), service down " + downFor[0] + " ms",
                            "0 lost, 0 duplicated", "answers " + statuses(load) + "; every 2xx reading in"
                                    + " traffic.detector-readings exactly once (duplicate windows restored from Kafka)",
                            COMMAND),
                    Map.of("readings", load.promised.size(), "requests", load.requests.get(), "retries",
                            load.retries.get(), "downMs", downFor[0], "lost", 0, "duplicated", duplicated));
        }
    }

    @Test
    void brokerStoppedAndRestartedMidStreamHttpAndRawTopic() throws Exception {
        try (IngestUnderTest ingest = new IngestUnderTest(dir, Map.of()).start()) {
            String run = "BRK" + System.nanoTime();
            // a device that speaks Kafka keeps producing to field.detector-readings through the outage
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ingest.kafka.bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
            Instant rawStart = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            int rawCount = 2000;
            List<String> rawIds = new ArrayList<>();
            Thread raw = new Thread(() -> {
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
                    for (int i = 0; i < rawCount; i++) {
                        String intersection = run + "-raw-i" + (i % 20);
                        String detector = intersection + "_d" + (i % 40);
                        String ts = rawStart.plusSeconds(i / 40).toString();
                        rawIds.add(detector + "@" + Instant.parse(ts));
                        String value = "{\"intersectionId\":\"%s\",\"detectorId\":\"%s\",\"timestamp\":\"%s\",\"vehicleCount\":3,\"occupancy\":0.1}"
                                .formatted(intersection, detector, ts);
                        producer.send(new ProducerRecord<>(Topics.FIELD_DETECTOR_READINGS, intersection.getBytes(
                                StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
                        if (i % 100 == 0) {
                            Thread.sleep(20);
                        }
                    }
                    producer.flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            raw.start();
            long[] outage = new long[1];
            Load load = drive(ingest, run, () -> {
                long t = System.nanoTime();
                ingest.kafka.stop();
                Thread.sleep(4000);
                ingest.kafka.resume();
                outage[0] = (System.nanoTime() - t) / 1_000_000;
            });
            raw.join(180_000);
            // the orchestrator's part: a service whose liveness is DOWN (a failed raw-topic channel) is restarted
            boolean restarted = false;
            if (ingest.get("/q/health/live") != 200) {
                ingest.kill();
                ingest.start();
                restarted = true;
            }
            // the raw path commits a poll only once it is stored: wait until it has caught up
            Map<String, Integer> counts = Map.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                counts = load.counts(ingest.readAll(Topics.DETECTOR_READINGS));
                if (counts.keySet().containsAll(rawIds) && counts.keySet().containsAll(load.promised)) {
                    break;
                }
                Thread.sleep(1000);
            }
            assertThat(counts.keySet()).containsAll(load.promised).containsAll(rawIds);
            long duplicated = counts.values().stream().filter(c -> c > 1).count();
            assertThat(duplicated).isZero();
            assertThat(counts).hasSize(load.promised.size() + rawIds.size());
            // readiness (which includes Kafka) comes back by itself once the service has reconnected
            long readyBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ingest.get("/q/health/ready") != 200 && System.nanoTime() < readyBy) {
                Thread.sleep(250);
            }
            assertThat(ingest.get("/q/health/ready")).as("readiness after the broker's restart").isEqualTo(200);
            ReliabilityLog.write(new ReliabilityLog.Row("fault-broker-restart", "fault",
                            "Kafka broker stopped mid-stream and restarted on its data (HTTP devices and a raw-topic"
                                    + " producer keep sending)",
                            load.promised.size() + " readings over HTTP (" + CLIENTS + " devices, " + load.requests.get()
                                    + " requests, " + load.retries.get() + " retried) + " + rawCount
                                    + " raw records on field.detector-readings; broker down " + outage[0] + " ms",
                            "0 lost, 0 duplicated", "answers " + statuses(load) + " (503 = nothing promised, the"
                                    + " device retries); " + (restarted ? "the raw-topic channel failed (liveness DOWN),"
                                    + " the service was restarted and read the uncommitted records again, deduplicated"
                                    : "the raw-topic consumer rode out the outage (no restart needed)")
                                    + "; readiness back to UP", COMMAND),
                    Map.of("httpReadings", load.promised.size(), "rawReadings", rawCount, "requests",
                            load.requests.get(), "retries", load.retries.get(), "outageMs", outage[0], "lost", 0,
                            "duplicated", duplicated, "restartedForLiveness", restarted));
        }
    }

    static String statuses(Load load) {
        Map<String, Long> out = new LinkedHashMap<>();
        load.statuses.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey() == -1 ? "no answer" : e.getKey().toString(), e.getValue().get()));
        return out.toString().replace("{", "").replace("}", "").replace("=", ": ");
    }
}
