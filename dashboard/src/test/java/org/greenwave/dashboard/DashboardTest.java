package org.greenwave.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.contracts.twin.TwinMetrics;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.greenwave.kafka.embedded.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * The dashboard against a real in-process broker and a local HTTP endpoint in place of the services: the page and
 * its security headers, sign-in, engineer actions forwarded with the engineer's own credentials, and what the
 * topics make of an intersection (queues per approach, controller state), the twin and the dead letters.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(FakeServices.class)
class DashboardTest {

    private final String bootstrap = KafkaBrokerTestResource.broker().bootstrapServers();

    @Test
    void pageIsServedWithSecurityHeadersAndOnlyBundledScript() {
        String html = given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .extract().asString();
        assertThat(html).contains("<script type=\"module\" src=\"app.js\"></script>");
        // no inline script or style anywhere: the CSP allows none
        assertThat(html.replace("<script type=\"module\" src=\"app.js\"></script>", "")).doesNotContain("<script")
                .doesNotContain("style=").doesNotContain("<style");
        String app = given().get("/app.js").then().statusCode(200).extract().asString();
        assertThat(app.length()).as("bundled app with its chart library").isGreaterThan(100_000);
        assertThat(app).doesNotContain("cdn.").doesNotContain("https://unpkg");
        // API answers carry them too (also the refusals)
        given().get("/api/session").then().statusCode(401).header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY").header("Content-Security-Policy", containsString("default-src 'self'"));
        org.greenwave.kafka.embedded.ReliabilityLog.write(new org.greenwave.kafka.embedded.ReliabilityLog.Row(
                "security-dashboard-headers", "security", "dashboard: security headers on the page, the script and API"
                        + " answers (401 included); no inline script or style, no third-party origin",
                "3 requests", "0 missing", "Content-Security-Policy (self only, frame-ancestors 'none'),"
                        + " X-Content-Type-Options nosniff, X-Frame-Options DENY, Referrer-Policy no-referrer; engineer"
                        + " actions are forwarded with the engineer's own credentials and decided by signal-optimizer",
                "mvn -B -pl dashboard -am verify -Dtest=DashboardTest -Dsurefire.failIfNoSpecifiedTests=false"));
    }

    @Test
    void signInChecksTheEngineerWithoutABrowserChallenge() {
        given().get("/api/session").then().statusCode(401).header("WWW-Authenticate", nullValue());
        given().header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("engineer:wrong".getBytes()))
                .get("/api/session").then().statusCode(401);
        given().header("Authorization", FakeServices.ENGINEER).get("/api/session").then().statusCode(200)
                .body("user", equalTo("engineer")).body("engineer", equalTo(true));
    }

    @Test
    void engineerActionsGoToTheOptimizerWithTheEngineersCredentials() {
        FakeServices.CALLS.clear();
        given().header("Authorization", FakeServices.ENGINEER).contentType("application/json")
                .body("{\"mode\":\"MANUAL\",\"reason\":\"road works\"}")
                .put("/api/intersections/T1/mode").then().statusCode(200);
        given().header("Authorization", FakeServices.ENGINEER).contentType("application/json").body("{}")
                .post("/api/intersections/T1/pending/T1@7/approve").then().statusCode(200);
        var calls = FakeServices.CALLS.stream().filter(c -> !c.method().equals("GET")).toList();
        assertThat(calls).extracting(FakeServices.Call::method, FakeServices.Call::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PUT", "/api/v1/intersections/T1/mode"),
                        org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/intersections/T1/pending/T1%407/approve"));
        assertThat(calls).allMatch(c -> FakeServices.ENGINEER.equals(c.authorization()));
        assertThat(calls.get(0).body()).contains("\"mode\":\"MANUAL\"").contains("road works");

        // without credentials the optimizer says 401; the browser gets it without the Basic challenge
        given().contentType("application/json").body("{\"mode\":\"AUTO\"}").put("/api/intersections/T1/mode")
                .then().statusCode(401).header("WWW-Authenticate", nullValue());
        // nobody signed in: 401 before the request is even looked at, and the optimizer never hears of it
        long forwarded = FakeServices.CALLS.stream().filter(c -> !c.method().equals("GET")).count();
        given().contentType("application/json").body("{\"mode\":\"TURBO\"}").put("/api/intersections/T1/mode")
                .then().statusCode(401);
        given().contentType("application/json").body("{}").post("/api/intersections/T1/pending/T1@7/reject")
                .then().statusCode(401);
        assertThat(FakeServices.CALLS.stream().filter(c -> !c.method().equals("GET")).count()).isEqualTo(forwarded);
        // nonsense never leaves the dashboard
        long before = FakeServices.CALLS.stream().filter(c -> !c.method().equals("GET")).count();
        given().header("Authorization", FakeServices.ENGINEER).contentType("application/json")
                .body("{\"mode\":\"TURBO\"}").put("/api/intersections/T1/mode").then().statusCode(400);
        assertThat(FakeServices.CALLS.stream().filter(c -> !c.method().equals("GET")).count()).isEqualTo(before);
    }

    @Test
    void topicsGiveQueuesPerApproachControllerStateTwinAndDeadLetters() {
        Instant t = Instant.now().minusSeconds(30);
        Intersection t1 = new Intersection("T1", "T1", 10, 20,
                List.of(new Intersection.Link(0, "w_0", "e_0", false, List.of(1), 2),
                        new Intersection.Link(1, "n_0", "s_0", false, List.of(0), 2)),
                List.of(new Intersection.Phase(0, "Gr", 30), new Intersection.Phase(2, "rG", 30)),
                List.of(new Intersection.Detector("w_0#0", "w_0", "area", 50, 0, 50, "approach"),
                        new Intersection.Detector("w_1#0", "w_1", "area", 50, 0, 50, "approach"),
                        new Intersection.Detector("n_0#0", "n_0", "area", 50, 0, 50, "approach"),
                        new Intersection.Detector("e_0#out", "e_0", "area", 50, 0, 50, "exit")),
                List.of(new Intersection.ProgramStep("Gr", 30), new Intersection.ProgramStep("yr", 3)),
                Intersection.SafetyLimits.defaults());
        TopicProbe.send(bootstrap, Topics.INTERSECTIONS, "T1", json(t1));
        send(Topics.DETECTOR_READINGS, "T1", new DetectorReading("T1", "w_0#0", t, 5, 0.6, 4, t, "http"));
        send(Topics.DETECTOR_READINGS, "T1", new DetectorReading("T1", "w_1#0", t, 3, 0.4, 2, t, "http"));
        send(Topics.DETECTOR_READINGS, "T1", new DetectorReading("T1", "n_0#0", t, 1, 0.1, 0, t, "http"));
        send(Topics.DETECTOR_READINGS, "T1", new DetectorReading("T1", "e_0#out", t, 2, 0.3, 2, t, "http"));
        send(Topics.CONTROLLER_STATES, "T1", new ControllerState("T1", t, "Gr", 0, false, 12, "T1@6", "PLAN"));
        send(Topics.TWIN_METRICS, "greenwave", new TwinMetrics("run-a", "town", "greenwave", 1, Instant.now(),
                25300, 25200, 30600, 50, 10, 40, 7, 30.5, 4, null, t));
        send(Topics.TWIN_METRICS, "fixed", new TwinMetrics("run-a", "town", "fixed", 1, Instant.now(),
                25300, 25200, 30600, 50, 9, 41, 9, 41.0, 4, null, null));
        TopicProbe.send(bootstrap, Topics.DETECTOR_READINGS_DLQ, "T1", "{not json");

        JsonPath detail = eventually(() -> given().get("/api/intersections/T1").then().statusCode(200).extract()
                .jsonPath(), j -> j.get("queues") != null && j.getInt("queues.halting") == 6
                && j.get("controller") != null);
        assertThat(detail.getList("queues.approaches.edge")).containsExactly("n", "w");
        assertThat(detail.getInt("queues.approaches.find { it.edge == 'w' }.lanes")).isEqualTo(2);
        assertThat(detail.getInt("queues.approaches.find { it.edge == 'w' }.halting")).isEqualTo(6);
        assertThat(detail.getInt("queues.exitHalting")).isEqualTo(2);
        assertThat(detail.getString("controller.planId")).isEqualTo("T1@6");
        assertThat(detail.getString("pendingPlan.planId")).isEqualTo("T1@7");
        assertThat(detail.getString("audit[0].reason")).isEqualTo("longer green for the queue");

        JsonPath overview = eventually(() -> given().get("/api/overview").then().statusCode(200).extract().jsonPath(),
                j -> j.get("twin.controllers.fixed") != null && j.get("health.deadLetters") != null
                        && !j.getMap("health.deadLetters").isEmpty()
                        && j.getInt("intersections.find { it.id == 'T1' }.queues.halting") == 6);
        assertThat(overview.getDouble("twin.controllers.greenwave.meanDelaySeconds")).isEqualTo(30.5);
        assertThat(overview.getList("twin.series.fixed")).hasSize(1);
        assertThat(overview.getMap("health.deadLetters")).containsKey(Topics.DETECTOR_READINGS_DLQ);
        assertThat(overview.getString("health.services.signal-optimizer")).isEqualTo("UP");
    }

    @Test
    void mapIsEmptyWithoutANetworkFile() {
        given().get("/api/map").then().statusCode(200).body("empty", equalTo(true));
    }

    private void send(String topic, String key, Object event) {
        TopicProbe.send(bootstrap, topic, key, json(event));
    }

    private static String json(Object event) {
        return new String(Json.toBytes(event), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JsonPath eventually(Supplier<JsonPath> read, java.util.function.Predicate<JsonPath> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = read.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException | AssertionError e) {
                // not there yet
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("condition not reached within 30 s; last answer: "
                + (last == null ? null : last.prettify()));
    }
}
