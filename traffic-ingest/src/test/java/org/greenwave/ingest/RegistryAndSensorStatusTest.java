package org.greenwave.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.SensorStatus;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.greenwave.kafka.embedded.TopicProbe;
import org.junit.jupiter.api.Test;

/** The registry follows registry.intersections; sensor health changes are announced on traffic.sensor-status. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class RegistryAndSensorStatusTest {

    @org.junit.jupiter.api.BeforeEach
    void serviceIsReady() throws InterruptedException {
        Ready.await();
    }

    private final String bootstrap = KafkaBrokerTestResource.broker().bootstrapServers();

    private static String reading(String intersection, String detector, Instant t, int count) {
        return """
                [{"intersectionId":"%s","detectorId":"%s","timestamp":"%s","vehicleCount":%d,"occupancy":0.1}]"""
                .formatted(intersection, detector, t, count);
    }

    @Test
    void theTwinsIntersectionsPlaceDetectors() throws Exception {
        String id = "TW-" + UUID.randomUUID();
        Intersection twin = new Intersection(id, id, 0, 0, List.of(), List.of(),
                List.of(new Intersection.Detector(id + "_n_0", "n_0", "area", 50)), List.of(),
                Intersection.SafetyLimits.defaults());
        TopicProbe.send(bootstrap, Topics.INTERSECTIONS, id, new String(Json.toBytes(twin)));
        // once the registry has read it, a reading placing that detector elsewhere is refused
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 400) {
            status = given().header("X-API-Key", IngestThroughKafkaTest.DEMO_KEY).contentType("application/json")
                    .body(reading("elsewhere-" + id, id + "_n_0", Instant.now(), 1))
                    .post("/api/v1/detector-readings").then().extract().statusCode();
            Thread.sleep(100);
        }
        assertThat(status).isEqualTo(400);
        given().header("X-API-Key", IngestThroughKafkaTest.DEMO_KEY).contentType("application/json")
                .body(reading("elsewhere-" + id, id + "_n_0", Instant.now(), 2))
                .post("/api/v1/detector-readings").then().statusCode(400)
                .body(containsString("wrong-intersection")).body(containsString("belongs to intersection " + id));
        given().header("X-API-Key", IngestThroughKafkaTest.DEMO_KEY).contentType("application/json")
                .body(reading(id, id + "_n_0", Instant.now(), 3))
                .post("/api/v1/detector-readings").then().statusCode(202);
    }

    @Test
    void aSilentDetectorIsAnnouncedStaleOnceAndOkWhenItReportsAgain() {
        String id = "ST-" + UUID.randomUUID();
        String detector = id + "_d";
        try (var status = new TopicProbe(bootstrap, Topics.SENSOR_STATUS)) {
            given().header("X-API-Key", IngestThroughKafkaTest.DEMO_KEY).contentType("application/json")
                    .body(reading(id, detector, Instant.now(), 1))
                    .post("/api/v1/detector-readings").then().statusCode(202);
            // the test profile judges a detector stale after 3 s without a reading
            var stale = status.await(1, Duration.ofSeconds(20), r -> detector.equals(r.key()));
            assertThat(stale).singleElement().satisfies(r -> {
                SensorStatus s = Json.fromBytes(r.value().getBytes(), SensorStatus.class);
                assertThat(s.status()).isEqualTo(SensorStatus.STALE);
                assertThat(s.parentId()).isEqualTo(id);
                assertThat(r.headers()).containsEntry(Headers.SCHEMA, SensorStatus.SCHEMA);
            });
            given().header("X-API-Key", IngestThroughKafkaTest.DEMO_KEY).contentType("application/json")
                    .body(reading(id, detector, Instant.now(), 2))
                    .post("/api/v1/detector-readings").then().statusCode(202);
            var ok = status.await(1, Duration.ofSeconds(20), r -> detector.equals(r.key()));
            assertThat(ok).singleElement().extracting(r -> Json.fromBytes(r.value().getBytes(), SensorStatus.class).status())
                    .isEqualTo(SensorStatus.OK);
        }
        given().get("/q/metrics").then().body(containsString("greenwave_ingest_sensors{status=\"STALE\"}"))
                .body(containsString("greenwave_ingest_device_last_reading_seconds{device=\"" + detector + "\""));
    }

    @Test
    void configuredDevicesArePlacedAndAnnouncedStaleWhenTheyNeverReport() {
        given().header("X-API-Key", IngestThroughKafkaTest.DEMO_KEY).contentType("application/json")
                .body(reading("CFG-2", "CFG-1_d0", Instant.now(), 1))
                .post("/api/v1/detector-readings").then().statusCode(400)
                .body(containsString("belongs to intersection CFG-1"));
        try (var status = new TopicProbe(bootstrap, Topics.SENSOR_STATUS)) {
            // the test profile configures CFG-1 with two detectors and car park P-CFG; none of them ever reports
            var stale = status.await(3, Duration.ofSeconds(20),
                    r -> r.key().equals("CFG-1_d0") || r.key().equals("CFG-1_d1") || r.key().equals("P-CFG"));
            assertThat(stale).hasSize(3).extracting(r -> Json.fromBytes(r.value().getBytes(), SensorStatus.class))
                    .allSatisfy(s -> {
                        assertThat(s.status()).isEqualTo(SensorStatus.STALE);
                        assertThat(s.reason()).contains("since it was registered");
                    });
        }
    }
}
