package org.greenwave.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.greenwave.kafka.embedded.TopicProbe;
import org.junit.jupiter.api.Test;

/** Readings in through HTTP and through the raw topics, out on the validated and dead-letter topics of a real broker. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class IngestThroughKafkaTest {

    @org.junit.jupiter.api.BeforeEach
    void serviceIsReady() throws InterruptedException {
        Ready.await();
    }

    static final String DEMO_KEY = "test-demo-key";
    private final String bootstrap = KafkaBrokerTestResource.broker().bootstrapServers();

    @Test
    void httpBatchLandsValidItemsAndDeadLettersInvalidOnesAsSent() {
        String intersection = "I-" + UUID.randomUUID();
        String now = Instant.now().toString();
        String invalid = """
                {"intersectionId":"%1$s", "detectorId":"%1$s_w_1","timestamp":"%2$s","vehicleCount":-3,"occupancy":0.35}"""
                .formatted(intersection, now);
        try (var out = new TopicProbe(bootstrap, Topics.DETECTOR_READINGS);
             var dlq = new TopicProbe(bootstrap, Topics.DETECTOR_READINGS_DLQ)) {
            given().header("X-API-Key", DEMO_KEY).contentType("application/json").body("""
                    [{"intersectionId":"%1$s","detectorId":"%1$s_w_0","timestamp":"%2$s","vehicleCount":2,"occupancy":0.35,"haltingVehicles":1},
                     %3$s]
                    """.formatted(intersection, now, invalid))
                    .post("/api/v1/detector-readings")
                    .then().statusCode(400)
                    .body("accepted", equalTo(1))
                    .body("rejected", equalTo(1))
                    .body("acceptedItems[0]", equalTo(0))
                    .body("errors[0].index", equalTo(1))
                    .body("errors[0].reason", equalTo("out-of-range"))
                    .body("errors[0].problems[0]", equalTo("vehicleCount: must be between 0 and 10000"));

            var valid = out.await(1, Duration.ofSeconds(20), r -> intersection.equals(r.key()));
            assertThat(valid).hasSize(1);
            DetectorReading reading = Json.fromBytes(valid.get(0).value().getBytes(), DetectorReading.class);
            assertThat(reading.detectorId()).isEqualTo(intersection + "_w_0");
            assertThat(reading.haltingVehicles()).isEqualTo(1);
            assertThat(reading.source()).isEqualTo("http");
            assertThat(valid.get(0).headers()).containsEntry(Headers.SCHEMA, DetectorReading.SCHEMA);

            var rejected = dlq.await(1, Duration.ofSeconds(20), r -> intersection.equals(r.key()));
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).value()).as("the item exactly as sent").isEqualTo(invalid);
            assertThat(rejected.get(0).headers().get(Headers.DEAD_LETTER_REASON)).contains("vehicleCount");
            assertThat(rejected.get(0).headers().get(Headers.DEAD_LETTER_SOURCE)).isEqualTo("http");
        }
    }

    @Test
    void parkingBatchAcceptsOverCapacityAndRejectsTheImplausible() {
        String carPark = "P-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        try (var out = new TopicProbe(bootstrap, Topics.PARKING_OCCUPANCY);
             var dlq = new TopicProbe(bootstrap, Topics.PARKING_OCCUPANCY_DLQ)) {
            given().header("X-API-Key", DEMO_KEY).contentType("application/json").body("""
                    [{"carParkId":"%1$s","timestamp":%2$d,"capacity":100,"occupied":61},
                     {"carParkId":"%1$s","timestamp":%3$d,"capacity":100,"occupied":104},
                     {"carParkId":"%1$s","timestamp":%4$d,"capacity":100,"occupied":250}]
                    """.formatted(carPark, now - 2000, now - 1000, now))
                    .post("/api/v1/parking-occupancy")
                    .then().statusCode(400)
                    .body("acceptedItems", equalTo(java.util.List.of(0, 1)))
                    .body("errors[0].reason", equalTo("implausible"));
            var valid = out.await(2, Duration.ofSeconds(20), r -> carPark.equals(r.key()));
            assertThat(valid).extracting(r -> Json.fromBytes(r.value().getBytes(), OccupancyReading.class).occupied())
                    .containsExactly(61, 104);
            assertThat(dlq.await(1, Duration.ofSeconds(20), r -> carPark.equals(r.key()))).hasSize(1);
        }
    }

    @Test
    void rawTopicRecordsAreValidatedLikeHttpOnesAndDeadLetteredByteForByte() {
        String intersection = "K-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        String valid = """
                {"intersectionId":"%s","detectorId":"%1$s_d1","timestamp":%d,"vehicleCount":4,"occupancy":0.1}"""
                .formatted(intersection, now);
        String badRange = """
                {"intersectionId" : "%s",  "detectorId":"%1$s_d1","timestamp":%d,"vehicleCount":4,"occupancy":7}"""
                .formatted(intersection, now + 1);
        try (var out = new TopicProbe(bootstrap, Topics.DETECTOR_READINGS);
             var dlq = new TopicProbe(bootstrap, Topics.DETECTOR_READINGS_DLQ)) {
            TopicProbe.send(bootstrap, Topics.FIELD_DETECTOR_READINGS, intersection, valid);
            TopicProbe.send(bootstrap, Topics.FIELD_DETECTOR_READINGS, intersection, "{not json");
            TopicProbe.send(bootstrap, Topics.FIELD_DETECTOR_READINGS, intersection, badRange);
            TopicProbe.send(bootstrap, Topics.FIELD_DETECTOR_READINGS, intersection, valid); // a producer retry

            assertThat(out.await(1, Duration.ofSeconds(20), r -> intersection.equals(r.key()))).hasSize(1);
            var rejected = dlq.await(2, Duration.ofSeconds(20), r -> intersection.equals(r.key()));
            assertThat(rejected).extracting(TopicProbe.Received::value).containsExactly("{not json", badRange);
            assertThat(rejected.get(0).headers().get(Headers.DEAD_LETTER_REASON)).isEqualTo("not valid JSON");
            assertThat(rejected.get(0).headers().get(Headers.DEAD_LETTER_SOURCE)).isEqualTo(Topics.FIELD_DETECTOR_READINGS);
            assertThat(rejected.get(1).headers().get(Headers.DEAD_LETTER_REASON)).isEqualTo("occupancy: must be between 0 and 1");
            assertThat(rejected.get(1).headers()).containsKey("dead-letter-offset");
            assertThat(out.drain(Duration.ofSeconds(1))).as("the retried record is not stored twice")
                    .noneMatch(r -> intersection.equals(r.key()));
        }
    }

    @Test
    void rawCarParkRecordsAreValidatedLikeHttpOnesAndDeadLetteredByteForByte() {
        String carPark = "P-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        String valid = """
                {"carParkId":"%s","timestamp":%d,"capacity":100,"occupied":61}""".formatted(carPark, now - 2000);
        String noCapacity = """
                {"carParkId":"%s","timestamp":%d,"occupied":40}""".formatted(carPark, now - 1000);
        String implausible = """
                {"carParkId":"%s", "timestamp":%d, "capacity":100, "occupied":250}""".formatted(carPark, now);
        try (var out = new TopicProbe(bootstrap, Topics.PARKING_OCCUPANCY);
             var dlq = new TopicProbe(bootstrap, Topics.PARKING_OCCUPANCY_DLQ)) {
            TopicProbe.send(bootstrap, Topics.FIELD_PARKING_OCCUPANCY, carPark, valid);
            TopicProbe.send(bootstrap, Topics.FIELD_PARKING_OCCUPANCY, carPark, noCapacity);
            TopicProbe.send(bootstrap, Topics.FIELD_PARKING_OCCUPANCY, carPark, implausible);
            TopicProbe.send(bootstrap, Topics.FIELD_PARKING_OCCUPANCY, carPark, valid); // a producer retry

            var stored = out.await(1, Duration.ofSeconds(20), r -> carPark.equals(r.key()));
            assertThat(stored).extracting(r -> Json.fromBytes(r.value().getBytes(), OccupancyReading.class).occupied())
                    .containsExactly(61);
            var rejected = dlq.await(2, Duration.ofSeconds(20), r -> carPark.equals(r.key()));
            assertThat(rejected).extracting(TopicProbe.Received::value).containsExactly(noCapacity, implausible);
            assertThat(rejected.get(0).headers().get(Headers.DEAD_LETTER_REASON)).isEqualTo("capacity: required");
            assertThat(rejected.get(0).headers().get(Headers.DEAD_LETTER_SOURCE))
                    .isEqualTo(Topics.FIELD_PARKING_OCCUPANCY);
            assertThat(rejected.get(1).headers().get(Headers.DEAD_LETTER_REASON))
                    .startsWith("occupied: 250 is more than").contains("capacity of 100");
            assertThat(out.drain(Duration.ofSeconds(1))).as("the retried record is not stored twice")
                    .noneMatch(r -> carPark.equals(r.key()));
        }
    }

    @Test
    void aBodyThatIsNotAnArrayIsDeadLetteredWholeAndAnswered400() {
        String marker = "M-" + UUID.randomUUID();
        String body = """
                {"intersectionId":"%s","detectorId":"d","timestamp":"2026-11-28T07:00:01Z","vehicleCount":1,"occupancy":0.1}"""
                .formatted(marker);
        try (var dlq = new TopicProbe(bootstrap, Topics.DETECTOR_READINGS_DLQ)) {
            given().header("X-API-Key", DEMO_KEY).contentType("application/json").body(body)
                    .post("/api/v1/detector-readings")
                    .then().statusCode(400).body("error", equalTo("body must be a JSON array of readings"));
            var letters = dlq.await(1, Duration.ofSeconds(20), r -> r.value().contains(marker));
            assertThat(letters).singleElement().satisfies(r -> {
                assertThat(r.value()).isEqualTo(body);
                assertThat(r.headers().get(Headers.DEAD_LETTER_REASON)).isEqualTo("body must be a JSON array of readings");
            });
        }
        given().header("X-API-Key", DEMO_KEY).contentType("application/json").body("[{\"a\":1},")
                .post("/api/v1/detector-readings")
                .then().statusCode(400).body("error", containsString("not valid JSON"));
        // past the parser's limits (nesting depth): a 400 with the limit named, not a 500
        given().header("X-API-Key", DEMO_KEY).contentType("application/json").body("[".repeat(5000))
                .post("/api/v1/detector-readings")
                .then().statusCode(400).body("error", containsString("nesting depth"));
    }

    @Test
    void tooLargeRequestsAre413WithAClearMessage() {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 5001; i++) {
            many.append(i == 0 ? "" : ",").append("{}");
        }
        given().header("X-API-Key", DEMO_KEY).contentType("application/json").body(many.append("]").toString())
                .post("/api/v1/detector-readings")
                .then().statusCode(413).body("error", containsString("more than 5000 readings"));

        byte[] big = new byte[1_100_000];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';
        given().header("X-API-Key", DEMO_KEY).contentType("application/json").body(big)
                .post("/api/v1/parking-occupancy")
                .then().statusCode(413).body("error", containsString("larger than the 1048576 bytes allowed"));
    }

    @Test
    void healthIsUpWithKafkaMetricsArePrometheusAndOpenApiIsServed() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("device-registry"));
        given().header("X-API-Key", "wrong").get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("greenwave_ingest_readings_total"))
                .body(containsString("greenwave_ingest_batch_size"))
                .body(containsString("greenwave_ingest_latency_seconds_bucket"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/detector-readings"))
                .body(containsString("X-API-Key"));
    }
}
