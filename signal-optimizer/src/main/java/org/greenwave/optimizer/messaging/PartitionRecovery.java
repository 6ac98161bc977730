package org.greenwave.optimizer.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.optimizer.service.SignalControlService;
import org.greenwave.service.support.KafkaClientConfig;
import org.jboss.logging.Logger;

/**
 * When partitions of the signal inputs come to this instance (start, restart, or another instance died), the state
 * of their intersections is rebuilt from Kafka before their records are processed: the plans already published for
 * them (so that no second is decided twice), the latest controller reports and the recent readings up to where
 * this group's consumption resumes. Partition numbers match across the three topics (same key, same count).
 */
@ApplicationScoped
@Identifier("signal-inputs-recovery")
public class PartitionRecovery implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(PartitionRecovery.class);
    /** How far back (wall clock) the state is rebuilt from. */
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final SignalControlService control;
    /** The service's kafka.* client settings (bootstrap, TLS, SASL), as its channels use them. */
    private final Map<String, Object> kafka;

    public PartitionRecovery(SignalControlService control,
                             @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.control = control;
        this.kafka = KafkaClientConfig.clientProperties(kafka);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
        List<Integer> numbers = partitions.stream().map(TopicPartition::partition).distinct().toList();
        long since = Instant.now().minus(WINDOW).toEpochMilli();
        try (KafkaConsumer<String, String> reader = reader()) {
            List<TimingPlan> plans = read(reader, Topics.TIMING_PLANS, numbers, since, Map.of(),
                    v -> Json.fromBytes(v.getBytes(), TimingPlan.class));
            Map<TopicPartition, Long> resumeAt = new HashMap<>();
            committed.forEach((tp, offset) -> resumeAt.put(tp, offset == null ? 0L : offset.offset()));
            List<ControllerState> states = read(reader, Topics.CONTROLLER_STATES, numbers, since, resumeAt,
                    v -> Json.fromBytes(v.getBytes(), ControllerState.class));
            List<DetectorReading> readings = read(reader, Topics.DETECTOR_READINGS, numbers, since, resumeAt,
                    v -> Json.fromBytes(v.getBytes(), DetectorReading.class));
            control.restore(readings, states, plans);
        } catch (RuntimeException e) {
            LOG.warnf("state recovery for partitions %s incomplete: %s", numbers, e.getMessage());
        }
    }

    private KafkaConsumer<String, String> reader() {
        Properties props = new Properties();
        props.putAll(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * Records of a topic's partitions from a moment up to an end: the given resume offsets (exclusive) where known,
     * else the end of the partition.
     */
    private static <T> List<T> read(KafkaConsumer<String, String> reader, String topic, List<Integer> numbers, long since,
                                    Map<TopicPartition, Long> resumeAt, Function<String, T> parse) {
        List<TopicPartition> tps = numbers.stream().map(n -> new TopicPartition(topic, n)).toList();
        reader.assign(tps);
        Map<TopicPartition, Long> query = new HashMap<>();
        tps.forEach(tp -> query.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> start = reader.offsetsForTimes(query);
        Map<TopicPartition, Long> end = new HashMap<>(reader.endOffsets(tps));
        resumeAt.forEach((tp, offset) -> {
            if (end.containsKey(tp)) {
                end.put(tp, Math.min(end.get(tp), offset));
            }
        });
        for (TopicPartition tp : tps) {
            OffsetAndTimestamp s = start.get(tp);
            reader.seek(tp, s != null ? s.offset() : end.get(tp));
        }
        List<T> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && tps.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))) {
            for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < end.get(tp) && r.value() != null) {
                    try {
                        out.add(parse.apply(r.value()));
                    } catch (IllegalArgumentException e) {
                        // unreadable records are skipped here as in normal processing
                    }
                }
            }
        }
        return out;
    }
}
