package org.greenwave.sumo.loop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.signal.TimingPlan;

/**
 * Reads {@code signal.timing-plans} with a plain consumer: every partition assigned, starting at the end (plans
 * of earlier runs are not this run's), no consumer group (the twin is the only controller of its run).
 * Records that are not timing plans are skipped and counted.
 */
public final class KafkaPlanSource implements PlanSource {

    private final KafkaConsumer<String, String> consumer;
    private long skipped;

    public KafkaPlanSource(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "greenwave-twin-plans");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TIMING_PLANS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + Topics.TIMING_PLANS + " does not exist");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, before the run produces anything
    }

    @Override
    public List<TimingPlan> poll(Duration timeout) {
        List<TimingPlan> plans = new ArrayList<>();
        for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            try {
                plans.add(Json.fromBytes(record.value().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        TimingPlan.class));
            } catch (RuntimeException e) {
                skipped++;
            }
        }
        return plans;
    }

    /** Records that were not readable as timing plans. */
    public long skipped() {
        return skipped;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
