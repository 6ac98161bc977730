package org.greenwave.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.greenwave.kafka.embedded.EmbeddedKafka;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.junit.jupiter.api.Test;

/** The reader behind the registry, the status read-back and the duplicate-window restore, on the real broker. */
class TopicReaderTest {

    @Test
    void readsFromAPointInTimeUpToWhatWasThereAtStart() throws Exception {
        EmbeddedKafka kafka = KafkaBrokerTestResource.broker();
        String topic = "reader-" + UUID.randomUUID();
        kafka.createTopics(List.of(topic), 2);
        long now = System.currentTimeMillis();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                long time = now - (10 - i) * 60_000L; // one a minute, the last a minute ago
                producer.send(new ProducerRecord<>(topic, i % 2, time, "k" + i, "v" + i)).get();
            }
        }
        Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers());

        List<String> recent = new CopyOnWriteArrayList<>();
        CountDownLatch caughtUp = new CountDownLatch(1);
        try (TopicReader reader = new TopicReader(props, topic, false,
                r -> recent.add(new String(r.value(), StandardCharsets.UTF_8)))
                .from(now - 4 * 60_000L - 1).start(caughtUp::countDown)) {
            assertThat(caughtUp.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(reader.caughtUp()).isTrue();
            assertThat(recent).containsExactlyInAnyOrder("v6", "v7", "v8", "v9");
        }

        List<String> all = new CopyOnWriteArrayList<>();
        CountDownLatch allRead = new CountDownLatch(1);
        try (TopicReader reader = new TopicReader(props, topic, false,
                r -> all.add(new String(r.value(), StandardCharsets.UTF_8))).start(allRead::countDown)) {
            assertThat(allRead.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(all).hasSize(10);
        }
    }
}
