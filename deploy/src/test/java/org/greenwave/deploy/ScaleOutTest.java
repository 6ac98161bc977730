package org.greenwave.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.greenwave.cli.runtime.ServiceProcess;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.kafka.embedded.EmbeddedKafka;
import org.greenwave.signal.control.Decision;
import org.greenwave.signal.control.SignalControl;
import org.greenwave.signal.policy.GreenwaveStrategy;
import org.greenwave.signal.policy.HeuristicDischarge;
import org.greenwave.signal.policy.PressurePolicy;
import org.greenwave.signal.safety.SafetyValidator;
import org.junit.jupiter.api.Test;

/**
 * Horizontal scale, proven against the real in-process broker with the real service JVMs (their built
 * {@code target/quarkus-app}, started the way {@code ./greenwave} starts them): two signal-optimizer instances share
 * one consumer group over multi-partition topics; one is killed with SIGKILL in the middle of the stream. Its
 * partitions must move to the survivor, every reported second of every intersection must get exactly one plan
 * (plan ids are {@code intersectionId@epochMillis(dataUntil)}), and the survivor must have the taken-over
 * intersections' state: its plans are exactly those one uninterrupted control loop makes from the same input.
 */
class ScaleOutTest {

    static final int PARTITIONS = 4;
    static final int INTERSECTIONS = 12;
    static final int SECONDS = 50;
    static final int KILL_AFTER = 18;
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    static final Path LOGS = Path.of("target/scale-out").toAbsolutePath();

    /** A two-phase crossing with one detector per approach (the shape the digital twin registers). */
    static Intersection cross(String id) {
        return new Intersection(id, id, 0, 0,
                List.of(new Intersection.Link(0, id + "_w_0", "e_0", false, List.of(1), 0),
                        new Intersection.Link(1, id + "_n_0", "s_0", false, List.of(0), 0)),
                List.of(new Intersection.Phase(0, "Gr", 30), new Intersection.Phase(2, "rG", 30)),
                List.of(new Intersection.Detector(id + "_w_0#0", id + "_w_0", "area", 50),
                        new Intersection.Detector(id + "_n_0#0", id + "_n_0", "area", 50)),
                List.of(new Intersection.ProgramStep("Gr", 30), new Intersection.ProgramStep("yr", 3),
                        new Intersection.ProgramStep("rG", 30), new Intersection.ProgramStep("ry", 3)),
                Intersection.SafetyLimits.defaults());
    }

    /** What a controller running its fixed-time program reports in second s of the cycle. */
    static ControllerState report(String id, Instant t, int s) {
        int c = s % 66;
        if (c < 30) {
            return new ControllerState(id, t, "Gr", 0, false, c + 1, null, ControllerState.LOCAL);
        } else if (c < 33) {
            return new ControllerState(id, t, "yr", 1, true, 0, null, ControllerState.LOCAL);
        } else if (c < 63) {
            return new ControllerState(id, t, "rG", 2, false, c - 32, null, ControllerState.LOCAL);
        }
        return new ControllerState(id, t, "ry", 3, true, 0, null, ControllerState.LOCAL);
    }

    /** Queues that build and clear, different per intersection and approach. */
    static DetectorReading reading(String id, int i, String detector, int d, Instant t, int s) {
        int halting = Math.floorMod(s * (3 + d) + i * 5 - (s / 11) * 7, 12);
        return new DetectorReading(id, detector, t, halting % 4, Math.min(1.0, halting / 12.0), halting, t, "http");
    }

    @Test
    void twoSignalOptimizersShareTheIntersectionsAndOneTakesOverWhenTheOtherIsKilled() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < INTERSECTIONS; i++) {
            ids.add(String.format("SC-%02d", i));
        }
        SignalControl reference = new SignalControl(
                new GreenwaveStrategy(new PressurePolicy(new HeuristicDischarge(), new PressurePolicy.Settings(10, 120))),
                new SafetyValidator(), SignalControl.Settings.defaults());
        ids.forEach(id -> reference.register(cross(id)));

        List<ServiceProcess> services = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, PARTITIONS, null);
             KafkaProducer<String, String> producer = producer(kafka.bootstrapServers());
             KafkaConsumer<String, String> plans = planReader(kafka.bootstrapServers());
             Admin admin = kafka.admin()) {
            for (String id : ids) {
                send(producer, Topics.INTERSECTIONS, id, cross(id), Intersection.SCHEMA);
            }
            producer.flush();

            Map<String, String> props = Map.of(
                    "kafka.bootstrap.servers", kafka.bootstrapServers(),
                    // a killed instance's partitions move after 6 s instead of 45 s (deploy: KAFKA_SESSION_TIMEOUT_MS)
                    "kafka.session.timeout.ms", "6000",
                    "kafka.heartbeat.interval.ms", "1000",
                    // the rule-based forecaster: the in-test reference loop can make exactly the same plans
                    "greenwave.optimizer.forecaster", "rules",
                    "quarkus.log.category.\"org.greenwave\".level", "DEBUG");
            for (String name : List.of("a", "b")) {
                services.add(ServiceProcess.start(Repo.root(), "signal-optimizer", freePort(), props,
                        LOGS.resolve("signal-optimizer-" + name), "384m"));
            }
            for (ServiceProcess s : services) {
                s.awaitReady(Duration.ofSeconds(120));
            }
            await("two signal-optimizer instances own the input partitions", Duration.ofSeconds(60),
                    () -> owners(admin).size() == 2 && owners(admin).values().stream().mapToInt(Set::size).sum()
                            == 2 * PARTITIONS);
            Map<String, Set<TopicPartition>> before = owners(admin);
            await("every instance knows every intersection", Duration.ofSeconds(60),
                    () -> services.stream().allMatch(s -> knows(s, ids)));

            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
            Map<String, TimingPlan> expected = new LinkedHashMap<>();
            Map<String, List<TimingPlan>> received = new HashMap<>();
            ServiceProcess victim = null;
            Set<String> victimsIntersections = Set.of();
            for (int s = 0; s < SECONDS; s++) {
                Instant t = t0.plusSeconds(s);
                Set<String> due = new HashSet<>();
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    List<Decision> decisions = new ArrayList<>();
                    for (int d = 0; d < 2; d++) {
                        String detector = id + (d == 0 ? "_w_0#0" : "_n_0#0");
                        DetectorReading r = reading(id, i, detector, d, t, s);
                        send(producer, Topics.DETECTOR_READINGS, id, r, DetectorReading.SCHEMA);
                        decisions.addAll(reference.onReading(r));
                    }
                    ControllerState state = report(id, t, s);
                    send(producer, Topics.CONTROLLER_STATES, id, state, ControllerState.SCHEMA);
                    decisions.addAll(reference.onControllerState(state));
                    for (Decision decision : decisions) {
                        assertThat(decision.action()).as(decision.plan().planId() + " " + decision.violations())
                                .isEqualTo(Decision.Action.PUBLISH);
                        expected.put(decision.plan().planId(), decision.plan());
                        due.add(decision.plan().planId());
                    }
                }
                producer.flush();
                if (s == KILL_AFTER) {
                    // Mid-stream: this second's records are in Kafka, the instances are working on them.
                    victim = services.get(0);
                    String victimMember = memberOf(before, victim, admin);
                    Set<Integer> lost = before.get(victimMember).stream().map(TopicPartition::partition)
                            .collect(Collectors.toSet());
                    victimsIntersections = ids.stream().filter(id -> lost.contains(partition(id)))
                            .collect(Collectors.toSet());
                    assertThat(victimsIntersections).as("the victim had work").isNotEmpty();
                    ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly(); // SIGKILL
                    victim.close();
                }
                // Lockstep, like the digital twin's closed loop: the next second is reported once this one is
                // decided (so a report never overtakes the readings of the second before it).
                long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
                while (!received.keySet().containsAll(due) && System.nanoTime() < deadline) {
                    poll(plans, received);
                }
                assertThat(received.keySet()).as("plans of second " + s).containsAll(due);
            }
            // Anything late (a second publication would arrive now).
            long quiet = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < quiet) {
                poll(plans, received);
            }

            // Its partitions moved: the survivor alone owns every partition of both input topics.
            Map<String, Set<TopicPartition>> after = owners(admin);
            assertThat(after).hasSize(1);
            assertThat(after.values().iterator().next()).hasSize(2 * PARTITIONS);

            // No plan lost, none published twice: one plan per intersection and reported second.
            Map<String, Integer> twice = new TreeMap<>();
            received.forEach((id, list) -> {
                if (list.size() > 1) {
                    twice.put(id, list.size());
                }
            });
            assertThat(twice).as("plans published more than once").isEmpty();
            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertThat(expected).hasSize(INTERSECTIONS * SECONDS);

            // The survivor had the taken-over intersections' state: its plans are those of an uninterrupted loop.
            List<String> differing = new ArrayList<>();
            for (var e : expected.entrySet()) {
                TimingPlan got = received.get(e.getKey()).get(0);
                if (!Json.mapper().valueToTree(got).equals(Json.mapper().valueToTree(e.getValue()))) {
                    differing.add(e.getKey() + ": got " + got + " expected " + e.getValue());
                }
            }
            assertThat(differing).isEmpty();

            ServiceProcess survivor = services.get(1);
            Instant last = t0.plusSeconds(SECONDS - 1);
            for (String id : victimsIntersections) {
                String body = get(survivor, "/api/v1/intersections/" + id);
                assertThat(body).as(id + " on the survivor").contains("\"planId\":\"" + id + "@" + last.toEpochMilli())
                        .contains("\"timestamp\":\"" + last + "\"");
            }
        } finally {
            services.forEach(ServiceProcess::close);
        }
    }

    // ---------------------------------------------------------------- Kafka helpers

    /** The partition Kafka's default partitioner gives a key (the same in every topic of this partition count). */
    static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static void send(KafkaProducer<String, String> producer, String topic, String key, Object value, String schema) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key,
                new String(Json.toBytes(value), StandardCharsets.UTF_8));
        record.headers().add(Headers.SCHEMA, schema.getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    static KafkaConsumer<String, String> planReader(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> tps = new ArrayList<>();
        for (int i = 0; i < PARTITIONS; i++) {
            tps.add(new TopicPartition(Topics.TIMING_PLANS, i));
        }
        c.assign(tps);
        c.seekToBeginning(tps);
        return c;
    }

    static void poll(KafkaConsumer<String, String> plans, Map<String, List<TimingPlan>> received) {
        for (ConsumerRecord<String, String> r : plans.poll(Duration.ofMillis(100))) {
            TimingPlan plan = Json.fromBytes(r.value().getBytes(StandardCharsets.UTF_8), TimingPlan.class);
            assertThat(plan.planId()).isEqualTo(plan.intersectionId() + "@" + plan.dataUntil().toEpochMilli());
            assertThat(r.key()).isEqualTo(plan.intersectionId());
            received.computeIfAbsent(plan.planId(), k -> new ArrayList<>()).add(plan);
        }
    }

    /** Members of the signal-optimizer group and the input partitions each owns. */
    static Map<String, Set<TopicPartition>> owners(Admin admin) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("signal-optimizer"))
                    .describedGroups().get("signal-optimizer").get(10, TimeUnit.SECONDS);
            Map<String, Set<TopicPartition>> out = new HashMap<>();
            for (MemberDescription m : group.members()) {
                Set<TopicPartition> tps = m.assignment().topicPartitions().stream()
                        .filter(tp -> tp.topic().equals(Topics.DETECTOR_READINGS)
                                || tp.topic().equals(Topics.CONTROLLER_STATES))
                        .collect(Collectors.toSet());
                out.put(m.consumerId() + "@" + m.host(), tps);
            }
            return out;
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** The member id of a service instance: the one whose partitions it reports serving. */
    static String memberOf(Map<String, Set<TopicPartition>> owners, ServiceProcess service, Admin admin) {
        // Both instances run on this host: tell them apart by the intersections each has decided (its REST API
        // shows a current plan only for intersections whose partitions it owns).
        for (var e : owners.entrySet()) {
            Set<Integer> parts = e.getValue().stream().map(TopicPartition::partition).collect(Collectors.toSet());
            String sample = null;
            for (int i = 0; i < INTERSECTIONS && sample == null; i++) {
                String id = String.format("SC-%02d", i);
                if (parts.contains(partition(id))) {
                    sample = id;
                }
            }
            if (sample != null && get(service, "/api/v1/intersections/" + sample).contains("\"planId\"")) {
                return e.getKey();
            }
        }
        throw new AssertionError("cannot tell which group member is " + service.name());
    }

    // ---------------------------------------------------------------- HTTP and waiting

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static String get(ServiceProcess service, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (Exception e) {
            return "";
        }
    }

    static boolean knows(ServiceProcess service, Collection<String> ids) {
        String body = get(service, "/api/v1/intersections");
        return ids.stream().allMatch(id -> body.contains("\"" + id + "\""));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(250);
        }
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
