package org.greenwave.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.greenwave.kafka.embedded.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * The promise: every reading answered 2xx is in the output topic exactly once, even when devices retry whole
 * batches (one after the other and at the same time); every invalid one is in the dead-letter topic with its reason.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ExactlyOnceTest {

    @org.junit.jupiter.api.BeforeEach
    void serviceIsReady() throws InterruptedException {
        Ready.await();
    }

    private final String bootstrap = KafkaBrokerTestResource.broker().bootstrapServers();

    private static Response post(String body) {
        return given().header("X-API-Key", IngestThroughKafkaTest.DEMO_KEY).contentType("application/json").body(body)
                .post("/api/v1/detector-readings");
    }

    @Test
    void everyAcceptedReadingIsStoredExactlyOnceThroughRetries() throws Exception {
        String run = "X" + UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.now().minusSeconds(7200);
        int batches = 40;
        int perBatch = 100;
        List<String> bodies = new ArrayList<>();
        Set<String> expectedValid = new HashSet<>();
        Set<String> expectedInvalid = new HashSet<>();
        for (int b = 0; b < batches; b++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < perBatch; i++) {
                int n = b * perBatch + i;
                String intersection = run + "-I" + (n % 7);
                String detector = intersection + "_d" + (n % 5);
                String ts = base.plusSeconds(n).toString();
                boolean invalid = n % 23 == 0;
                body.append(i == 0 ? "" : ",").append("""
                        {"intersectionId":"%s","detectorId":"%s","timestamp":"%s","vehicleCount":%d,"occupancy":%s}"""
                        .formatted(intersection, detector, ts, invalid ? -1 : n % 9, "0." + (n % 10)));
                (invalid ? expectedInvalid : expectedValid).add(detector + "@" + ts);
            }
            bodies.add(body.append("]").toString());
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (var out = new TopicProbe(bootstrap, Topics.DETECTOR_READINGS);
             var dlq = new TopicProbe(bootstrap, Topics.DETECTOR_READINGS_DLQ)) {
            // every batch twice at the same time, then once more later (a device that timed out and retried)
            List<Future<Response>> answers = new ArrayList<>();
            for (String body : bodies) {
                answers.add(pool.submit(() -> post(body)));
                answers.add(pool.submit(() -> post(body)));
            }
            int accepted = 0;
            int duplicates = 0;
            for (Future<Response> answer : answers) {
                Response r = answer.get();
                assertThat(r.statusCode()).isEqualTo(400); // each batch holds invalid items
                accepted += (Integer) r.path("accepted");
                duplicates += (Integer) r.path("duplicates");
            }
            for (String body : bodies) {
                post(body).then().statusCode(400).body("accepted", equalTo(0));
            }
            assertThat(accepted).isEqualTo(expectedValid.size());
            assertThat(duplicates).isEqualTo(expectedValid.size());

            Map<String, Integer> stored = new HashMap<>();
            var records = out.await(expectedValid.size(), Duration.ofSeconds(60), r -> r.key().startsWith(run));
            records.addAll(out.drain(Duration.ofSeconds(2)).stream().filter(r -> r.key().startsWith(run)).toList());
            for (var r : records) {
                DetectorReading reading = Json.fromBytes(r.value().getBytes(), DetectorReading.class);
                assertThat(r.key()).isEqualTo(reading.intersectionId());
                stored.merge(reading.detectorId() + "@" + reading.timestamp(), 1, Integer::sum);
            }
            assertThat(stored.keySet()).isEqualTo(expectedValid);
            assertThat(stored.values()).allMatch(count -> count == 1);

            // dead letters are evidence, written at least once per attempt: every invalid item is there with its reason
            var letters = dlq.await(expectedInvalid.size() * 3, Duration.ofSeconds(60),
                    r -> r.key() != null && r.key().startsWith(run));
            Set<String> deadLettered = new HashSet<>();
            for (var r : letters) {
                assertThat(r.headers().get(Headers.DEAD_LETTER_REASON)).isEqualTo("vehicleCount: must be between 0 and 10000");
                var item = Json.mapper().readTree(r.value());
                deadLettered.add(item.get("detectorId").asText() + "@" + item.get("timestamp").asText());
            }
            assertThat(deadLettered).isEqualTo(expectedInvalid);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void duplicatesConflictsAndLateDataBehaveAsDocumented() {
        String id = "DUP-" + UUID.randomUUID();
        Instant t = Instant.now().minusSeconds(60);
        String reading = """
                {"intersectionId":"%s","detectorId":"%1$s_d","timestamp":"%s","vehicleCount":3,"occupancy":0.2}"""
                .formatted(id, t);
        // the same instant written differently (epoch millis) is the same reading
        String sameInMillis = """
                {"intersectionId":"%s","detectorId":"%1$s_d","timestamp":%d,"vehicleCount":3,"occupancy":0.2}"""
                .formatted(id, t.toEpochMilli());
        String conflicting = """
                {"intersectionId":"%s","detectorId":"%1$s_d","timestamp":"%s","vehicleCount":4,"occupancy":0.2}"""
                .formatted(id, t);
        String tooLate = """
                {"intersectionId":"%s","detectorId":"%1$s_d","timestamp":"%s","vehicleCount":3,"occupancy":0.2}"""
                .formatted(id, Instant.now().minus(Duration.ofHours(25)));
        try (var out = new TopicProbe(bootstrap, Topics.DETECTOR_READINGS);
             var dlq = new TopicProbe(bootstrap, Topics.DETECTOR_READINGS_DLQ)) {
            post("[" + reading + "]").then().statusCode(202).body("accepted", equalTo(1));
            post("[" + sameInMillis + "]").then().statusCode(202)
                    .body("accepted", equalTo(0)).body("duplicates", equalTo(1)).body("duplicateItems[0]", equalTo(0));
            post("[" + conflicting + "," + tooLate + "]").then().statusCode(400)
                    .body("errors[0].reason", equalTo("conflicting-duplicate"))
                    .body("errors[1].reason", equalTo("too-late"));

            assertThat(out.await(1, Duration.ofSeconds(20), r -> id.equals(r.key()))).hasSize(1);
            assertThat(out.drain(Duration.ofSeconds(1))).noneMatch(r -> id.equals(r.key()));
            var letters = dlq.await(2, Duration.ofSeconds(20), r -> id.equals(r.key()));
            assertThat(letters).extracting(TopicProbe.Received::value).containsExactly(conflicting, tooLate);
            assertThat(letters.get(0).headers().get(Headers.DEAD_LETTER_REASON)).contains("already stored");
            assertThat(letters.get(1).headers().get(Headers.DEAD_LETTER_REASON)).contains("too late");
        }
    }

    @Test
    void aReadingOlderThanTheDevicesDuplicateWindowIsRefusedNotRisked() {
        String id = "WIN-" + UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(7200);
        StringBuilder body = new StringBuilder("[");
        for (int i = 1; i <= 600; i++) { // more than the window of 512 readings
            body.append(i == 1 ? "" : ",").append("""
                    {"intersectionId":"%s","detectorId":"%1$s_d","timestamp":"%s","vehicleCount":1,"occupancy":0.%d}"""
                    .formatted(id, start.plusSeconds(i), i % 10));
        }
        post(body.append("]").toString()).then().statusCode(202).body("accepted", equalTo(600));
        String early = """
                [{"intersectionId":"%s","detectorId":"%1$s_d","timestamp":"%s","vehicleCount":1,"occupancy":0.5}]"""
                .formatted(id, start.plusSeconds(10));
        post(early).then().statusCode(400).body("errors[0].reason", equalTo("outside-dedup-window"));
        String lateButInside = """
                [{"intersectionId":"%s","detectorId":"%1$s_d","timestamp":"%s","vehicleCount":1,"occupancy":0.5}]"""
                .formatted(id, start.plusSeconds(300).plusMillis(500));
        post(lateButInside).then().statusCode(202).body("accepted", equalTo(1));
    }
}
