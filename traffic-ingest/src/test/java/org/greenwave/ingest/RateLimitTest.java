package org.greenwave.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.UUID;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.junit.jupiter.api.Test;

/**
 * Device endpoints are rate-limited per key (test-limited-key: 0.5 requests/s, burst 3): the fourth request in a
 * row is refused with 429 and Retry-After, nothing of it is stored, and after the wait the same batch is accepted
 * as new (not as a duplicate). Other keys are not slowed down by it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class RateLimitTest {

    private static Response post(String key, String body) {
        return given().header("X-API-Key", key).contentType("application/json").body(body)
                .post("/api/v1/detector-readings");
    }

    private static String reading(String id, Instant t) {
        return "[{\"intersectionId\":\"%s\",\"detectorId\":\"%1$s_d\",\"timestamp\":\"%s\",\"vehicleCount\":1,\"occupancy\":0.1}]"
                .formatted(id, t);
    }

    @Test
    void overTheLimitA429WithRetryAfterAndNothingStored() throws InterruptedException {
        Ready.await();
        String id = "RATE-" + UUID.randomUUID();
        Instant t = Instant.now().minusSeconds(60);
        for (int i = 0; i < 3; i++) {
            post("test-limited-key", reading(id, t.plusSeconds(i))).then().statusCode(202);
        }
        Response refused = post("test-limited-key", reading(id, t.plusSeconds(3)));
        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(refused.jsonPath().getString("error")).contains("rate limit");

        // another key is not affected
        post("test-detector-key", reading(id + "-other", t)).then().statusCode(202);

        Thread.sleep(retryAfter * 1000 + 100);
        post("test-limited-key", reading(id, t.plusSeconds(3))).then().statusCode(202)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        org.greenwave.kafka.embedded.ReliabilityLog.write(new org.greenwave.kafka.embedded.ReliabilityLog.Row(
                "security-rate-limit", "security",
                "traffic-ingest: a device key over its rate limit (configured 0.5 requests/s, burst 3)",
                "4 requests in a row from one key, one from another key", "0 stored from the refused request",
                "the 4th answered 429 with Retry-After " + retryAfter + " s and nothing of it stored; the other key"
                        + " unaffected; after the wait the same batch accepted as new",
                "mvn -B -pl traffic-ingest -am verify -Dtest=RateLimitTest -Dsurefire.failIfNoSpecifiedTests=false"));
    }

    @Test
    void anUnknownKeyIsStill401AndAWrongOne403NotRateLimited() {
        for (int i = 0; i < 10; i++) {
            post("unknown-key", "[]").then().statusCode(401);
        }
        given().header("X-API-Key", "test-limited-key").contentType("application/json").body("[]")
                .post("/api/v1/parking-occupancy").then().statusCode(403);
    }
}
