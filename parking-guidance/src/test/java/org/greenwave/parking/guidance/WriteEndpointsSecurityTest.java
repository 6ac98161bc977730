package org.greenwave.parking.guidance;

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
 * parking-guidance publishes open data and takes no writes: its OpenAPI document must list none, and any write it
 * ever gets must refuse callers without credentials (401) and a device key (403). Read from the service itself, so
 * an endpoint added later is checked without anyone remembering to list it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class WriteEndpointsSecurityTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void noWriteEndpointIsOpen() {
        String base = root.toString().replaceAll("/$", "");
        List<WriteEndpoints.Endpoint> endpoints = WriteEndpoints.of(base);
        for (WriteEndpoints.Endpoint e : endpoints) {
            assertThat(WriteEndpoints.call(base, e, Map.of()).status()).as(e + " without credentials").isEqualTo(401);
        }
        assertThat(endpoints).as("parking-guidance is read-only").isEmpty();
        assertThat(WriteEndpoints.call(base, new WriteEndpoints.Endpoint("GET", "", "/api/v1/signs"), Map.of())
                .status()).isEqualTo(200);
        ReliabilityLog.write(new ReliabilityLog.Row("security-parking-guidance", "security",
                "parking-guidance: write endpoints in its OpenAPI document", endpoints.size() + " write endpoints",
                "0 let through", "read-only service: open data (NGSI-LD, DATEX II, signs) is public by design",
                "mvn -B -pl parking-guidance -am verify -Dtest=WriteEndpointsSecurityTest -Dsurefire.failIfNoSpecifiedTests=false"));
    }
}
