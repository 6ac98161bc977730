package org.greenwave.ingest.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.ingest.config.IngestConfig;
import org.greenwave.ingest.messaging.KafkaWriter;
import org.greenwave.ingest.service.DeviceRegistry.Resolution;
import org.greenwave.ingest.service.DeviceState.Admission;
import org.greenwave.ingest.service.DeviceState.Kind;
import org.greenwave.ingest.service.DeviceState.Origin;
import org.greenwave.ingest.service.ReadingValidator.Outcome;
import org.greenwave.ingest.service.ReadingValidator.Problem;

/**
 * Validates batches of readings (an HTTP body or a poll of a field topic) and publishes them: new valid readings
 * to the validated topic, invalid ones to the dead-letter topic with their reason, duplicates nowhere. The returned
 * stage completes once Kafka acknowledged every record of the batch, and fails if it did not: only then may a
 * device be told its readings are safe.
 */
@ApplicationScoped
public class IngestService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(IngestService.class);

    /** What happened to one batch: indexes of new, duplicate and rejected items. */
    public record BatchResult(List<Integer> accepted, List<Integer> duplicates, List<ItemError> errors) {
    }

    /** Why the item at {@code index} of a batch was rejected. */
    public record ItemError(int index, String reason, List<String> problems) {
    }

    /** The body as a whole cannot be taken: 400 (not a JSON array) or 413 (too many items). */
    public static final class BadBody extends RuntimeException {
        private final int status;

        public BadBody(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Kafka did not acknowledge every record of a batch: nothing may be promised, the sender must retry. */
    public static final class NotStored extends RuntimeException {
        public NotStored(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** Not ready yet (registry or duplicate windows still loading): 503, the sender retries. */
    public static final class NotReady extends RuntimeException {
        public NotReady() {
            super("starting: the device registry and duplicate windows are still loading; retry in a few seconds",
                    null, false, false);
        }
    }

    /** One record of a raw field topic, as received. */
    public record FieldRecord(byte[] key, byte[] value, String topic, int partition, long offset) {
    }

    /** Largest dead letter of a whole body; beyond it the body is cut (the header says so). */
    static final int MAX_DEAD_LETTER_BYTES = 900_000;
    public static final String TRUNCATED_HEADER = "dead-letter-truncated-from";

    private final ReadingValidator validator;
    private final DeviceRegistry registry;
    private final KafkaWriter writer;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final int maxBatchItems;
    private final java.time.Duration maxFutureSkew;
    private final java.time.Duration maxAge;
    /**
     * The longest a request waits for Kafka before it is answered 503: a little over the producer's delivery
     * timeout, a backstop should the producer not report back in time. The readings' state does not change with
     * the answer: a write still in flight settles when Kafka answers, and a retry meanwhile waits for it.
     */
    private final long answerTimeoutMillis;
    private final KindOps detectors;
    private final KindOps parking;
    private final WritesInFlight writes = new WritesInFlight();

    public IngestService(IngestConfig config, KafkaWriter writer, MeterRegistry meters) {
        this.clock = Clock.systemUTC();
        this.validator = new ReadingValidator(config.maxFutureSkew(), config.maxAge(), config.overCapacityFactor());
        this.registry = new DeviceRegistry(config.unknownDevices(), config.maxDevices(), config.dedupWindow(),
                clock::millis);
        this.writer = writer;
        this.metrics = new IngestMetrics(meters, config.perDeviceMetrics());
        this.maxBatchItems = config.maxBatchItems();
        this.maxFutureSkew = config.maxFutureSkew();
        this.maxAge = config.maxAge();
        this.answerTimeoutMillis = config.producer().deliveryTimeout().toMillis() + 2000;
        registry.onNewDevice(metrics::device);
        config.registry().intersections().forEach((id, detectorIds) -> registry.register(id, detectorIds,
                Origin.CONFIG));
        config.registry().carParks().ifPresent(ids -> ids.forEach(id -> registry.registerCarPark(id, Origin.CONFIG)));
        this.detectors = new DetectorOps();
        this.parking = new ParkingOps();
    }

    /** Completes once readings can be judged: registry loaded, duplicate windows restored. */
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    public void markReady() {
        ready.complete(null);
    }

    public DeviceRegistry registry() {
        return registry;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /**
     * Puts a record of a validated topic, read back at start, into its device's duplicate window (as stored), so
     * that the promise "never stored twice" holds across a restart. Devices the registry refuses are skipped.
     */
    public void restore(Kind kind, byte[] value) {
        KindOps ops = kind == Kind.DETECTOR ? detectors : parking;
        Object reading = ops.read(value);
        Resolution resolution = ops.resolve(reading);
        if (resolution.device() != null) {
            long time = ops.time(reading);
            resolution.device().admit(time, ops.values(reading), ops.zero(reading), clock.millis(), writes,
                    WritesInFlight.NONE);
        }
    }

    /** An HTTP body of detector readings. */
    public CompletionStage<BatchResult> detectorBatch(byte[] body) {
        return httpBatch(detectors, body);
    }

    /** An HTTP body of car-park readings. */
    public CompletionStage<BatchResult> parkingBatch(byte[] body) {
        return httpBatch(parking, body);
    }

    /** A poll of {@code field.detector-readings} or {@code field.parking-occupancy}. */
    public CompletionStage<BatchResult> fieldRecords(Kind kind, List<FieldRecord> records) {
        if (!ready.isDone()) { // a poll before the registry is loaded waits for it (a restart must not duplicate)
            return ready.thenCompose(ok -> fieldRecords(kind, records));
        }
        KindOps ops = kind == Kind.DETECTOR ? detectors : parking;
        Instant now = clock.instant();
        Batch batch = new Batch(ops, records.size(), false, now, ReadingJson.tail(now, "kafka"));
        for (int i = 0; i < records.size(); i++) {
            FieldRecord r = records.get(i);
            Header[] origin = {
                    new RecordHeader("dead-letter-partition", Integer.toString(r.partition()).getBytes(StandardCharsets.UTF_8)),
                    new RecordHeader("dead-letter-offset", Long.toString(r.offset()).getBytes(StandardCharsets.UTF_8))};
            byte[] value = r.value() == null ? new byte[0] : r.value();
            batch.offer(i, ops.validate(value, now), null, null, value, 0, value.length, r.key(), r.topic(), origin);
        }
        return batch.finish();
    }

    private CompletionStage<BatchResult> httpBatch(KindOps ops, byte[] body) {
        if (!ready.isDone()) {
            return CompletableFuture.failedFuture(new NotReady());
        }
        Instant now = clock.instant();
        byte[] tail = ReadingJson.tail(now, "http"); // the end of every record of this body
        // sized for the items the body can hold (a detector item is 100 bytes or more): no copying as they grow
        int expected = Math.min(maxBatchItems, body.length / 100 + 1);
        List<Outcome<?>> outcomes = new ArrayList<>(expected);
        List<long[]> spans = new ArrayList<>(expected);
        List<DeviceState> known = new ArrayList<>(expected);
        List<byte[]> values = new ArrayList<>(expected);
        if (ops == detectors && PlainDetectorBatch.read(body, now, "http", now.minus(maxAge).toEpochMilli(),
                now.plus(maxFutureSkew).toEpochMilli(), maxBatchItems, registry.detectorIndex(), outcomes, spans,
                known, tail, values)) {
            return offerAll(ops, body, now, tail, outcomes, spans, known, values);
        }
        try (JsonParser p = ReadingValidator.JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return rejectBody(ops, body, "body must be a JSON array of readings");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    return rejectBody(ops, body, "body is not valid JSON: the array is not closed");
                }
                if (outcomes.size() == maxBatchItems) {
                    return CompletableFuture.failedFuture(new BadBody(413, "more than " + maxBatchItems
                            + " readings in one request; split the batch (nothing was accepted)"));
                }
                long start = p.currentTokenLocation().getByteOffset();
                outcomes.add(ops.validate(p, now));
                spans.add(new long[] {start, p.currentLocation().getByteOffset()});
            }
            if (p.nextToken() != null) {
                return rejectBody(ops, body, "body is not valid JSON: content after the array");
            }
        } catch (JsonProcessingException e) {
            // a broken limit (nesting too deep, a number or name too long) has no location
            var at = e.getLocation();
            return rejectBody(ops, body, "body is not valid JSON: " + e.getOriginalMessage() + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            return rejectBody(ops, body, "body cannot be read: " + e.getMessage());
        }
        return offerAll(ops, body, now, tail, outcomes, spans, null, null);
    }

    /**
     * The items of an HTTP body, validated, on their way to Kafka; {@code known} holds each item's device when it
     * was found already and {@code values} its record value when it was written already (else null, or null for
     * all).
     */
    private CompletionStage<BatchResult> offerAll(KindOps ops, byte[] body, Instant now, byte[] tail,
                                                  List<Outcome<?>> outcomes, List<long[]> spans,
                                                  List<DeviceState> known, List<byte[]> values) {
        Batch batch = new Batch(ops, outcomes.size(), true, now, tail);
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome<?> outcome = outcomes.get(i);
            long[] span = spans.get(i);
            batch.offer(i, outcome, known == null ? null : known.get(i), values == null ? null : values.get(i), body,
                    (int) span[0], (int) span[1], null, "http", null);
        }
        return batch.finish();
    }

    /** A body that is not a JSON array: dead-lettered whole (so nothing is lost), then answered 400. */
    private CompletionStage<BatchResult> rejectBody(KindOps ops, byte[] body, String reason) {
        metrics.of(ops.kind).rejected(Reason.NOT_JSON);
        if (body.length == 0) {
            return CompletableFuture.failedFuture(new BadBody(400, reason));
        }
        byte[] letter = body;
        Header[] extra = null;
        if (body.length > MAX_DEAD_LETTER_BYTES) {
            letter = Arrays.copyOf(body, MAX_DEAD_LETTER_BYTES);
            extra = new Header[] {new RecordHeader(TRUNCATED_HEADER,
                    Integer.toString(body.length).getBytes(StandardCharsets.UTF_8))};
        }
        CompletableFuture<BatchResult> done = new CompletableFuture<>();
        writer.deadLetter(ops.dlqTopic, null, letter, reason, "http", extra, (md, e) -> {
            if (e != null) {
                metrics.sendFailed();
                done.completeExceptionally(new NotStored("the dead letter could not be written", e));
            } else {
                metrics.of(ops.kind).deadLetters.increment();
                done.completeExceptionally(new BadBody(400, reason));
            }
        });
        return done;
    }

    /** One batch on its way to Kafka. */
    private final class Batch {
        final KindOps ops;
        final boolean http;
        final long startNanos = System.nanoTime();
        final CompletableFuture<Void> written = new CompletableFuture<>();
        /** This batch's write among the writes in flight (opened before any reading is admitted). */
        final int write = writes.open(written);
        final AtomicInteger outstanding = new AtomicInteger(1);
        final ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
        final List<Integer> accepted;
        final List<Integer> duplicates = new ArrayList<>(0);
        final List<ItemError> errors = new ArrayList<>(0);
        final List<DeviceState> newDevices;
        /** Records of this batch, handed to the producer together at the end. */
        List<ProducerRecord<byte[], byte[]>> records;
        List<Callback> callbacks;
        /** Which new readings' writes failed (by position in newDevices/newTimes): only those are forgotten. */
        final boolean[] failedNew;
        final long[] newTimes;
        int news;
        List<CompletableFuture<Void>> originals;
        int deadLetters;
        final Callback callback = (metadata, exception) -> {
            if (exception != null) {
                failures.add(exception);
            }
            if (outstanding.decrementAndGet() == 0) {
                settle();
            }
        };

        /** The JSON every record of this batch ends with (receivedAt, source). */
        final byte[] tail;
        /** When the batch arrived: the wall clock of every reading's arrival (one clock read per batch). */
        final long receivedMillis;

        /** {@code tail}: {@link ReadingJson#tail} of {@code receivedAt} and the source. */
        Batch(KindOps ops, int size, boolean http, Instant receivedAt, byte[] tail) {
            this.ops = ops;
            this.receivedMillis = receivedAt.toEpochMilli();
            this.http = http;
            this.tail = tail;
            this.accepted = new ArrayList<>(size);
            this.newDevices = new ArrayList<>(size);
            this.newTimes = new long[size];
            this.records = new ArrayList<>(size);
            this.callbacks = new ArrayList<>(size);
            this.failedNew = new boolean[size];
        }

        /**
         * Takes one item: {@code input[from, to)} are its bytes exactly as received, for a dead letter, and
         * {@code received} the key it came with (Kafka); an HTTP item's dead letter is keyed by the id it names.
         * {@code known} is its device when the reader found it already, else null (then the registry resolves it);
         * {@code value} its record value when the reader wrote it already, else null.
         */
        void offer(int index, Outcome<?> outcome, DeviceState known, byte[] value, byte[] input, int from, int to,
                   byte[] received, String source, Header[] extra) {
            if (!outcome.valid()) {
                reject(index, outcome.problems(), slice(input, from, to), letterKey(outcome, received), source,
                        extra);
                return;
            }
            Object reading = outcome.value();
            DeviceState device = known;
            if (device == null) {
                Resolution resolution = ops.resolve(reading);
                if (resolution.problem() != null) {
                    reject(index, List.of(resolution.problem()), slice(input, from, to), letterKey(outcome, received),
                            source, extra);
                    return;
                }
                device = resolution.device();
            }
            long time = ops.time(reading);
            Admission admission = device.admit(time, ops.values(reading), ops.zero(reading), receivedMillis, writes,
                    write);
            switch (admission.verdict()) {
                case NEW -> {
                    accepted.add(index);
                    newDevices.add(device);
                    newTimes[news++] = time;
                    records.add(KafkaWriter.record(ops.topic, device.recordKey(),
                            value != null ? value : ops.json(reading, tail), ops.headers));
                    int slot = news - 1;
                    callbacks.add((metadata, exception) -> {
                        if (exception != null) {
                            failedNew[slot] = true; // published to settle() by the decrement below
                        }
                        callback.onCompletion(metadata, exception);
                    });
                }
                case DUPLICATE -> {
                    duplicates.add(index);
                    if (admission.original() != null && admission.original() != written) {
                        if (originals == null) {
                            originals = new ArrayList<>();
                        }
                        originals.add(admission.original());
                    }
                }
                case CONFLICT -> reject(index, List.of(new Problem("timestamp", Reason.CONFLICTING_DUPLICATE,
                        "a different reading of this " + device.kind().label() + " for this timestamp is already"
                                + " stored")), slice(input, from, to), letterKey(outcome, received), source, extra);
                default -> reject(index, List.of(new Problem("timestamp", Reason.OUTSIDE_DEDUP_WINDOW,
                        "older than every reading of this " + device.kind().label() + " still remembered for"
                                + " duplicate checks (too late to store exactly once)")),
                        slice(input, from, to), letterKey(outcome, received), source, extra);
            }
        }

        /** The key of an item's dead letter: as received from Kafka; over HTTP the id the item names, if valid. */
        private byte[] letterKey(Outcome<?> outcome, byte[] received) {
            return !http ? received : outcome.key() == null ? null : outcome.key().getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] slice(byte[] input, int from, int to) {
            return from == 0 && to == input.length ? input : Arrays.copyOfRange(input, from, to);
        }

        private void reject(int index, List<Problem> problems, byte[] raw, byte[] key, String source,
                            Header[] extra) {
            List<String> texts = new ArrayList<>(problems.size());
            for (Problem p : problems) {
                texts.add(p.toString());
            }
            Reason reason = problems.get(0).reason();
            errors.add(new ItemError(index, reason.code(), texts));
            metrics.of(ops.kind).rejected(reason);
            deadLetters++;
            records.add(KafkaWriter.deadLetter(ops.dlqTopic, key, raw, String.join("; ", texts), source, extra));
            callbacks.add(callback);
        }

        CompletionStage<BatchResult> finish() {
            // each record's callback counts down once, and this method once: counted before any record is handed
            // over (one atomic add per batch instead of one per record)
            outstanding.addAndGet(records.size());
            writer.sendAll(records, callbacks);
            // the producer keeps what it needs: the records (values included) must not live on with the batch
            // until Kafka answers, where every young collection would copy them
            records = null;
            callbacks = null;
            if (outstanding.decrementAndGet() == 0) {
                settle();
            }
            CompletionStage<Void> all = written;
            if (originals != null) {
                CompletableFuture<?>[] waits = originals.toArray(CompletableFuture[]::new);
                all = written.thenCompose(ok -> CompletableFuture.allOf(waits));
            }
            return all.toCompletableFuture().orTimeout(answerTimeoutMillis, TimeUnit.MILLISECONDS)
                    .handle((ok, failure) -> {
                if (failure != null) {
                    throw new NotStored("Kafka did not acknowledge every reading of this batch",
                            failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure);
                }
                return new BatchResult(accepted, duplicates, errors);
            });
        }

        /** Every record acknowledged or failed: settle the duplicate windows, record metrics, complete. */
        private void settle() {
            boolean ok = failures.isEmpty();
            if (!ok) {
                for (int i = 0; i < newDevices.size(); i++) {
                    // only a reading whose own write failed is forgotten: the others are in Kafka, and a retry of
                    // the batch must find them as duplicates. (When every write succeeded, the duplicate windows
                    // keep this batch's write id, completed normally and then closed below, which counts as stored:
                    // no visit to each reading's device, ~0.1 µs per reading.)
                    newDevices.get(i).settled(newTimes[i], !failedNew[i]);
                }
            }
            IngestMetrics.PerKind m = metrics.of(ops.kind);
            (http ? m.httpBatch : m.kafkaBatch).record(accepted.size() + duplicates.size() + errors.size());
            if (ok) {
                long nowMillis = clock.millis();
                m.accepted.increment(accepted.size());
                m.duplicates.increment(duplicates.size());
                m.deadLetters.increment(deadLetters);
                for (int i = 0; i < news; i++) {
                    m.eventToAck.record(Math.max(0, nowMillis - newTimes[i]), TimeUnit.MILLISECONDS);
                }
                m.requestToAck.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
                written.complete(null);
                writes.close(write);
            } else {
                failures.forEach(f -> metrics.sendFailed());
                LOG.warnf("%d of %d records of a %s batch not acknowledged by Kafka (%s); answered 503, the sender"
                        + " retries", failures.size(), news + deadLetters, ops.kind.label(), failures.peek().toString());
                written.completeExceptionally(failures.peek());
                writes.close(write);
            }
        }
    }

    // ------------------------------------------------------------------ what differs between the two kinds

    private abstract static class KindOps {
        final Kind kind;
        final String topic;
        final String dlqTopic;
        /**
         * The headers of every record of this kind: its schema. Never changed: a record copies them (a RecordHeaders
         * is copied as one array, a list header by header).
         */
        final RecordHeaders headers;

        KindOps(Kind kind, String topic, String dlqTopic, String schema) {
            this.kind = kind;
            this.topic = topic;
            this.dlqTopic = dlqTopic;
            this.headers = new RecordHeaders(new Header[] {KafkaWriter.schemaHeader(schema)});
        }

        abstract Outcome<?> validate(JsonParser p, Instant now) throws IOException;

        abstract Outcome<?> validate(byte[] record, Instant now);

        abstract Resolution resolve(Object reading);

        abstract long time(Object reading);

        abstract int values(Object reading);

        abstract boolean zero(Object reading);

        abstract byte[] json(Object reading, byte[] tail);

        /** A record of the validated topic, as written. */
        abstract Object read(byte[] value);
    }

    private final class DetectorOps extends KindOps {
        DetectorOps() {
            super(Kind.DETECTOR, Topics.DETECTOR_READINGS, Topics.DETECTOR_READINGS_DLQ, DetectorReading.SCHEMA);
        }

        @Override
        Outcome<?> validate(JsonParser p, Instant now) throws IOException {
            return validator.detector(p, now, "http");
        }

        @Override
        Outcome<?> validate(byte[] record, Instant now) {
            return validator.detector(record, now, "kafka");
        }

        @Override
        Resolution resolve(Object reading) {
            DetectorReading r = (DetectorReading) reading;
            return registry.detector(r.intersectionId(), r.detectorId());
        }

        @Override
        long time(Object reading) {
            return ((DetectorReading) reading).timestamp().toEpochMilli();
        }

        @Override
        int values(Object reading) {
            DetectorReading r = (DetectorReading) reading;
            int h = r.vehicleCount();
            h = 31 * h + Double.hashCode(r.occupancy());
            return 31 * h + (r.haltingVehicles() == null ? -1 : r.haltingVehicles());
        }

        @Override
        boolean zero(Object reading) {
            DetectorReading r = (DetectorReading) reading;
            return r.vehicleCount() == 0 && r.occupancy() == 0.0;
        }

        @Override
        byte[] json(Object reading, byte[] tail) {
            return ReadingJson.detector((DetectorReading) reading, tail);
        }

        @Override
        Object read(byte[] value) {
            return org.greenwave.contracts.Json.fromBytes(value, DetectorReading.class);
        }

    }

    private final class ParkingOps extends KindOps {
        ParkingOps() {
            super(Kind.CAR_PARK, Topics.PARKING_OCCUPANCY, Topics.PARKING_OCCUPANCY_DLQ, OccupancyReading.SCHEMA);
        }

        @Override
        Outcome<?> validate(JsonParser p, Instant now) throws IOException {
            return counted(validator.parking(p, now, "http"));
        }

        @Override
        Outcome<?> validate(byte[] record, Instant now) {
            return counted(validator.parking(record, now, "kafka"));
        }

        private Outcome<?> counted(Outcome<OccupancyReading> outcome) {
            if (outcome.valid() && outcome.value().occupied() > outcome.value().capacity()) {
                metrics.overCapacity();
            }
            return outcome;
        }

        @Override
        Resolution resolve(Object reading) {
            return registry.carPark(((OccupancyReading) reading).carParkId());
        }

        @Override
        long time(Object reading) {
            return ((OccupancyReading) reading).timestamp().toEpochMilli();
        }

        @Override
        int values(Object reading) {
            OccupancyReading r = (OccupancyReading) reading;
            return 31 * r.capacity() + r.occupied();
        }

        @Override
        boolean zero(Object reading) {
            return ((OccupancyReading) reading).occupied() == 0;
        }

        @Override
        byte[] json(Object reading, byte[] tail) {
            return ReadingJson.parking((OccupancyReading) reading, tail);
        }

        @Override
        Object read(byte[] value) {
            return org.greenwave.contracts.Json.fromBytes(value, OccupancyReading.class);
        }

    }
}
