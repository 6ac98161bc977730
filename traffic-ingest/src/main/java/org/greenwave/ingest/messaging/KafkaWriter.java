package org.greenwave.ingest.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.greenwave.contracts.Headers;
import org.greenwave.ingest.config.IngestConfig;
import org.greenwave.service.support.KafkaClientConfig;
import org.greenwave.service.support.NativeLz4;
import org.jboss.logging.Logger;

/**
 * The one Kafka producer of traffic-ingest: validated readings, dead letters and sensor status. acks=all and an
 * idempotent producer, always: a callback reporting success means the record is replicated to every in-sync
 * replica, which is what a 2xx answer promises.
 *
 * <p>A plain {@link KafkaProducer} rather than a Reactive Messaging emitter: one callback per record and one
 * future per batch, instead of a message, metadata and two futures per record (see docs/benchmarks.md).
 */
@ApplicationScoped
public class KafkaWriter {

    private static final Logger LOG = Logger.getLogger(KafkaWriter.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, Object> settings;
    private final String lz4;
    /**
     * The one thread that hands records to the producer. Appending (and compressing) takes the partition's lock in
     * the producer; one appender instead of every I/O thread avoids contending for it, and an I/O thread never
     * waits for buffer space.
     */
    private final ExecutorService appender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kafka-appender");
        t.setDaemon(true);
        return t;
    });

    public KafkaWriter(@Identifier("default-kafka-broker") Map<String, Object> kafka, IngestConfig config) {
        // client settings (bootstrap, TLS, SASL) as every client of the service uses them
        Map<String, Object> props = KafkaClientConfig.clientProperties(kafka);
        IngestConfig.Producer p = config.producer();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        props.put(ProducerConfig.LINGER_MS_CONFIG, p.lingerMs());
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, p.batchSize());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, p.compression());
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, p.bufferMemory());
        int deliveryTimeout = (int) p.deliveryTimeout().toMillis();
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeout);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(deliveryTimeout - p.lingerMs(), 30_000));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, p.maxBlock().toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "traffic-ingest");
        this.settings = Map.copyOf(props);
        // before the producer's first batch: lz4-java would not load its native library under Quarkus (NativeLz4)
        this.lz4 = NativeLz4.load();
        LOG.infof("lz4 (the producer's %s compression): %s", p.compression(), lz4);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The lz4 implementation Kafka's codec uses in this service ({@code LZ4Factory:JNI} when native). */
    public String lz4() {
        return lz4;
    }

    /** The producer's client settings (what reaches Kafka of the service's kafka.* configuration). */
    public Map<String, Object> settings() {
        return settings;
    }

    /** A header naming the schema of a record's value; immutable, so one instance serves every record. */
    public static Header schemaHeader(String schema) {
        return new RecordHeader(Headers.SCHEMA, schema.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a validated event (callback on acknowledgement or failure). */
    public void send(String topic, String key, byte[] value, Header schema, Callback callback) {
        ProducerRecord<byte[], byte[]> record = record(topic, key, value, schema);
        appender.execute(() -> append(record, callback));
    }

    /** A validated event as a record. */
    public static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value, Header schema) {
        return record(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, List.of(schema));
    }

    /**
     * A validated event as a record, for {@link #sendAll}, its key as UTF-8 bytes: {@code headers} is copied by the
     * record, so one instance that nobody changes serves every record of a kind.
     */
    public static ProducerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value,
                                                        Iterable<Header> headers) {
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    /** Sends records in order on the appender thread; {@code callbacks.get(i)} hears of {@code records.get(i)}. */
    public void sendAll(List<ProducerRecord<byte[], byte[]>> records, List<Callback> callbacks) {
        if (records.isEmpty()) {
            return;
        }
        appender.execute(() -> {
            for (int i = 0; i < records.size(); i++) {
                append(records.get(i), callbacks.get(i));
            }
        });
    }

    private void append(ProducerRecord<byte[], byte[]> record, Callback callback) {
        try {
            producer.send(record, callback);
        } catch (RuntimeException e) {
            callback.onCompletion(null, e);
        }
    }

    /**
     * Sends a dead letter: the input exactly as received, with the reason and where it came from.
     *
     * @param key    the key as received (Kafka) or the id the item names (HTTP); may be null
     * @param source {@code http} or the topic it was read from
     * @param extra  further headers (e.g. the original partition and offset); may be null
     */
    public void deadLetter(String topic, byte[] key, byte[] asReceived, String reason, String source,
                           Header[] extra, Callback callback) {
        ProducerRecord<byte[], byte[]> record = deadLetter(topic, key, asReceived, reason, source, extra);
        appender.execute(() -> append(record, callback));
    }

    /** A dead letter as a record, for {@link #sendAll}. */
    public static ProducerRecord<byte[], byte[]> deadLetter(String topic, byte[] key, byte[] asReceived, String reason,
                                                            String source, Header[] extra) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.DEAD_LETTER_SOURCE, source.getBytes(StandardCharsets.UTF_8));
        if (extra != null) {
            for (Header h : extra) {
                headers.add(h);
            }
        }
        return new ProducerRecord<>(topic, null, key, asReceived, headers);
    }

    @PreDestroy
    void close() {
        appender.shutdown();
        try {
            appender.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
