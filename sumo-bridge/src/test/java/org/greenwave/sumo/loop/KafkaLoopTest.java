package org.greenwave.sumo.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.greenwave.contracts.EventSchemas;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.kafka.embedded.EmbeddedKafka;
import org.greenwave.kafka.embedded.TopicProbe;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.twin.DetectorLayout;
import org.greenwave.sumo.twin.Intersections;
import org.greenwave.sumo.twin.VirtualDetectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The twin's Kafka side against a real in-process broker: registry records out, timing plans in. */
class KafkaLoopTest {

    static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void broker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void publishesEveryIntersectionToTheRegistry() throws IOException {
        Path net = dir.resolve("two.net.xml");
        try (InputStream in = getClass().getResourceAsStream("/two-signals.net.xml")) {
            Files.copy(in, net);
        }
        NetworkModel network = NetReader.read(net);
        Map<String, Intersection> intersections = Intersections.of(network,
                VirtualDetectors.place(network, DetectorLayout.standard()));
        IntersectionRegistry.publish(kafka.bootstrapServers(), intersections.values());
        try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers(), Topics.INTERSECTIONS)) {
            List<TopicProbe.Received> records = probe.await(2, Duration.ofSeconds(20));
            assertThat(records).extracting(TopicProbe.Received::key).containsExactlyInAnyOrder("A0", "B0");
            for (TopicProbe.Received r : records) {
                JsonNode json = Json.mapper().readTree(r.value());
                assertThat(EventSchemas.validate(EventSchemas.INTERSECTION, json)).isEmpty();
                assertThat(json.get("links")).hasSize(16);
                assertThat(Json.fromBytes(r.value().getBytes(), Intersection.class)).isEqualTo(intersections.get(r.key()));
            }
        }
    }

    @Test
    void receivesPlansPublishedAfterItStartedAndSkipsWhatIsNotAPlan() {
        TimingPlan old = plan("old");
        TopicProbe.send(kafka.bootstrapServers(), Topics.TIMING_PLANS, "A0", new String(Json.toBytes(old)));
        try (KafkaPlanSource source = new KafkaPlanSource(kafka.bootstrapServers())) {
            TimingPlan fresh = plan("fresh");
            TopicProbe.send(kafka.bootstrapServers(), Topics.TIMING_PLANS, "A0", "not json");
            TopicProbe.send(kafka.bootstrapServers(), Topics.TIMING_PLANS, "A0", new String(Json.toBytes(fresh)));
            List<TimingPlan> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                received.addAll(source.poll(Duration.ofMillis(200)));
            }
            assertThat(received).containsExactly(fresh);
            assertThat(source.skipped()).isEqualTo(1);
        }
    }

    static TimingPlan plan(String id) {
        return new TimingPlan(id, "A0", Instant.parse("2026-11-28T07:00:00Z"), Instant.parse("2026-11-28T07:00:00Z"),
                96, 0, List.of(new TimingPlan.PhaseTiming(0, "GGGgrrrrGGGgrrrr", 40, 5, 40, 3, 2),
                new TimingPlan.PhaseTiming(2, "rrrrGGGgrrrrGGGg", 40, 5, 40, 3, 2)),
                "test-1", "hand-made", "AUTO", null);
    }

    @Test
    void publishesControllerStates() {
        try (KafkaControllerStates sink = new KafkaControllerStates(kafka.bootstrapServers());
             TopicProbe probe = new TopicProbe(kafka.bootstrapServers(), Topics.CONTROLLER_STATES)) {
            Instant at = Instant.parse("2026-11-28T07:00:05Z");
            sink.publish(List.of(
                    new ControllerState("A0", at, "GGGgrrrrGGGgrrrr", 0, false, 5, "p1", ControllerState.PLAN),
                    new ControllerState("B0", at, "yyyyrrrryyyyrrrr", 2, true, 0, null, ControllerState.FALLBACK)));
            sink.flush();
            List<TopicProbe.Received> records = probe.await(2, Duration.ofSeconds(20));
            assertThat(records).extracting(TopicProbe.Received::key).containsExactlyInAnyOrder("A0", "B0");
            assertThat(records).allSatisfy(r -> assertThat(EventSchemas.validate(EventSchemas.CONTROLLER_STATE,
                    Json.mapper().readTree(r.value()))).isEmpty());
        }
    }
}
