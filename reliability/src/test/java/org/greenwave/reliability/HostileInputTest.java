package org.greenwave.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.kafka.embedded.ReliabilityLog;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More than 10,000 generated malformed and hostile inputs over HTTP and the raw {@code field.detector-readings}
 * topic, with valid readings mixed into the same batches and the same topic. Every hostile input must be refused with
 * a reason (the item's index in the 400 answer, a 4xx for a broken body, a dead letter with
 * {@code dead-letter-reason} for a raw record), the service must stay up with bounded memory, and every valid
 * reading must be accepted and stored exactly once.
 */
@Order(2)
class HostileInputTest {

    static final int HTTP_BATCHES = 240;
    static final int HOSTILE_PER_BATCH = 25;
    static final int VALID_PER_BATCH = 5;
    static final int HTTP_BODIES = 300;
    static final int RAW_HOSTILE = 4000;
    static final int RAW_VALID = 800;

    @TempDir
    Path dir;

    @Test
    void everyHostileInputIsRefusedWithAReasonAndValidTrafficIsUnaffected() throws Exception {
        try (IngestUnderTest ingest = new IngestUnderTest(dir, Map.of()).start()) {
            String run = "HOST" + System.nanoTime();
            Instant now = Instant.now();
            Hostile hostile = new Hostile(42, run, now);
            // valid readings in the past (ingest refuses more than 5 min ahead): HTTP from -40 min, raw from -21 min
            Instant validStart = now.minus(40, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            Map<String, Integer> reasons = new TreeMap<>();
            Map<String, Integer> kinds = new TreeMap<>();
            Set<String> validIds = new HashSet<>();
            List<String[]> stored = new ArrayList<>();

            // warm up with valid traffic, then take the memory baseline
            List<String[]> warm = valid(run + "-warm", validStart.minusSeconds(600), 500);
            assertThat(ingest.post("/api/v1/detector-readings", Load.body(warm)).status()).isEqualTo(202);
            long rssBefore = ingest.rssMiB();

            // 1. batches that mix hostile items with valid ones
            int validSeq = 0;
            int replays = 0;
            for (int b = 0; b < HTTP_BATCHES; b++) {
                List<byte[]> items = new ArrayList<>();
                List<Boolean> isValid = new ArrayList<>();
                List<String[]> validHere = new ArrayList<>();
                for (int k = 0; k < HOSTILE_PER_BATCH + VALID_PER_BATCH; k++) {
                    if (k % 6 == 0) {
                        String[] v = valid(run + "-v", validStart.plusSeconds(validSeq++), 1).get(0);
                        validHere.add(v);
                        items.add(Load.body(List.<String[]>of(v)));
                        isValid.add(true);
                    } else {
                        String kind = hostile.kind(Hostile.ITEM_KINDS);
                        String[] replay = stored.isEmpty() ? valid(run + "-r", validStart, 1).get(0)
                                : stored.get(b % stored.size());
                        if (stored.isEmpty() && kind.equals("conflicting-replay")) {
                            kind = "wrong-type";
                        }
                        Hostile.Input in = hostile.item(kind, replay);
                        kinds.merge("http item: " + kind, 1, Integer::sum);
                        items.add(in.bytes());
                        isValid.add(false);
                    }
                }
                // an exact replay of a reading stored earlier: named as a duplicate, not stored again
                int replayAt = -1;
                if (!stored.isEmpty()) {
                    replayAt = items.size();
                    items.add(Load.body(List.<String[]>of(stored.get((b * 7) % stored.size()))));
                    isValid.add(false);
                    kinds.merge("http item: exact-replay", 1, Integer::sum);
                    replays++;
                }
                IngestUnderTest.Answer a = ingest.post("/api/v1/detector-readings", array(items));
                assertThat(a.status()).as("batch " + b + ": " + a.body()).isEqualTo(400);
                JsonNode answer = Json.mapper().readTree(a.body());
                Set<Integer> accepted = new HashSet<>();
                answer.path("acceptedItems").forEach(n -> accepted.add(n.asInt()));
                Map<Integer, String> refused = new HashMap<>();
                answer.path("errors").forEach(e -> refused.put(e.path("index").asInt(), e.path("reason").asText()));
                Set<Integer> duplicates = new HashSet<>();
                answer.path("duplicateItems").forEach(n -> duplicates.add(n.asInt()));
                for (int k = 0; k < items.size(); k++) {
                    if (k == replayAt) {
                        assertThat(duplicates).as("exact replay " + k + " of batch " + b).contains(k);
                        assertThat(accepted).as("exact replay " + k + " of batch " + b).doesNotContain(k);
                        reasons.merge("duplicate (exact replay, stored once)", 1, Integer::sum);
                    } else if (isValid.get(k)) {
                        assertThat(accepted).as("valid item " + k + " of batch " + b).contains(k);
                    } else {
                        assertThat(refused.get(k)).as("hostile item " + k + " of batch " + b + ": "
                                + new String(items.get(k), StandardCharsets.UTF_8)).isNotBlank();
                        reasons.merge(refused.get(k), 1, Integer::sum);
                    }
                }
                validHere.forEach(v -> validIds.add(v[1] + "@" + Instant.parse(v[2])));
                stored.addAll(validHere);
            }

            // 2. bodies broken as a whole, alone in their request
            int bodies413 = 0;
            for (int b = 0; b < HTTP_BODIES; b++) {
                Hostile.Input in = b % 50 == 49 ? new Hostile.Input("oversized", oversized())
                        : hostile.body(hostile.kind(Hostile.BODY_KINDS));
                kinds.merge("http body: " + in.kind(), 1, Integer::sum);
                IngestUnderTest.Answer a = ingest.post("/api/v1/detector-readings", in.bytes());
                assertThat(a.status()).as(in.kind() + ": " + a.body()).isIn(400, 413);
                assertThat(Json.mapper().readTree(a.body()).path("error").asText()).as(in.kind()).isNotBlank();
                bodies413 += a.status() == 413 ? 1 : 0;
                reasons.merge("http " + a.status(), 1, Integer::sum);
            }

            // 3. the raw topic: hostile records and valid ones interleaved
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ingest.kafka.bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
            Set<Long> hostileOffsets = new HashSet<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                List<java.util.concurrent.Future<RecordMetadata>> hostileSent = new ArrayList<>();
                int rawValid = 0;
                for (int r = 0; r < RAW_HOSTILE + RAW_VALID; r++) {
                    byte[] value;
                    boolean bad = r % 6 != 0 || rawValid >= RAW_VALID;
                    if (!bad) {
                        String[] v = valid(run + "-k", validStart.plusSeconds(1300 + rawValid++), 1).get(0);
                        validIds.add(v[1] + "@" + Instant.parse(v[2]));
                        value = Load.body(List.<String[]>of(v));
                        value = java.util.Arrays.copyOfRange(value, 1, value.length - 1); // one object, not an array
                    } else if (r % 5 == 0) {
                        Hostile.Input in = hostile.body(hostile.kind(Hostile.BODY_KINDS));
                        kinds.merge("raw record: " + in.kind(), 1, Integer::sum);
                        // a record without a value at all (a tombstone) as well as the text "null"
                        value = in.kind().equals("null") && r % 2 == 0 ? null : Hostile.asRecord(in);
                    } else {
                        Hostile.Input in = hostile.item(hostile.kind(Hostile.ITEM_KINDS), stored.get(r % stored.size()));
                        kinds.merge("raw record: " + in.kind(), 1, Integer::sum);
                        value = in.bytes();
                    }
                    var future = producer.send(new ProducerRecord<>(Topics.FIELD_DETECTOR_READINGS,
                            ("key-" + r).getBytes(StandardCharsets.UTF_8), value));
                    if (bad) {
                        hostileSent.add(future);
                    }
                }
                for (var future : hostileSent) {
                    hostileOffsets.add(future.get().offset());
                }
            }
            assertThat(hostileOffsets).hasSize(RAW_HOSTILE);

            // every raw hostile record becomes one dead letter with its reason, offset and source
            Map<Long, String> rawDeadLetters = new HashMap<>();
            int httpDeadLetters = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                rawDeadLetters.clear();
                httpDeadLetters = 0;
                for (ConsumerRecord<byte[], byte[]> r : ingest.readAll(Topics.DETECTOR_READINGS_DLQ)) {
                    String source = header(r, Headers.DEAD_LETTER_SOURCE);
                    if (Topics.FIELD_DETECTOR_READINGS.equals(source)) {
                        rawDeadLetters.put(Long.parseLong(header(r, "dead-letter-offset")),
                                header(r, Headers.DEAD_LETTER_REASON));
                    } else {
                        httpDeadLetters++;
                    }
                }
                if (rawDeadLetters.size() >= RAW_HOSTILE) {
                    break;
                }
                Thread.sleep(1000);
            }
            assertThat(rawDeadLetters.keySet()).containsExactlyInAnyOrderElementsOf(hostileOffsets);
            rawDeadLetters.values().forEach(reason -> {
                assertThat(reason).isNotBlank();
                reasons.merge("raw " + reason, 1, Integer::sum);
            });
            int hostileHttpItems = HTTP_BATCHES * HOSTILE_PER_BATCH;
            assertThat(httpDeadLetters).as("HTTP dead letters").isGreaterThanOrEqualTo(hostileHttpItems);

            // valid traffic: every reading once
            Map<String, Integer> counts = new HashMap<>();
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                counts = countRun(ingest.readAll(Topics.DETECTOR_READINGS), run);
                if (counts.keySet().containsAll(validIds)) {
                    break;
                }
                Thread.sleep(1000);
            }
            assertThat(counts.keySet()).containsAll(validIds);
            assertThat(counts.values()).allMatch(c -> c == 1);
            assertThat(counts).hasSize(validIds.size() + warm.size()); // nothing hostile got through

            // still up, memory bounded (heap limit 256 MiB; RSS includes metaspace, threads, code, buffers)
            assertThat(ingest.alive()).isTrue();
            assertThat(ingest.get("/q/health/ready")).isEqualTo(200);
            long rssAfter = ingest.rssMiB();
            if (rssAfter > 0) {
                assertThat(rssAfter).as("RSS after, MiB").isLessThan(768);
            }
            int total = hostileHttpItems + replays + HTTP_BODIES + RAW_HOSTILE;
            assertThat(total).isGreaterThanOrEqualTo(10_000);
            ReliabilityLog.write(new ReliabilityLog.Row("input-hostile", "input",
                            "malformed and hostile readings: " + String.join(", ", Hostile.ITEM_KINDS) + ", exact-replay;"
                                    + " broken bodies: " + String.join(", ", Hostile.BODY_KINDS) + ", oversized (> 1 MiB)",
                            total + " hostile inputs (" + hostileHttpItems + " items and " + replays + " exact replays in "
                                    + HTTP_BATCHES + " HTTP batches, " + HTTP_BODIES + " broken HTTP bodies, " + RAW_HOSTILE
                                    + " raw records on field.detector-readings) + " + validIds.size()
                                    + " valid readings in the same batches and topic",
                            "0 hostile accepted, 0 valid lost, 0 duplicated",
                            "every hostile item named with a reason in its 400 (an exact replay as a duplicate, stored"
                                    + " once), broken bodies 400/413 ("
                                    + bodies413 + " × 413) with an error, every raw record dead-lettered with"
                                    + " dead-letter-reason; service up; RSS " + rssBefore + " → " + rssAfter
                                    + " MiB (heap limit 256 MiB)",
                            "mvn -B -pl reliability -am verify -Dtest=HostileInputTest -Dsurefire.failIfNoSpecifiedTests=false"),
                    Map.of("hostile", total, "valid", validIds.size(), "rssBeforeMiB", rssBefore, "rssAfterMiB", rssAfter,
                            "reasons", reasons, "kinds", kinds, "httpDeadLetters", httpDeadLetters,
                            "rawDeadLetters", rawDeadLetters.size()));
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Integer> countRun(List<ConsumerRecord<byte[], byte[]>> records, String run) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode n = Json.fromBytes(r.value(), JsonNode.class);
            if (n.path("detectorId").asText().startsWith(run)) {
                counts.merge(n.path("detectorId").asText() + "@" + Instant.parse(n.path("timestamp").asText()), 1,
                        Integer::sum);
            }
        }
        return counts;
    }

    /** {@code n} valid readings of distinct detectors at one instant. */
    private static List<String[]> valid(String prefix, Instant at, int n) {
        List<String[]> out = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            String i = prefix + "-i" + (d / 10);
            out.add(new String[] {i, i + "_d" + d + "_" + at.getEpochSecond(), at.toString(), Integer.toString(d % 9)});
        }
        return out;
    }

    private static byte[] array(List<byte[]> items) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String text = new String(items.get(i), StandardCharsets.UTF_8);
            // a one-item array from Load.body: unwrap
            byte[] b = text.startsWith("[{") && text.endsWith("}]") ? text.substring(1, text.length() - 1)
                    .getBytes(StandardCharsets.UTF_8) : items.get(i);
            out.write(b, 0, b.length);
        }
        out.write(']');
        return out.toByteArray();
    }

    private static byte[] oversized() {
        return ("[" + "{\"intersectionId\":\"X\"},".repeat(60_000) + "{}]").getBytes(StandardCharsets.UTF_8);
    }
}
