package org.greenwave.cli.demo;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.twin.TwinMetrics;

/** Publishes the twin's live numbers on {@code twin.metrics} (key controller). Losing one is harmless. */
final class TwinMetricsPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    TwinMetricsPublisher(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "greenwave-demo-twin-metrics");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    void publish(TwinMetrics metrics) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TWIN_METRICS, metrics.controller(),
                Json.toBytes(metrics));
        record.headers().add(Headers.SCHEMA, TwinMetrics.SCHEMA.getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(2));
    }
}
