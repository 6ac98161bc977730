package org.greenwave.kafka.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A plain Kafka client for tests and tools: reads what is in a topic from the beginning and writes records,
 * so that tests assert on what really went through the broker.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final String bootstrapServers;

    /** A record as read back, with its headers as strings. */
    public record Received(String topic, int partition, long offset, String key, String value,
                           Map<String, String> headers) {
    }

    /** Subscribes to the topics from their beginning, in a fresh consumer group. */
    public TopicProbe(String bootstrapServers, String... topics) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topics));
    }

    /** Polls until {@code count} records matching the filter arrived or the timeout passed; returns what came. */
    public List<Received> await(int count, Duration timeout, Predicate<Received> filter) {
        List<Received> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                Map<String, String> headers = new java.util.LinkedHashMap<>();
                for (Header h : r.headers()) {
                    headers.put(h.key(), h.value() == null ? null : new String(h.value(),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
                Received received = new Received(r.topic(), r.partition(), r.offset(), r.key(), r.value(), headers);
                if (filter.test(received)) {
                    out.add(received);
                }
            }
        }
        return out;
    }

    /** Polls until {@code count} records arrived or the timeout passed. */
    public List<Received> await(int count, Duration timeout) {
        return await(count, timeout, r -> true);
    }

    /** Everything that arrives within the quiet period after the last record (to prove nothing more came). */
    public List<Received> drain(Duration quiet) {
        List<Received> out = new ArrayList<>();
        while (true) {
            List<Received> batch = await(Integer.MAX_VALUE, quiet);
            if (batch.isEmpty()) {
                return out;
            }
            out.addAll(batch);
        }
    }

    /** Sends string records with acks=all and waits for the broker's acknowledgement. */
    public static void send(String bootstrapServers, String topic, String key, String value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
