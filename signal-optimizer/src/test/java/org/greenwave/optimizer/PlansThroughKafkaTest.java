package org.greenwave.optimizer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.greenwave.kafka.embedded.TopicProbe;
import org.greenwave.signal.safety.SafetyValidator;
import org.junit.jupiter.api.Test;

/** Registry entry and detector readings in through a real broker, a validated timing plan out. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PlansThroughKafkaTest {

    private final String bootstrap = KafkaBrokerTestResource.broker().bootstrapServers();

    static Intersection cross(String id) {
        return new Intersection(id, id, 0, 0,
                List.of(new Intersection.Link(0, id + "_w_0", "e_0", false, List.of(1), 0),
                        new Intersection.Link(1, id + "_n_0", "s_0", false, List.of(0), 0)),
                List.of(new Intersection.Phase(0, "Gr", 30), new Intersection.Phase(2, "rG", 30)),
                List.of(new Intersection.Detector(id + "_w_0#0", id + "_w_0", "area", 50),
                        new Intersection.Detector(id + "_n_0#0", id + "_n_0", "area", 50)),
                List.of(new Intersection.ProgramStep("Gr", 30), new Intersection.ProgramStep("yr", 3),
                        new Intersection.ProgramStep("rG", 30), new Intersection.ProgramStep("ry", 3)),
                Intersection.SafetyLimits.defaults());
    }

    @Test
    void readingsBecomeAValidatedPlanOnTheTimingPlanTopic() {
        String id = "X-" + UUID.randomUUID();
        Intersection intersection = cross(id);
        Instant t = Instant.now().minusSeconds(60);
        try (var plans = new TopicProbe(bootstrap, Topics.TIMING_PLANS)) {
            TopicProbe.send(bootstrap, Topics.INTERSECTIONS, id, new String(Json.toBytes(intersection)));
            // The registry consumer must have seen the intersection before its readings count.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    given().get("/api/v1/intersections").then().extract().jsonPath().getList("id").contains(id));
            send(new DetectorReading(id, id + "_w_0#0", t, 18, 0.6, 15, t, "http"));
            send(new DetectorReading(id, id + "_n_0#0", t, 2, 0.1, 1, t, "http"));

            var received = plans.await(1, Duration.ofSeconds(20), r -> id.equals(r.key()));
            assertThat(received).hasSize(1);
            assertThat(received.get(0).headers()).containsEntry(Headers.SCHEMA, TimingPlan.SCHEMA);
            TimingPlan plan = Json.fromBytes(received.get(0).value().getBytes(), TimingPlan.class);
            assertThat(new SafetyValidator().validate(intersection, plan)).isEmpty();
            assertThat(plan.phases().get(0).greenSeconds()).isGreaterThan(plan.phases().get(1).greenSeconds());
            assertThat(plan.explanation()).isNotBlank();

            given().get("/api/v1/intersections/" + id + "/plan").then().statusCode(200);
        }
    }

    @Test
    void healthIsUpWithKafka() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    private void send(DetectorReading reading) {
        TopicProbe.send(bootstrap, Topics.DETECTOR_READINGS, reading.intersectionId(),
                new String(Json.toBytes(reading)));
    }
}
