package org.greenwave.sumo.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.greenwave.contracts.EventSchemas;
import org.greenwave.contracts.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the twin posts to traffic-ingest, checked by a local HTTP endpoint that plays ingest's answers. */
class IngestFieldDevicesTest {

    HttpServer server;
    final List<JsonNode> bodies = new ArrayList<>();
    final List<String> keys = new ArrayList<>();
    final AtomicInteger unavailableAnswers = new AtomicInteger();
    volatile int status = 202;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/detector-readings", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int answer = status;
            if (unavailableAnswers.get() > 0) {
                unavailableAnswers.decrementAndGet();
                answer = 503;
            } else {
                synchronized (bodies) {
                    bodies.add(Json.mapper().readTree(body));
                    keys.add(exchange.getRequestHeaders().getFirst("X-API-Key"));
                }
            }
            byte[] reply = "{\"errors\":[{\"index\":0,\"reason\":\"bad\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static List<FieldReading> readings(int n) {
        List<FieldReading> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new FieldReading("A0", "left0A0_0#" + (i % 2), Instant.parse("2026-11-28T07:00:00Z").plusSeconds(i),
                    i % 5, 0.125, i % 3));
        }
        return list;
    }

    @Test
    void postsSpecShapedReadingsInBatchesWithTheDeviceKey() {
        IngestFieldDevices devices = new IngestFieldDevices(url(), "dev-key-1");
        devices.send(readings(4500));
        assertThat(bodies).hasSize(3);
        assertThat(bodies.get(0)).hasSize(IngestFieldDevices.BATCH);
        assertThat(bodies.get(2)).hasSize(500);
        assertThat(keys).containsOnly("dev-key-1");
        JsonNode first = bodies.get(0).get(0);
        assertThat(EventSchemas.validate(EventSchemas.FIELD_DETECTOR_READING, first)).isEmpty();
        assertThat(first.get("timestamp").asText()).isEqualTo("2026-11-28T07:00:00Z");
        assertThat(first.get("detectorId").asText()).isEqualTo("left0A0_0#0");
        assertThat(first.get("occupancy").asDouble()).isEqualTo(0.125);
        assertThat(devices.sent()).isEqualTo(4500);
    }

    @Test
    void retriesWhileKafkaIsUnavailableAndReportsRefusals() {
        IngestFieldDevices devices = new IngestFieldDevices(url(), "k");
        unavailableAnswers.set(2);
        devices.send(readings(3));
        assertThat(bodies).hasSize(1);

        status = 400;
        assertThatThrownBy(() -> devices.send(readings(1))).isInstanceOf(FieldDevices.FieldDeviceException.class)
                .hasMessageContaining("400").hasMessageContaining("bad")
                .satisfies(e -> assertThat(((FieldDevices.FieldDeviceException) e).status()).isEqualTo(400));
    }
}
