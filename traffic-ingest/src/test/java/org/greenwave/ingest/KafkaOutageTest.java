package org.greenwave.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.kafka.embedded.EmbeddedKafka;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.greenwave.kafka.embedded.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * Kafka goes away: the device is told 503 (no promise), not 202; once Kafka is back the retried batch is stored,
 * and each reading exactly once.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class KafkaOutageTest {

    private static Response post(String body) {
        return given().header("X-API-Key", IngestThroughKafkaTest.DEMO_KEY).contentType("application/json")
                .body(body).post("/api/v1/detector-readings");
    }

    @Test
    void noPromiseWhileKafkaIsDownAndExactlyOnceAfterTheRetry() throws Exception {
        Ready.await();
        EmbeddedKafka kafka = KafkaBrokerTestResource.broker();
        String id = "OUT-" + UUID.randomUUID();
        Instant t = Instant.now().minusSeconds(30);
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            body.append(i == 0 ? "" : ",").append("""
                    {"intersectionId":"%s","detectorId":"%1$s_d%d","timestamp":"%s","vehicleCount":%d,"occupancy":0.2}"""
                    .formatted(id, i % 5, t.plusSeconds(i / 5), i % 7));
        }
        String batch = body.append("]").toString();

        kafka.stop();
        try {
            // the test profile gives up on Kafka after 5 s
            Response during = post(batch);
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.header("Retry-After")).isNotNull();
        } finally {
            kafka.resume();
        }

        int status = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (status != 202 && System.nanoTime() < deadline) {
            status = post(batch).statusCode(); // the device retries until it is told 202
            if (status != 202) {
                Thread.sleep(500);
            }
        }
        assertThat(status).isEqualTo(202);
        post(batch).then().statusCode(202); // and once more, as a device that missed the answer would

        try (var out = new TopicProbe(kafka.bootstrapServers(), Topics.DETECTOR_READINGS)) {
            var records = out.await(50, Duration.ofSeconds(30), r -> id.equals(r.key()));
            records.addAll(out.drain(Duration.ofSeconds(2)).stream().filter(r -> id.equals(r.key())).toList());
            Map<String, Integer> counts = new HashMap<>();
            for (var r : records) {
                DetectorReading reading = Json.fromBytes(r.value().getBytes(), DetectorReading.class);
                counts.merge(reading.detectorId() + "@" + reading.timestamp(), 1, Integer::sum);
            }
            assertThat(counts).hasSize(50);
            assertThat(counts.values()).allMatch(c -> c == 1);
        }
    }
}
