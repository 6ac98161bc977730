package org.greenwave.optimizer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.greenwave.kafka.embedded.TopicProbe;
import org.greenwave.signal.safety.SafetyValidator;
import org.junit.jupiter.api.Test;

/** Registry entry, controller states and detector readings in through a real broker; validated plans out. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PlansThroughKafkaTest {

    static final String ENGINEER_PASSWORD = "test-engineer-password";
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

    private String register() {
        String id = "X-" + UUID.randomUUID();
        TopicProbe.send(bootstrap, Topics.INTERSECTIONS, id, new String(Json.toBytes(cross(id))));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                given().get("/api/v1/intersections").then().extract().jsonPath().getList("id").contains(id));
        return id;
    }

    /**
     * The detector readings arrive lz4-compressed (traffic-ingest's producer): Kafka decompresses them with lz4-java's
     * native library here too, although Quarkus loads lz4-java with its own class loader (NativeLz4).
     */
    @Test
    void kafkasLz4IsTheNativeOne() {
        assertThat(net.jpountz.util.Native.class.getClassLoader()).isNotSameAs(ClassLoader.getSystemClassLoader());
        assertThat(net.jpountz.lz4.LZ4Factory.fastestInstance().toString()).isEqualTo("LZ4Factory:JNI");
    }

    @Test
    void withoutControllerReportsReadingsBecomeAValidatedCyclePlan() {
        String id = register();
        Instant t = Instant.now().minusSeconds(60);
        try (var plans = new TopicProbe(bootstrap, Topics.TIMING_PLANS)) {
            send(new DetectorReading(id, id + "_w_0#0", t, 18, 0.6, 15, t, "http"));
            send(new DetectorReading(id, id + "_n_0#0", t, 2, 0.1, 1, t, "http"));
            Instant later = t.plusSeconds(5);
            send(new DetectorReading(id, id + "_w_0#0", later, 18, 0.6, 15, later, "http"));
            send(new DetectorReading(id, id + "_n_0#0", later, 2, 0.1, 1, later, "http"));

            var received = plans.await(1, Duration.ofSeconds(20), r -> id.equals(r.key()));
            assertThat(received).hasSize(1);
            assertThat(received.get(0).headers()).containsEntry(Headers.SCHEMA, TimingPlan.SCHEMA);
            TimingPlan plan = Json.fromBytes(received.get(0).value().getBytes(), TimingPlan.class);
            assertThat(new SafetyValidator().validate(cross(id), plan)).isEmpty();
            assertThat(plan.phases().get(0).greenSeconds()).isGreaterThan(plan.phases().get(1).greenSeconds());
            given().get("/api/v1/intersections/" + id + "/plan").then().statusCode(200);
        }
    }

    @Test
    void everyReportedSecondGetsAPlanThatSwitchesWhenTheQueueElsewhereOutweighs() {
        String id = register();
        Instant t = Instant.now().minusSeconds(600);
        try (var plans = new TopicProbe(bootstrap, Topics.TIMING_PLANS)) {
            state(id, t, 20);
            send(new DetectorReading(id, id + "_w_0#0", t, 0, 0.0, 0, t, "http"));
            send(new DetectorReading(id, id + "_n_0#0", t, 7, 0.5, 7, t, "http"));
            Instant t1 = t.plusSeconds(1);
            state(id, t1, 21);
            send(new DetectorReading(id, id + "_w_0#0", t1, 0, 0.0, 0, t1, "http"));
            send(new DetectorReading(id, id + "_n_0#0", t1, 8, 0.5, 8, t1, "http"));

            var received = plans.await(2, Duration.ofSeconds(20), r -> id.equals(r.key()));
            assertThat(received).hasSize(2);
            TimingPlan first = Json.fromBytes(received.get(0).value().getBytes(), TimingPlan.class);
            assertThat(first.dataUntil()).isEqualTo(t);
            assertThat(first.phases().get(0).greenSeconds()).isEqualTo(20);
            assertThat(first.phases().get(1).phaseIndex()).isEqualTo(2);
            assertThat(first.explanation()).startsWith("Switching to phase 2");
        }
        given().queryParam("intersection", id).get("/api/v1/audit")
                .then().statusCode(200).body("action", hasItem("PLAN_PUBLISHED"));
    }

    @Test
    void onlyEngineersChangeModesAndApproveAdvisoryPlansWhichAreAudited() {
        String id = register();
        String body = "{\"mode\":\"ADVISORY\",\"reason\":\"market day\"}";
        given().contentType("application/json").body(body).put("/api/v1/intersections/" + id + "/mode")
                .then().statusCode(401);
        given().auth().preemptive().basic("engineer", "wrong").contentType("application/json").body(body)
                .put("/api/v1/intersections/" + id + "/mode").then().statusCode(401);
        given().auth().preemptive().basic("engineer", ENGINEER_PASSWORD).contentType("application/json").body(body)
                .put("/api/v1/intersections/" + id + "/mode").then().statusCode(200).body("mode", equalTo("ADVISORY"));

        Instant t = Instant.now().minusSeconds(30);
        send(new DetectorReading(id, id + "_w_0#0", t, 10, 0.4, 8, t, "http"));
        send(new DetectorReading(id, id + "_w_0#0", t.plusSeconds(5), 10, 0.4, 8, t.plusSeconds(5), "http"));
        String pending = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                given().get("/api/v1/intersections/" + id + "/pending").then().extract().statusCode() == 200
                        ? given().get("/api/v1/intersections/" + id + "/pending").then().extract().path("planId")
                        : null, p -> p != null);
        try (var plans = new TopicProbe(bootstrap, Topics.TIMING_PLANS)) {
            given().auth().preemptive().basic("engineer", ENGINEER_PASSWORD).contentType("application/json")
                    .body("{\"reason\":\"looks right\"}")
                    .post("/api/v1/intersections/" + id + "/pending/" + pending + "/approve")
                    .then().statusCode(200).body("approvedBy", equalTo("engineer"));
            var received = plans.await(1, Duration.ofSeconds(20), r -> id.equals(r.key()));
            TimingPlan plan = Json.fromBytes(received.get(0).value().getBytes(), TimingPlan.class);
            assertThat(plan.mode()).isEqualTo("ADVISORY");
            assertThat(plan.approvedBy()).isEqualTo("engineer");
        }
        given().queryParam("intersection", id).queryParam("actor", "engineer").get("/api/v1/audit")
                .then().statusCode(200).body("action", hasItem("MODE_CHANGED")).body("action", hasItem("PLAN_APPROVED"))
                .body("reason", hasItem("looks right"));
    }

    @Test
    void healthIsUpWithKafka() {
        given().get("/q/health/ready").then().statusCode(200);
        // the test profile plans with the rules on purpose: no fallback, and the metric names the forecaster
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("greenwave_optimizer_model{version=\"rules-"))
                .body(org.hamcrest.Matchers.containsString("greenwave_optimizer_model_fallback 0.0"));
    }

    private void state(String id, Instant t, int greenSeconds) {
        TopicProbe.send(bootstrap, Topics.CONTROLLER_STATES, id, new String(Json.toBytes(
                new ControllerState(id, t, "Gr", 0, false, greenSeconds, null, ControllerState.PLAN))));
    }

    private void send(DetectorReading reading) {
        TopicProbe.send(bootstrap, Topics.DETECTOR_READINGS, reading.intersectionId(),
                new String(Json.toBytes(reading)));
    }
}
