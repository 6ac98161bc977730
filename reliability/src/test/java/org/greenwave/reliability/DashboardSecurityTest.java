package org.greenwave.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.greenwave.kafka.embedded.ReliabilityLog;
import org.greenwave.kafka.embedded.WriteEndpoints;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard as it runs in the demo, in front of the real signal-optimizer: every write endpoint it offers (read
 * from its OpenAPI document) refuses a caller without credentials, with a wrong password or with only a device key
 * (401) and a viewer (403), and lets the engineer through; every answer carries the security headers. The dashboard
 * decides nothing itself: it forwards the engineer's own credentials to signal-optimizer, which does.
 */
@Order(5)
@ExtendWith(ServicesPlatform.class)
class DashboardSecurityTest {

    /** Valid for every write endpoint of the dashboard (a mode change; a decision's reason), so only who asks decides. */
    static final String BODY = "{\"mode\":\"AUTO\",\"reason\":\"reliability test\"}";

    static final List<String> HEADERS = List.of("Content-Security-Policy", "X-Content-Type-Options",
            "X-Frame-Options", "Referrer-Policy");

    @Test
    void everyWriteEndpointOfTheDashboardIsForEngineersOnly() throws Exception {
        ServicesPlatform.Running platform = ServicesPlatform.get();
        String base = platform.url("dashboard");
        // the decision is a path parameter limited to approve|reject
        List<WriteEndpoints.Endpoint> endpoints = WriteEndpoints.of(base, Map.of("decision", "approve"));
        assertThat(endpoints).isNotEmpty();
        Map<String, String> viewer = Map.of("Authorization",
                WriteEndpoints.basic(platform.viewerUser(), platform.viewerPassword()));
        Map<String, String> device = Map.of("X-API-Key", platform.ids().deviceKey());
        Map<String, String> engineer = Map.of("Authorization",
                WriteEndpoints.basic(platform.ids().engineerUser(), platform.ids().engineerPassword()));
        int requests = 0;
        for (WriteEndpoints.Endpoint e : endpoints) {
            assertThat(WriteEndpoints.call(base, e, Map.of(), BODY).status()).as(e + " without credentials").isEqualTo(401);
            assertThat(WriteEndpoints.call(base, e, Map.of("Authorization", WriteEndpoints.basic(
                    platform.ids().engineerUser(), "wrong")), BODY).status()).as(e + " wrong password").isEqualTo(401);
            assertThat(WriteEndpoints.call(base, e, viewer, BODY).status()).as(e + " as viewer").isEqualTo(403);
            // a device key is no credential for people: the dashboard passes on only Authorization
            assertThat(WriteEndpoints.call(base, e, device, BODY).status()).as(e + " with the device key").isEqualTo(401);
            // the engineer gets past the door (the intersection does not exist: 404, or 400 for the empty body)
            assertThat(WriteEndpoints.call(base, e, engineer, BODY).status()).as(e + " as engineer").isNotIn(401, 403);
            requests += 5;
        }
        HttpClient http = HttpClient.newHttpClient();
        int headerChecks = 0;
        for (String path : List.of("/", "/app.js", "/api/overview", "/api/session")) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
            for (String h : HEADERS) {
                assertThat(r.headers().firstValue(h)).as(path + " " + h).isPresent();
                headerChecks++;
            }
        }
        ReliabilityLog.write(new ReliabilityLog.Row("security-dashboard", "security",
                        "dashboard in front of the real signal-optimizer: every write endpoint without credentials, with"
                                + " a wrong password, as viewer, with the device key; security headers",
                        endpoints.size() + " write endpoints (from /q/openapi), " + requests + " requests, "
                                + headerChecks + " header checks on page, script and API",
                        "0 let through",
                        "401 without credentials, with a wrong password or a device key only, 403 for a viewer, the"
                                + " engineer passes;"
                                + " Content-Security-Policy, X-Content-Type-Options, X-Frame-Options, Referrer-Policy on"
                                + " every answer",
                        "mvn -B -pl reliability -am verify -Dtest=DashboardSecurityTest -Dsurefire.failIfNoSpecifiedTests=false"),
                Map.of("endpoints", endpoints.size(), "requests", requests));
    }
}
