package org.greenwave.sumo.loop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.signal.Intersection;

/** Publishes the twin's intersections to the compacted registry topic ({@code registry.intersections}, key id). */
public final class IntersectionRegistry {

    /** Writes every record and waits until the broker has them all (acks=all). */
    public static void publish(String bootstrapServers, Collection<Intersection> intersections) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "greenwave-twin-registry");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Intersection i : intersections) {
                sent.add(producer.send(new ProducerRecord<>(Topics.INTERSECTIONS, i.id(), Json.toBytes(i))));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish intersections to " + Topics.INTERSECTIONS + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing intersections", e);
        }
    }

    private IntersectionRegistry() {
    }
}
