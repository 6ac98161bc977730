package org.greenwave.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.greenwave.kafka.embedded.ReliabilityLog;
import org.greenwave.kafka.embedded.WriteEndpoints;
import org.junit.jupiter.api.Test;

/**
 * Every write endpoint of signal-optimizer (read from its OpenAPI document, so a new one cannot be forgotten) is for
 * engineers only: 401 without credentials (one challenge per accepted scheme: API key and Basic), 401 with a wrong
 * password (Basic challenge), 403 for a viewer, a field controller's key and a device key. Reads stay public.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class WriteEndpointsSecurityTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Test
    void everyWriteEndpointIsForEngineersOnly() {
        String base = root.toString().replaceAll("/$", "");
        List<WriteEndpoints.Endpoint> endpoints = WriteEndpoints.of(base);
        assertThat(endpoints).extracting(WriteEndpoints.Endpoint::template).contains(
                "/api/v1/intersections/{id}/mode", "/api/v1/intersections/{id}/manual-plan",
                "/api/v1/intersections/{id}/pending/{planId}/approve",
                "/api/v1/intersections/{id}/pending/{planId}/reject");
        int checks = 0;
        for (WriteEndpoints.Endpoint e : endpoints) {
            WriteEndpoints.Answer none = WriteEndpoints.call(base, e, Map.of());
            assertThat(none.status()).as(e + " without credentials").isEqualTo(401);
            assertThat(none.challenges()).as(e + " challenges")
                    .containsExactlyInAnyOrder("ApiKey header=\"X-API-Key\"", "Basic realm=\"greenwave\"");
            WriteEndpoints.Answer wrong = WriteEndpoints.call(base, e,
                    Map.of("Authorization", WriteEndpoints.basic("engineer", "wrong")));
            assertThat(wrong.status()).as(e + " wrong password").isEqualTo(401);
            assertThat(wrong.challenges()).as(e + " Basic challenge") // schemes are case-insensitive
                    .usingElementComparator(String.CASE_INSENSITIVE_ORDER).containsExactly("Basic realm=\"greenwave\"");
            assertThat(WriteEndpoints.call(base, e, Map.of("X-API-Key", "unknown")).challenges())
                    .containsExactly("ApiKey header=\"X-API-Key\"");
            checks += 3;
            for (Map<String, String> wrongRole : List.of(
                    Map.of("Authorization", WriteEndpoints.basic("test-viewer", "test-viewer-password")),
                    Map.of("X-API-Key", "test-controller-key"), Map.of("X-API-Key", "test-demo-key"))) {
                assertThat(WriteEndpoints.call(base, e, wrongRole).status()).as(e + " with " + wrongRole.keySet())
                        .isEqualTo(403);
                checks++;
            }
        }
        // reads are public by default (greenwave.auth.protect-reads=false)
        assertThat(WriteEndpoints.call(base, new WriteEndpoints.Endpoint("GET", "", "/api/v1/intersections"),
                Map.of()).status()).isEqualTo(200);
        ReliabilityLog.write(new ReliabilityLog.Row("security-signal-optimizer", "security",
                        "signal-optimizer: every write endpoint without credentials, with a wrong password, an unknown key,"
                                + " as viewer, with a controller key, with a device key",
                        endpoints.size() + " write endpoints (from /q/openapi), " + checks + " requests",
                        "0 let through", "401 with the challenges of every accepted scheme (or of the one tried);"
                                + " 403 for every role but engineer",
                        "mvn -B -pl signal-optimizer -am verify -Dtest='*SecurityTest' -Dsurefire.failIfNoSpecifiedTests=false"),
                Map.of("endpoints", endpoints.size(), "requests", checks));
    }

    @Test
    void kafkaSecuritySettingsReachTheStateReaders() {
        assertThat(kafka).containsEntry("security.protocol", "PLAINTEXT");
        assertThat(org.greenwave.service.support.KafkaClientConfig.clientProperties(kafka))
                .containsEntry("security.protocol", "PLAINTEXT").containsKey("bootstrap.servers");
    }
}
