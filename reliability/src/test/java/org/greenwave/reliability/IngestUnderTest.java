package org.greenwave.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.greenwave.cli.runtime.Ports;
import org.greenwave.cli.runtime.ServiceProcess;
import org.greenwave.kafka.embedded.EmbeddedKafka;

/**
 * The real thing for fault tests: an in-process KRaft broker in the test JVM and traffic-ingest in its own JVM,
 * started from its build exactly as {@code ./greenwave} starts it ({@link ServiceProcess}), so that it can be killed
 * with SIGKILL and its memory read from {@code /proc}.
 */
final class IngestUnderTest implements AutoCloseable {

    static final String KEY = "reliability-" + UUID.randomUUID();
    static final Path HOME = Path.of(System.getProperty("greenwave.home", "..")).toAbsolutePath().normalize();

    final EmbeddedKafka kafka;
    final int port = Ports.free();
    final Path logs;
    private final Map<String, String> extra;
    private ServiceProcess service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    IngestUnderTest(Path logs, Map<String, String> extra) {
        this.logs = logs;
        this.extra = extra;
        this.kafka = EmbeddedKafka.start(0, 1, null);
    }

    IngestUnderTest start() {
        Map<String, String> props = new HashMap<>(extra);
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.put("greenwave.demo.device-key", KEY);
        service = ServiceProcess.start(HOME, "traffic-ingest", port, props, logs, "256m");
        service.awaitReady(Duration.ofSeconds(90));
        return this;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        ProcessHandle handle = ProcessHandle.of(service.pid()).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().join();
    }

    boolean alive() {
        return service.isAlive();
    }

    long pid() {
        return service.pid();
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** Posts a body; status -1 when the service did not answer (down, connection refused or reset). */
    Answer post(String path, byte[] body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + path))
                            .timeout(Duration.ofSeconds(30)).header("X-API-Key", KEY)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    int get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    record Answer(int status, String body) {
    }

    /** Resident memory of the service JVM, MiB (Linux /proc). */
    long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + service.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // not Linux: memory is not measured
        }
        return -1;
    }

    /** Every record of a topic (values and headers), read to its current end. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return readAll(kafka.bootstrapServers(), topic);
    }

    /** Every record of a topic on a broker (values and headers), read to its current end. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        kafka.close();
    }
}
