package org.greenwave.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.greenwave.contracts.Json;

/**
 * Devices posting distinct detector readings in batches the way a careful device does: a batch is retried (as is)
 * until it gets a 2xx, which is the promise. Remembers every promised reading, so that afterwards each can be looked
 * for in {@code traffic.detector-readings} exactly once.
 */
final class Load {

    final Set<String> promised = ConcurrentHashMap.newKeySet();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final IngestUnderTest ingest;
    private final String run;
    private final Instant start;

    Load(IngestUnderTest ingest, String run, Instant start) {
        this.ingest = ingest;
        this.run = run;
        this.start = start;
    }

    /** Intersection of device {@code d} of client {@code client}: ten detectors per intersection. */
    String intersection(int client, int d) {
        return run + "-c" + client + "-i" + (d / 10);
    }

    /** One batch: {@code size} detectors of a client, all at second {@code seq}. */
    List<String[]> batch(int client, int seq, int size) {
        List<String[]> items = new ArrayList<>();
        for (int d = 0; d < size; d++) {
            String intersection = intersection(client, d);
            String detector = intersection + "_d" + d;
            String ts = start.plusSeconds(seq).toString();
            items.add(new String[] {intersection, detector, ts, Integer.toString((seq * 7 + d) % 23)});
        }
        return items;
    }

    static byte[] body(List<String[]> items) {
        StringBuilder b = new StringBuilder("[");
        for (String[] i : items) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append("{\"intersectionId\":\"").append(i[0]).append("\",\"detectorId\":\"").append(i[1])
                    .append("\",\"timestamp\":\"").append(i[2]).append("\",\"vehicleCount\":").append(i[3])
                    .append(",\"occupancy\":0.25,\"haltingVehicles\":1}");
        }
        return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Posts until 2xx (or the deadline); records the promise. Returns false if never answered 2xx. */
    boolean postUntilAccepted(List<String[]> items, long deadlineNanos) throws InterruptedException {
        byte[] body = body(items);
        while (System.nanoTime() < deadlineNanos) {
            requests.incrementAndGet();
            IngestUnderTest.Answer a = ingest.post("/api/v1/detector-readings", body);
            statuses.computeIfAbsent(a.status(), s -> new AtomicLong()).incrementAndGet();
            if (a.status() == 202) {
                items.forEach(i -> promised.add(i[1] + "@" + i[2]));
                return true;
            }
            if (a.status() >= 400 && a.status() < 500 && a.status() != 429) {
                throw new IllegalStateException("valid batch refused: " + a);
            }
            retries.incrementAndGet();
            Thread.sleep(200);
        }
        return false;
    }

    /** How often each reading of this run is in the topic (detectorId@timestamp). */
    Map<String, Integer> counts(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode n = Json.fromBytes(r.value(), JsonNode.class);
            String detector = n.path("detectorId").asText();
            if (detector.startsWith(run + "-")) {
                counts.merge(detector + "@" + Instant.parse(n.path("timestamp").asText()), 1, Integer::sum);
            }
        }
        return counts;
    }
}
