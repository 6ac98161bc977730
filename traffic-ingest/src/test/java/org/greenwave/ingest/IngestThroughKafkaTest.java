package org.greenwave.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.greenwave.kafka.embedded.TopicProbe;
import org.junit.jupiter.api.Test;

/** Readings in through HTTP and through the raw topic, out on the validated and dead-letter topics of a real broker. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class IngestThroughKafkaTest {

    private final String bootstrap = KafkaBrokerTestResource.broker().bootstrapServers();

    @Test
    void httpBatchLandsValidItemsAndDeadLettersInvalidOnes() {
        String intersection = "I-" + UUID.randomUUID();
        String now = Instant.now().toString();
        try (var out = new TopicProbe(bootstrap, Topics.DETECTOR_READINGS);
             var dlq = new TopicProbe(bootstrap, Topics.DETECTOR_READINGS_DLQ)) {
            given().contentType("application/json").body("""
                    [{"intersectionId":"%1$s","detectorId":"%1$s_w_0","timestamp":"%2$s","vehicleCount":2,"occupancy":0.35,"haltingVehicles":1},
                     {"intersectionId":"%1$s","detectorId":"%1$s_w_1","timestamp":"%2$s","vehicleCount":-3,"occupancy":0.35}]
                    """.formatted(intersection, now))
                    .post("/api/v1/detector-readings")
                    .then().statusCode(400)
                    .body("accepted", equalTo(1))
                    .body("acceptedItems[0]", equalTo(0))
                    .body("errors[0].index", equalTo(1))
                    .body("errors[0].problems[0]", equalTo("vehicleCount: must be between 0 and 10000"));

            var valid = out.await(1, Duration.ofSeconds(20), r -> intersection.equals(r.key()));
            assertThat(valid).hasSize(1);
            DetectorReading reading = Json.fromBytes(valid.get(0).value().getBytes(), DetectorReading.class);
            assertThat(reading.detectorId()).isEqualTo(intersection + "_w_0");
            assertThat(reading.haltingVehicles()).isEqualTo(1);
            assertThat(valid.get(0).headers()).containsEntry(Headers.SCHEMA, DetectorReading.SCHEMA);

            var rejected = dlq.await(1, Duration.ofSeconds(20), r -> intersection.equals(r.key()));
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).headers().get(Headers.DEAD_LETTER_REASON)).contains("vehicleCount");
        }
    }

    @Test
    void rawTopicRecordsAreValidatedLikeHttpOnes() {
        String intersection = "K-" + UUID.randomUUID();
        try (var out = new TopicProbe(bootstrap, Topics.DETECTOR_READINGS);
             var dlq = new TopicProbe(bootstrap, Topics.DETECTOR_READINGS_DLQ)) {
            TopicProbe.send(bootstrap, Topics.FIELD_DETECTOR_READINGS, intersection, """
                    {"intersectionId":"%s","detectorId":"d1","timestamp":%d,"vehicleCount":4,"occupancy":0.1}"""
                    .formatted(intersection, System.currentTimeMillis()));
            TopicProbe.send(bootstrap, Topics.FIELD_DETECTOR_READINGS, intersection, "{not json");

            assertThat(out.await(1, Duration.ofSeconds(20), r -> intersection.equals(r.key()))).hasSize(1);
            var rejected = dlq.await(1, Duration.ofSeconds(20), r -> intersection.equals(r.key()));
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).value()).isEqualTo("{not json");
            assertThat(rejected.get(0).headers().get(Headers.DEAD_LETTER_REASON)).isEqualTo("not valid JSON");
        }
    }

    @Test
    void healthIsUpWithKafkaAndMetricsArePrometheus() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
