package org.greenwave.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.greenwave.kafka.embedded.ReliabilityLog;
import org.greenwave.kafka.embedded.WriteEndpoints;
import org.junit.jupiter.api.Test;

/**
 * Every write endpoint the service declares (read from its own OpenAPI document, so a new one cannot be
 * forgotten): 401 with an API-key challenge without credentials, with an unknown key and with HTTP Basic (people do
 * not write readings); 403 with a field controller's key (role {@code controller}, not {@code device}).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class WriteEndpointsSecurityTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyWriteEndpointRefusesStrangersAndTheWrongRole() {
        String base = root.toString().replaceAll("/$", "");
        List<WriteEndpoints.Endpoint> endpoints = WriteEndpoints.of(base);
        assertThat(endpoints).extracting(WriteEndpoints.Endpoint::template)
                .contains("/api/v1/detector-readings", "/api/v1/parking-occupancy");
        int checks = 0;
        for (WriteEndpoints.Endpoint e : endpoints) {
            for (Map<String, String> stranger : List.of(Map.<String, String>of(), Map.of("X-API-Key", "no-such-key"),
                    Map.of("Authorization", WriteEndpoints.basic("engineer", "test-engineer-password")))) {
                WriteEndpoints.Answer answer = WriteEndpoints.call(base, e, stranger);
                assertThat(answer.status()).as(e + " with " + stranger.keySet()).isEqualTo(401);
                assertThat(answer.challenges()).as(e + " challenge").contains("ApiKey header=\"X-API-Key\"");
                checks++;
            }
            assertThat(WriteEndpoints.call(base, e, Map.of("X-API-Key", "test-controller-key")).status())
                    .as(e + " with a controller key").isEqualTo(403);
            checks++;
        }
        ReliabilityLog.write(new ReliabilityLog.Row("security-traffic-ingest", "security",
                        "traffic-ingest: every write endpoint without credentials, with an unknown key, with HTTP Basic,"
                                + " with a field controller's key",
                        endpoints.size() + " write endpoints (from /q/openapi), " + checks + " requests",
                        "0 let through", "401 + WWW-Authenticate: ApiKey; 403 for the wrong role",
                        "mvn -B -pl traffic-ingest -am verify -Dtest=WriteEndpointsSecurityTest -Dsurefire.failIfNoSpecifiedTests=false"),
                Map.of("endpoints", endpoints.size(), "requests", checks));
    }
}
