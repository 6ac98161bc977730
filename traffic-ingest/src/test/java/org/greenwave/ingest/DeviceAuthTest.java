package org.greenwave.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Device API keys: 401 without or with an unknown key, 403 with a key for the other kind or a field controller's key,
 * 202 with the right one.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class DeviceAuthTest {

    @org.junit.jupiter.api.BeforeEach
    void serviceIsReady() throws InterruptedException {
        Ready.await();
    }

    private static String body(String path) {
        String id = "AUTH-" + UUID.randomUUID();
        String now = Instant.now().toString();
        return path.contains("detector")
                ? "[{\"intersectionId\":\"%s\",\"detectorId\":\"%1$s_d\",\"timestamp\":\"%s\",\"vehicleCount\":1,\"occupancy\":0.1}]"
                .formatted(id, now)
                : "[{\"carParkId\":\"%s\",\"timestamp\":\"%s\",\"capacity\":10,\"occupied\":1}]".formatted(id, now);
    }

    @ParameterizedTest(name = "{0} with key {1}: {2}")
    @CsvSource({
            "/api/v1/detector-readings, ,                  401",
            "/api/v1/detector-readings, not-a-known-key,   401",
            "/api/v1/detector-readings, test-parking-key,  403",
            "/api/v1/detector-readings, test-controller-key, 403",
            "/api/v1/detector-readings, test-detector-key, 202",
            "/api/v1/detector-readings, test-demo-key,     202",
            "/api/v1/parking-occupancy, ,                  401",
            "/api/v1/parking-occupancy, not-a-known-key,   401",
            "/api/v1/parking-occupancy, test-detector-key, 403",
            "/api/v1/parking-occupancy, test-controller-key, 403",
            "/api/v1/parking-occupancy, test-parking-key,  202",
            "/api/v1/parking-occupancy, test-demo-key,     202"})
    void keysAreCheckedPerKindOfReading(String path, String key, int status) {
        var request = given().contentType("application/json").body(body(path));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        var response = request.post(path).then().statusCode(status);
        if (status == 401) {
            response.header("WWW-Authenticate", equalTo("ApiKey header=\"X-API-Key\""));
        }
        if (status == 202) {
            response.body("accepted", equalTo(1));
        }
    }
}
