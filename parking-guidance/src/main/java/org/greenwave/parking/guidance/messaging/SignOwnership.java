package org.greenwave.parking.guidance.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.parking.SignUpdate;
import org.greenwave.parking.guidance.service.GuidanceService;
import org.jboss.logging.Logger;

/**
 * Which instance publishes which signs. Every instance keeps the whole state (it reads all of
 * {@code parking.occupancy}), so any of them can drive any sign; the instances share the consumer group
 * {@code parking-guidance} on {@code parking.sign-updates}, and an instance publishes the signs (and car parks' sensor
 * events) whose key falls into a partition it owns. When partitions come to an instance (start, or another instance
 * died), it reads what was last published for their signs and publishes every display that differs from it: an
 * update that was due while nobody owned the sign is not lost, and one already published is not repeated.
 */
@ApplicationScoped
@Identifier("sign-ownership")
public class SignOwnership implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(SignOwnership.class);

    private final Instance<GuidanceService> service;
    private final String bootstrap;
    private volatile Set<Integer> owned = Set.of();
    private volatile int partitions;

    public SignOwnership(Instance<GuidanceService> service,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.service = service;
        this.bootstrap = bootstrap;
    }

    /**
     * The group's records themselves are not needed (what was published is read when partitions arrive): being a
     * member of the group is what counts.
     */
    @Incoming(Channels.SIGN_OWNERSHIP)
    public void published(byte[] update) {
        // membership only
    }

    /** Whether this instance publishes for a sign or car park id now. */
    public boolean owns(String key) {
        int count = partitions;
        return count > 0 && owned.contains(partitionOf(key, count));
    }

    /** Kafka's default partitioner for a keyed record. */
    static int partitionOf(String key, int count) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
        Set<Integer> keep = new HashSet<>(owned);
        revoked.forEach(tp -> keep.remove(tp.partition()));
        owned = Set.copyOf(keep);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
        onPartitionsRevoked(consumer, lost);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        int count = consumer.partitionsFor(Topics.SIGN_UPDATES).size();
        Set<Integer> now = new HashSet<>(owned);
        Set<Integer> added = new HashSet<>();
        assigned.forEach(tp -> {
            if (now.add(tp.partition())) {
                added.add(tp.partition());
            }
        });
        Map<String, SignUpdate> published = lastPublished(added);
        service.get().takeOver(() -> {
            partitions = count;
            owned = Set.copyOf(now);
        }, signId -> added.contains(partitionOf(signId, count)), published);
        LOG.infof("publishing for sign partitions %s of %d (taken over: %s)", now, count, added);
    }

    /** The last update published for each sign of the given partitions of {@code parking.sign-updates}. */
    private Map<String, SignUpdate> lastPublished(Set<Integer> numbers) {
        Map<String, SignUpdate> last = new HashMap<>();
        if (numbers.isEmpty()) {
            return last;
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> tps = numbers.stream().map(n -> new TopicPartition(Topics.SIGN_UPDATES, n)).toList();
            reader.assign(tps);
            reader.seekToBeginning(tps);
            Map<TopicPartition, Long> end = reader.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && tps.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
                    if (r.value() == null || r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    try {
                        SignUpdate u = Json.fromBytes(r.value().getBytes(StandardCharsets.UTF_8), SignUpdate.class);
                        last.put(u.signId(), u);
                    } catch (IllegalArgumentException e) {
                        // not a sign update we can read: it cannot be what a sign shows
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("cannot read what was published for sign partitions %s: publishing every display (%s)",
                    numbers, e.getMessage());
        }
        return last;
    }
}
