package org.greenwave.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.greenwave.contracts.Topics;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    @Test
    void createsTopicsAndKeepsRecordsAcrossARestart() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, 3, null)) {
            try (var admin = kafka.admin()) {
                assertThat(admin.listTopics().names().get()).containsAll(Topics.ALL);
                assertThat(admin.describeTopics(List.of(Topics.DETECTOR_READINGS)).allTopicNames().get()
                        .get(Topics.DETECTOR_READINGS).partitions()).hasSize(3);
                var compacted = new ConfigResource(ConfigResource.Type.TOPIC, Topics.INTERSECTIONS);
                assertThat(admin.describeConfigs(List.of(compacted)).all().get().get(compacted)
                        .get("cleanup.policy").value()).isEqualTo("compact");
            }
            produce(kafka, "before");
            kafka.restart();
            produce(kafka, "after");
            assertThat(consumeAll(kafka, 2)).containsExactlyInAnyOrder("before", "after");
        }
    }

    private static void produce(EmbeddedKafka kafka, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DETECTOR_READINGS, "A0", value)).get();
        }
    }

    private static List<String> consumeAll(EmbeddedKafka kafka, int expected) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DETECTOR_READINGS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
