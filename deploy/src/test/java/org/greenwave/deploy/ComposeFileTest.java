package org.greenwave.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.greenwave.contracts.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose: the file is valid Compose (the Compose Specification's JSON Schema, vendored), and it agrees with
 * the code: images, ports, health endpoints and configuration variables of each service, the Kafka version of the
 * clients, the topics of contracts {@code Topics}; mounted files exist; secrets are only referenced.
 */
class ComposeFileTest {

    static final Path DIR = Repo.deploy().resolve("compose");
    static JsonNode compose;

    @BeforeAll
    static void read() {
        compose = StrictModels.read(DIR.resolve("compose.yaml")).get(0).tree();
    }

    @Test
    void isValidCompose() throws IOException {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                // Compose writes durations the Go way ("10s"); the schema's "duration" format means ISO 8601.
                .formatAssertionsEnabled(false).build();
        try (InputStream in = getClass().getResourceAsStream("/schemas/compose-spec.json")) {
            JsonNode schema = StrictModels.YAML.readTree(in);
            // The schema still names its definitions with draft-04 "id"s, which draft 2019-09 does not know: they
            // are only labels (every reference is a JSON pointer), so they are dropped before use.
            dropIds(schema, false);
            var validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(schema, config);
            Set<ValidationMessage> errors = validator.validate(compose);
            assertThat(errors).isEmpty();
            // and it would notice a mistake
            JsonNode broken = StrictModels.YAML.readTree(new StringReader(
                    "services: {kafka: {image: x, helthcheck: {test: [CMD, true]}}}"));
            assertThat(validator.validate(broken)).isNotEmpty();
        }
    }

    @Test
    void kafkaIsTheOfficialImageInTheClientsVersionInKraftMode() {
        JsonNode kafka = compose.path("services").path("kafka");
        assertThat(kafka.path("image").asText()).isEqualTo("apache/kafka:" + Versions.kafka());
        assertThat(compose.path("services").path("kafka-topics").path("image").asText())
                .isEqualTo(kafka.path("image").asText());
        JsonNode env = kafka.path("environment");
        assertThat(env.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(env.path("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText()).isEqualTo("false");
        assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText()).contains("PLAINTEXT://kafka:9092");
        assertThat(kafka.path("healthcheck").path("test").toString()).contains("kafka-broker-api-versions");
    }

    @Test
    void servicesAgreeWithTheirConfiguration() {
        for (String module : Repo.SERVICES) {
            ServiceConfig config = ServiceConfig.of(module);
            JsonNode service = compose.path("services").path(module);
            assertThat(service.isObject()).as(module + " in compose.yaml").isTrue();
            assertThat(service.path("image").asText())
                    .isEqualTo("greenwave/" + module + ":${GREENWAVE_VERSION:-" + Versions.project() + "}");
            Map<String, String> env = environment(service);
            assertThat(env.keySet()).allSatisfy(name ->
                    assertThat(config.knows(name)).as(module + " knows " + name).isTrue());
            int port = config.httpPort();
            assertThat(env).containsEntry("QUARKUS_HTTP_PORT", Integer.toString(port))
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
            assertThat(service.path("ports").get(0).asText()).isEqualTo(port + ":" + port);
            String health = service.path("healthcheck").path("test").toString();
            assertThat(health).contains("/dev/tcp/127.0.0.1/" + port).contains("GET /q/health/ready ")
                    .contains(" 200 ");
            assertThat(service.path("depends_on").path("kafka-topics").path("condition").asText())
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void topicsAreTheContractsTopics() throws IOException {
        Map<String, String[]> topics = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("topics.conf"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.trim().split("\\s+");
                assertThat(f).as(line).hasSize(4);
                topics.put(f[0], f);
            }
        }
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        topics.forEach((name, f) -> assertThat(f[2]).as(name)
                .isEqualTo(Topics.COMPACTED.contains(name) ? "compact" : "delete"));
        assertThat(KubernetesManifestsTest.CO_PARTITIONED.stream().map(t -> topics.get(t)[1]).distinct()).hasSize(1);
        Duration keepHistory = Duration.parse(ServiceConfig.of("parking-guidance")
                .property("greenwave.parking.forecast.keep-history").orElse("P70D"));
        assertThat(Long.parseLong(topics.get(Topics.PARKING_OCCUPANCY)[3])).isGreaterThanOrEqualTo(keepHistory.toMillis());
        assertThat(Files.readString(DIR.resolve("create-topics.sh"))).contains("--if-not-exists");
    }

    @Test
    void mountedFilesExistAndPrometheusScrapesTheServices() throws IOException {
        List<String> missing = new ArrayList<>();
        compose.path("services").forEach(service -> service.path("volumes").forEach(v -> {
            String source = v.asText().split(":")[0];
            if (source.startsWith(".") && !Files.exists(DIR.resolve(source))) {
                missing.add(source);
            }
        }));
        assertThat(missing).isEmpty();

        String prometheus = Files.readString(DIR.resolve("../prometheus/prometheus.yml"));
        for (String module : Repo.SERVICES) {
            ServiceConfig config = ServiceConfig.of(module);
            assertThat(prometheus).contains("\"" + module + ":" + config.httpPort() + "\"");
            assertThat(prometheus).contains("metrics_path: "
                    + config.property("quarkus.micrometer.export.prometheus.path").orElseThrow());
        }
    }

    @Test
    void secretsAreOnlyReferenced() throws IOException {
        String text = Files.readString(DIR.resolve("compose.yaml"));
        assertThat(text).as("no hashes or keys in the file").doesNotContainPattern("[0-9a-fA-F]{32,}");
        Set<String> referenced = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(text);
        while (m.find()) {
            referenced.add(m.group(1));
        }
        Properties example = new Properties();
        example.load(new StringReader(Files.readString(DIR.resolve(".env.example")).replaceAll("(?m)^# ?([A-Z_]+=)", "$1")));
        assertThat(example.stringPropertyNames()).containsAll(referenced);
        assertThat(Files.readString(DIR.resolve(".gitignore")).lines()).contains(".env");
        compose.path("secrets").forEach(s -> {
            String file = s.path("file").asText();
            assertThat(file).startsWith("./secrets/");
        });
        assertThat(Files.readString(DIR.resolve("secrets/.gitignore")).lines()).contains("*");
    }

    private static void dropIds(JsonNode node, boolean isPropertiesMap) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            if (!isPropertiesMap && object.path("id").isTextual()) {
                object.remove("id");
            }
            object.fields().forEachRemaining(e -> dropIds(e.getValue(),
                    e.getKey().equals("properties") || e.getKey().equals("patternProperties")));
        } else if (node != null && node.isArray()) {
            node.forEach(n -> dropIds(n, false));
        }
    }

    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new HashMap<>();
        service.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }
}
