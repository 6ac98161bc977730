package org.greenwave.kafka.embedded;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.greenwave.contracts.Topics;

/**
 * A real Apache Kafka broker (KRaft: broker and controller in one process, no ZooKeeper, no Docker) running
 * inside this JVM on a free port. It creates greenwave's topics on start. Data lives in a directory that is
 * deleted on {@link #close()} unless one was given, so that {@link #restart()} keeps what was written.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final int partitions;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final int kafkaPort;
    private final int controllerPort;
    private final String clusterId;
    private final Consumer<Properties> brokerSettings;
    private EmbeddedKafkaBroker broker;

    private EmbeddedKafka(int port, int partitions, Path dataDir, Consumer<Properties> brokerSettings) {
        this.partitions = partitions;
        this.brokerSettings = brokerSettings;
        this.kafkaPort = port == 0 ? freePort() : port;
        this.controllerPort = freePort();
        try {
            this.ownsDataDir = dataDir == null;
            this.dataDir = dataDir == null ? Files.createTempDirectory("greenwave-kafka-") : dataDir;
            Files.createDirectories(this.dataDir);
            this.clusterId = existingClusterId(this.dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a broker on a free port with one partition per topic and creates greenwave's topics. */
    public static EmbeddedKafka start() {
        return start(0, 1, null);
    }

    /**
     * Starts a broker.
     *
     * @param port       listener port, 0 for a free one
     * @param partitions partitions of each greenwave topic (several for scale-out tests)
     * @param dataDir    where the log lives; null for a temporary directory deleted on close
     */
    public static EmbeddedKafka start(int port, int partitions, Path dataDir) {
        return start(port, partitions, dataDir, props -> { });
    }

    /**
     * Starts a broker with settings of its own on top of ours (applied last), e.g. a second listener that only talks
     * TLS with SASL for security tests; the PLAINTEXT listener of {@link #bootstrapServers()} stays.
     */
    public static EmbeddedKafka start(int port, int partitions, Path dataDir, Consumer<Properties> brokerSettings) {
        EmbeddedKafka kafka = new EmbeddedKafka(port, partitions, dataDir, brokerSettings);
        kafka.startBroker();
        kafka.createTopics(Topics.ALL, partitions);
        return kafka;
    }

    private void startBroker() {
        broker = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withClusterId(clusterId)
                .withKafkaHost("localhost")
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(this::tune)
                .start();
    }

    private void tune(Properties props) {
        props.setProperty("log.dir", dataDir.toString());
        props.setProperty("num.partitions", Integer.toString(partitions));
        props.setProperty("auto.create.topics.enable", "true");
        // A restart on kept data waits for the old broker session to expire: keep that short.
        props.setProperty("broker.session.timeout.ms", "3000");
        props.setProperty("broker.heartbeat.interval.ms", "500");
        props.setProperty("controller.quorum.election.timeout.ms", "1000");
        props.setProperty("controller.quorum.fetch.timeout.ms", "2000");
        props.setProperty("log.cleaner.backoff.ms", "1000");
        props.setProperty("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        brokerSettings.accept(props);
    }

    /** Creates topics (idempotent); greenwave's compacted topics get {@code cleanup.policy=compact}. */
    public void createTopics(List<String> names, int partitionCount) {
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                NewTopic topic = new NewTopic(name, partitionCount, (short) 1);
                if (Topics.COMPACTED.contains(name)) {
                    topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                }
                topics.add(topic);
            }
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        }
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public int port() {
        return kafkaPort;
    }

    public boolean isRunning() {
        return broker != null && broker.isRunning();
    }

    /** Stops the broker but keeps its data, for fault-injection tests; {@link #resume()} starts it again. */
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Starts a stopped broker again on the same port and data. */
    public synchronized void resume() {
        if (broker == null) {
            startBroker();
        }
    }

    /** Stops and starts the broker on the same port, keeping every record written so far. */
    public synchronized void restart() {
        stop();
        resume();
    }

    @Override
    public synchronized void close() {
        stop();
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory left behind is not worth failing a shutdown for
        }
    }

    /** A data directory formatted before keeps its cluster id; a new one gets a fresh id. */
    private static String existingClusterId(Path dir) throws IOException {
        Path meta = dir.resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties props = new Properties();
            try (var in = Files.newInputStream(meta)) {
                props.load(in);
            }
            String id = props.getProperty("cluster.id");
            if (id != null) {
                return id;
            }
        }
        return Uuid.randomUuid().toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
