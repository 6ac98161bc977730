package org.greenwave.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.greenwave.cli.runtime.Ports;
import org.greenwave.cli.runtime.ServiceProcess;
import org.greenwave.contracts.Topics;
import org.greenwave.kafka.embedded.EmbeddedKafka;
import org.greenwave.kafka.embedded.ReliabilityLog;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * traffic-ingest against a broker that only talks TLS with SASL authentication (SASL_SSL, mechanism PLAIN), set up
 * exactly as service-support's README says, with nothing but {@code kafka.*} settings: a certificate and a password
 * generated for this run (nothing secret in the repository). Readings over HTTP and over the raw topic reach
 * {@code traffic.detector-readings} once each through the secured listener; a client with a wrong password is
 * refused by the broker.
 */
@Order(6)
class KafkaTlsSaslTest {

    static final String COMMAND = "mvn -B -pl reliability -am verify -Dtest=KafkaTlsSaslTest -Dsurefire.failIfNoSpecifiedTests=false";
    static final String USER = "traffic-ingest";

    @TempDir
    Path dir;

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("keytool " + String.join(" ", args) + ": " + out).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    @Test
    void ingestTalksTlsAndSaslWithKafkaSetOnlyByKafkaSettings() throws Exception {
        String storePassword = UUID.randomUUID().toString();
        String kafkaPassword = UUID.randomUUID().toString();
        Path keystore = dir.resolve("broker.p12");
        Path certificate = dir.resolve("broker.crt");
        Path truststore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", storePassword, "-keypass", storePassword);
        keytool("-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", storePassword, "-rfc", "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-keystore",
                truststore.toString(), "-storetype", "PKCS12", "-storepass", storePassword);

        int securePort = Ports.free();
        // the broker: its usual PLAINTEXT listener (for this test's own reading) plus SECURE = SASL_SSL
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, 1, null, props -> {
            append(props, "listeners", "SECURE://localhost:" + securePort);
            if (props.getProperty("advertised.listeners") != null) { // else it defaults to the listeners
                append(props, "advertised.listeners", "SECURE://localhost:" + securePort);
            }
            append(props, "listener.security.protocol.map", "SECURE:SASL_SSL");
            props.setProperty("sasl.enabled.mechanisms", "PLAIN");
            props.setProperty("listener.name.secure.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + USER + "=\""
                            + kafkaPassword + "\";");
            props.setProperty("listener.name.secure.ssl.keystore.location", keystore.toString());
            props.setProperty("listener.name.secure.ssl.keystore.type", "PKCS12");
            props.setProperty("listener.name.secure.ssl.keystore.password", storePassword);
            props.setProperty("listener.name.secure.ssl.key.password", storePassword);
        })) {
            // traffic-ingest with the settings of service-support's README "Kafka TLS and SASL", nothing else
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("kafka.bootstrap.servers", "localhost:" + securePort);
            settings.put("kafka.security.protocol", "SASL_SSL");
            settings.put("kafka.sasl.mechanism", "PLAIN");
            settings.put("kafka.sasl.jaas.config", jaas(USER, kafkaPassword));
            settings.put("kafka.ssl.truststore.location", truststore.toString());
            settings.put("kafka.ssl.truststore.type", "PKCS12");
            settings.put("kafka.ssl.truststore.password", storePassword);
            String key = "tls-" + UUID.randomUUID();
            settings.put("greenwave.demo.device-key", key);
            int port = Ports.free();
            try (ServiceProcess ingest = ServiceProcess.start(IngestUnderTest.HOME, "traffic-ingest", port, settings,
                    dir, "256m")) {
                ingest.awaitReady(Duration.ofSeconds(120)); // readiness includes Kafka: connected through TLS + SASL

                String run = "TLS" + System.nanoTime();
                Instant t = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
                List<String> expected = new ArrayList<>();
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < 100; i++) {
                    String detector = run + "-i" + (i / 10) + "_d" + i;
                    expected.add(detector);
                    body.append(i == 0 ? "" : ",").append(reading(run + "-i" + (i / 10), detector, t));
                }
                body.append(']');
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(ingest.url() + "/api/v1/detector-readings")).header("X-API-Key", key)
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);

                // a device that speaks Kafka, also through the secured listener
                Properties device = secureClient(securePort, truststore, storePassword, kafkaPassword);
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(device, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
                    for (int i = 0; i < 50; i++) {
                        String detector = run + "-raw_d" + i;
                        expected.add(detector);
                        producer.send(new ProducerRecord<>(Topics.FIELD_DETECTOR_READINGS,
                                (run + "-raw").getBytes(StandardCharsets.UTF_8),
                                reading(run + "-raw", detector, t).getBytes(StandardCharsets.UTF_8))).get(30,
                                TimeUnit.SECONDS);
                    }
                }

                // read back on the broker's own PLAINTEXT listener: every reading once
                Map<String, Integer> counts = new HashMap<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline) {
                    counts.clear();
                    IngestUnderTest.readAll(kafka.bootstrapServers(), Topics.DETECTOR_READINGS).forEach(r -> {
                        String value = new String(r.value(), StandardCharsets.UTF_8);
                        expected.stream().filter(d -> value.contains("\"" + d + "\"")).forEach(d ->
                                counts.merge(d, 1, Integer::sum));
                    });
                    if (counts.size() == expected.size()) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(counts.values()).allMatch(c -> c == 1);

                // the broker refuses a client with a wrong password
                Properties intruder = secureClient(securePort, truststore, storePassword, "wrong-" + kafkaPassword);
                intruder.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(intruder, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
                    assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.FIELD_DETECTOR_READINGS,
                            "x".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS))
                            .satisfies(e -> assertThat(e instanceof SaslAuthenticationException
                                    || e instanceof ExecutionException && e.getCause() instanceof SaslAuthenticationException)
                                    .as(e.toString()).isTrue());
                }
                ReliabilityLog.write(new ReliabilityLog.Row("security-kafka-tls-sasl", "security",
                        "Kafka only over TLS with SASL (SASL_SSL, PLAIN; certificate and password generated per run):"
                                + " traffic-ingest configured with kafka.* settings only; a client with a wrong password",
                        "100 readings over HTTP, 50 records from a Kafka device, 1 intruding client",
                        "0 lost, 0 duplicated, 0 let in",
                        "ingest ready through the secured listener; every reading in traffic.detector-readings once;"
                                + " the wrong password refused by the broker (SaslAuthenticationException)",
                        COMMAND));
            }
        }
    }

    private static void append(Properties props, String key, String value) {
        String current = props.getProperty(key);
        props.setProperty(key, current == null || current.isBlank() ? value : current + "," + value);
    }

    private static Properties secureClient(int port, Path truststore, String storePassword, String password) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        p.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        p.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(USER, password));
        p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toString());
        p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, storePassword);
        return p;
    }

    private static String reading(String intersection, String detector, Instant t) {
        return "{\"intersectionId\":\"" + intersection + "\",\"detectorId\":\"" + detector + "\",\"timestamp\":\"" + t
                + "\",\"vehicleCount\":2,\"occupancy\":0.2}";
    }
}
