package org.greenwave.optimizer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.greenwave.kafka.embedded.ReliabilityLog;
import org.greenwave.kafka.embedded.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * The production set-up: people sign in with OIDC bearer tokens (JWT) and reads are protected. The identity
 * provider is stood in for by a key pair generated here (no network, no key in the repository): the service gets
 * only the public key ({@code quarkus.oidc.public-key}), the test signs tokens with the private one.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(ProductionSecurityTest.Production.class)
class ProductionSecurityTest {

    static final String ISSUER = "https://login.example.invalid/realms/bergheim";
    static final KeyPair KEYS = rsa();
    static final KeyPair OTHER_KEYS = rsa();

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()),
                    "quarkus.oidc.token.issuer", ISSUER,
                    "greenwave.auth.protect-reads", "true");
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String user, Set<String> groups, KeyPair keys, long expiresInSeconds) {
        return Jwt.issuer(ISSUER).upn(user).subject(user).groups(groups)
                .issuedAt(Instant.now().minusSeconds(5)).expiresAt(Instant.now().plusSeconds(expiresInSeconds))
                .sign(keys.getPrivate());
    }

    private String register() {
        String id = "JWT-" + UUID.randomUUID();
        TopicProbe.send(KafkaBrokerTestResource.broker().bootstrapServers(), Topics.INTERSECTIONS, id,
                new String(Json.toBytes(PlansThroughKafkaTest.cross(id))));
        String viewer = token("vera", Set.of("viewer"), KEYS, 300);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                given().auth().oauth2(viewer).get("/api/v1/intersections").then().extract().jsonPath()
                        .getList("id").contains(id));
        return id;
    }

    @Test
    void engineersWithATokenWriteOthersAreRefused() {
        String id = register();
        String body = "{\"mode\":\"ADVISORY\",\"reason\":\"signed in with OIDC\"}";
        String path = "/api/v1/intersections/" + id + "/mode";
        given().auth().oauth2(token("erika", Set.of("engineer"), KEYS, 300)).contentType("application/json")
                .body(body).put(path).then().statusCode(200).body("mode", equalTo("ADVISORY"));
        given().auth().oauth2(token("vera", Set.of("viewer"), KEYS, 300)).contentType("application/json")
                .body(body).put(path).then().statusCode(403);
        // forged (another key), expired, or garbage: not a person at all
        given().auth().oauth2(token("mallory", Set.of("engineer"), OTHER_KEYS, 300)).contentType("application/json")
                .body(body).put(path).then().statusCode(401);
        given().auth().oauth2(token("erika", Set.of("engineer"), KEYS, -120)).contentType("application/json")
                .body(body).put(path).then().statusCode(401);
        given().auth().oauth2("not.a.jwt").contentType("application/json").body(body).put(path).then().statusCode(401);
        given().contentType("application/json").body(body).put(path).then().statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.notNullValue());
        // the audit trail names the person from the token
        given().auth().oauth2(token("vera", Set.of("viewer"), KEYS, 300)).queryParam("intersection", id)
                .get("/api/v1/audit").then().statusCode(200).body("actor", org.hamcrest.Matchers.hasItem("erika"));
    }

    @Test
    void protectedReadsNeedAViewerControllerOrEngineer() {
        given().get("/api/v1/intersections").then().statusCode(401);
        given().header("X-API-Key", "unknown").get("/api/v1/intersections").then().statusCode(401);
        given().auth().oauth2(token("vera", Set.of("viewer"), KEYS, 300)).get("/api/v1/intersections")
                .then().statusCode(200);
        given().header("X-API-Key", "test-controller-key").get("/api/v1/intersections").then().statusCode(200);
        given().auth().preemptive().basic("test-viewer", "test-viewer-password").get("/api/v1/audit")
                .then().statusCode(200);
        // a token without any greenwave role reads nothing
        given().auth().oauth2(token("guest", Set.of("staff"), KEYS, 300)).get("/api/v1/intersections")
                .then().statusCode(403);
        // health and metrics stay open for the orchestrator
        given().get("/q/health/live").then().statusCode(200);
        ReliabilityLog.write(new ReliabilityLog.Row("security-oidc", "security",
                "signal-optimizer in production mode: OIDC bearer tokens (JWT signed with a generated test key) and"
                        + " protected reads; tokens forged with another key, expired, malformed, without a role",
                "9 requests with tokens, 5 without or with keys/Basic", "0 let through",
                "engineer token writes (audited by name), viewer token 403 on writes, forged/expired/garbage 401,"
                        + " reads need viewer/controller/engineer",
                "mvn -B -pl signal-optimizer -am verify -Dtest=ProductionSecurityTest -Dsurefire.failIfNoSpecifiedTests=false"));
    }
}
