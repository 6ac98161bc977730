package org.greenwave.ingest.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.greenwave.service.support.KafkaClientConfig;
import org.jboss.logging.Logger;

/**
 * Reads a topic from its beginning (or from a point in time) on a thread of its own, without a consumer group
 * (state every instance needs all of), and then follows it or stops. {@link #caughtUp()} tells when what was there
 * at start is read.
 */
final class TopicReader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicReader.class);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
    private final boolean follow;
    private volatile long fromTimestamp = -1;
    private final Thread thread;
    private volatile boolean caughtUp;
    private volatile boolean running = true;
    private volatile Runnable onCaughtUp = () -> { };

    TopicReader(Map<String, Object> kafka, String topic, boolean follow,
                Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        this.topic = topic;
        this.follow = follow;
        this.handler = handler;
        Map<String, Object> props = KafkaClientConfig.clientProperties(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "traffic-ingest-" + topic);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "read-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts at the first record written at or after this time (epoch millis) instead of the beginning. */
    TopicReader from(long epochMillis) {
        this.fromTimestamp = epochMillis;
        return this;
    }

    TopicReader start(Runnable whenCaughtUp) {
        this.onCaughtUp = whenCaughtUp;
        thread.start();
        return this;
    }

    boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = null;
            boolean warned = false;
            while (running && partitions == null) {
                try {
                    var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                    if (infos != null && !infos.isEmpty()) {
                        partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                    }
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // broker not reachable yet: keep trying (readiness stays down meanwhile)
                }
                if (partitions == null && !warned) {
                    LOG.warnf("topic %s not found or Kafka not reachable yet; waiting (readiness stays down)", topic);
                    warned = true;
                }
            }
            if (partitions == null) {
                return;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            if (fromTimestamp < 0) {
                consumer.seekToBeginning(partitions);
            } else {
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(p -> times.put(p, fromTimestamp));
                consumer.offsetsForTimes(times).forEach((p, found) ->
                        consumer.seek(p, found == null ? end.get(p) : found.offset()));
            }
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        handler.accept(record);
                    } catch (RuntimeException e) {
                        LOG.warnf("%s offset %d skipped: %s", topic, record.offset(), e.getMessage());
                    }
                }
                if (!caughtUp && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    onCaughtUp.run();
                    if (!follow) {
                        return;
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "reading %s stopped", topic);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            consumer.wakeup();
        } catch (RuntimeException e) {
            // already closed: it had read what it needed
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
