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
                new GreenwaveStrategy(PressurePolicy.withLookahead(new HeuristicDischarge(),
                        PressurePolicy.Settings.defaults())),
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
                Map<String, String> own = new HashMap<>(props);
                own.put("mp.messaging.incoming.signal-inputs.client.id", "optimizer-" + name);
                services.add(ServiceProcess.start(Repo.root(), "signal-optimizer", freePort(), own,
                        LOGS.resolve("signal-optimizer-" + name), "384m"));
            }
            for (ServiceProcess s : services) {
                s.awaitReady(Duration.ofSeconds(120));
            }
            await("two signal-optimizer instances own the input partitions", Duration.ofSeconds(60),
                    () -> owners(admin, "signal-optimizer", INPUTS).size() == 2
                            && owned(owners(admin, "signal-optimizer", INPUTS)) == 2 * PARTITIONS);
            Map<String, Set<TopicPartition>> before = owners(admin, "signal-optimizer", INPUTS);
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
                    Set<Integer> lost = before.get("optimizer-a").stream().map(TopicPartition::partition)
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
            Map<String, Set<TopicPartition>> after = owners(admin, "signal-optimizer", INPUTS);
            assertThat(after.keySet()).containsExactly("optimizer-b");
            assertThat(after.get("optimizer-b")).hasSize(2 * PARTITIONS);

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

    /**
     * parking-guidance: every instance keeps the whole state (it reads all occupancy); the group shares the signs.
     * The instance publishing some of the signs is killed mid-stream: its sign partitions move to the survivor,
     * every sign keeps showing the latest counts (updates due while nobody owned a sign are published on take-over,
     * none twice in a row), and the survivor has every car park's state.
     */
    @Test
    void twoParkingGuidancesShareTheSignsAndOneTakesOverWhenTheOtherIsKilled() throws Exception {
        ServiceConfig config = ServiceConfig.of("parking-guidance");
        Map<String, Integer> capacity = new TreeMap<>();
        Map<String, List<String>> signs = new TreeMap<>();
        config.properties.stringPropertyNames().forEach(k -> {
            var m = java.util.regex.Pattern.compile("greenwave\\.parking\\.car-parks\\.([^.]+)\\.capacity").matcher(k);
            if (m.matches()) {
                capacity.put(m.group(1), Integer.parseInt(config.properties.getProperty(k)));
            }
            var n = java.util.regex.Pattern.compile("greenwave\\.parking\\.signs\\.([^.]+)\\.lines").matcher(k);
            if (n.matches()) {
                signs.put(n.group(1), java.util.Arrays.stream(config.properties.getProperty(k).split(","))
                        .map(line -> line.trim().split("\\s+")[0]).toList());
            }
        });
        assertThat(signs).hasSizeGreaterThanOrEqualTo(2);

        List<ServiceProcess> services = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, PARTITIONS, null);
             KafkaProducer<String, String> producer = producer(kafka.bootstrapServers());
             KafkaConsumer<String, String> updates = reader(kafka.bootstrapServers(), Topics.SIGN_UPDATES);
             Admin admin = kafka.admin()) {
            Map<String, String> props = new HashMap<>(Map.of(
                    "kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "kafka.session.timeout.ms", "6000",
                    "kafka.heartbeat.interval.ms", "1000",
                    // no background training in a test; counts are what is checked
                    "greenwave.parking.forecast.retrain", "false",
                    "greenwave.parking.tick", "1s"));
            // open around the clock whatever the time of the test
            capacity.keySet().forEach(id -> props.put("greenwave.parking.car-parks." + id + ".opening-hours", "24/7"));
            for (String name : List.of("a", "b")) {
                Map<String, String> own = new HashMap<>(props);
                own.put("mp.messaging.incoming.sign-ownership.client.id", "parking-" + name);
                services.add(ServiceProcess.start(Repo.root(), "parking-guidance", freePort(), own,
                        LOGS.resolve("parking-guidance-" + name), "512m"));
            }
            for (ServiceProcess s : services) {
                s.awaitReady(Duration.ofSeconds(120));
            }
            Set<String> signTopic = Set.of(Topics.SIGN_UPDATES);
            await("two parking-guidance instances share the sign partitions", Duration.ofSeconds(60),
                    () -> owners(admin, "parking-guidance", signTopic).size() == 2
                            && owned(owners(admin, "parking-guidance", signTopic)) == PARTITIONS);
            Map<String, Set<TopicPartition>> before = owners(admin, "parking-guidance", signTopic);
            // the victim is the instance that publishes more of the signs
            String victimId = before.entrySet().stream().max(java.util.Comparator.comparingLong(e -> signs.keySet()
                    .stream().filter(sign -> e.getValue().contains(
                            new TopicPartition(Topics.SIGN_UPDATES, partition(sign)))).count())).orElseThrow().getKey();
            ServiceProcess victim = services.get(victimId.equals("parking-a") ? 0 : 1);
            ServiceProcess survivor = services.get(victimId.equals("parking-a") ? 1 : 0);
            Set<String> victimsSigns = signs.keySet().stream().filter(sign -> before.get(victimId)
                    .contains(new TopicPartition(Topics.SIGN_UPDATES, partition(sign)))).collect(Collectors.toSet());
            assertThat(victimsSigns).as("the victim publishes signs").isNotEmpty();

            Map<String, List<org.greenwave.contracts.parking.SignUpdate>> published = new TreeMap<>();
            Map<String, Integer> occupied = new TreeMap<>();
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            int steps = 10;
            for (int step = 0; step < steps; step++) {
                int k = 0;
                for (var cp : capacity.entrySet()) {
                    int occ = (int) Math.round(cp.getValue() * (0.20 + 0.05 * ((step + k++) % 6)));
                    occupied.put(cp.getKey(), occ);
                    Instant t = start.plusSeconds(step);
                    send(producer, Topics.PARKING_OCCUPANCY, cp.getKey(), new org.greenwave.contracts.parking
                            .OccupancyReading(cp.getKey(), t, cp.getValue(), occ, t, "http"),
                            org.greenwave.contracts.parking.OccupancyReading.SCHEMA);
                }
                producer.flush();
                if (step == 4) {
                    ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly(); // SIGKILL, mid-stream
                    victim.close();
                }
                long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
                while (!showsCounts(published, signs, capacity, occupied) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : updates.poll(Duration.ofMillis(100))) {
                        var u = Json.fromBytes(r.value().getBytes(StandardCharsets.UTF_8),
                                org.greenwave.contracts.parking.SignUpdate.class);
                        assertThat(r.key()).isEqualTo(u.signId());
                        published.computeIfAbsent(u.signId(), x -> new ArrayList<>()).add(u);
                    }
                }
                assertThat(showsCounts(published, signs, capacity, occupied))
                        .as("every sign shows the counts of step " + step + ": " + last(published)).isTrue();
            }

            Map<String, Set<TopicPartition>> after = owners(admin, "parking-guidance", signTopic);
            assertThat(after.keySet()).containsExactly(survivor == services.get(0) ? "parking-a" : "parking-b");
            assertThat(owned(after)).isEqualTo(PARTITIONS);
            // none published twice: a sign update is sent only when the display changes
            published.forEach((sign, list) -> {
                for (int i = 1; i < list.size(); i++) {
                    assertThat(sameDisplay(list.get(i - 1), list.get(i))).as(sign + " update " + i + " repeats " + (i - 1))
                            .isFalse();
                }
            });
            // the survivor has every car park's latest state
            String carParks = get(survivor, "/api/v1/car-parks");
            for (var e : occupied.entrySet()) {
                assertThat(carParks).contains("\"" + e.getKey() + "\"");
            }
            for (String sign : victimsSigns) {
                assertThat(get(survivor, "/api/v1/signs/" + sign)).isNotEmpty();
            }
        } finally {
            services.forEach(ServiceProcess::close);
        }
    }

    /** Every sign's latest published display shows each of its car parks' free spaces. */
    static boolean showsCounts(Map<String, List<org.greenwave.contracts.parking.SignUpdate>> published,
                               Map<String, List<String>> signs, Map<String, Integer> capacity,
                               Map<String, Integer> occupied) {
        for (var sign : signs.entrySet()) {
            List<org.greenwave.contracts.parking.SignUpdate> list = published.get(sign.getKey());
            if (list == null) {
                return false;
            }
            var shown = list.get(list.size() - 1);
            for (String carPark : sign.getValue()) {
                Integer free = shown.entries().stream().filter(e -> e.carParkId().equals(carPark)).findFirst()
                        .map(org.greenwave.contracts.parking.SignUpdate.Entry::freeSpaces).orElse(null);
                if (free == null || free != capacity.get(carPark) - occupied.get(carPark)) {
                    return false;
                }
            }
        }
        return true;
    }

    static Map<String, Object> last(Map<String, List<org.greenwave.contracts.parking.SignUpdate>> published) {
        Map<String, Object> out = new TreeMap<>();
        published.forEach((k, v) -> out.put(k, v.get(v.size() - 1)));
        return out;
    }

    static boolean sameDisplay(org.greenwave.contracts.parking.SignUpdate a,
                               org.greenwave.contracts.parking.SignUpdate b) {
        return a.fallback() == b.fallback() && a.entries().equals(b.entries())
                && java.util.Objects.equals(a.message(), b.message());
    }

    static KafkaConsumer<String, String> reader(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> tps = new ArrayList<>();
        for (int i = 0; i < PARTITIONS; i++) {
            tps.add(new TopicPartition(topic, i));
        }
        c.assign(tps);
        c.seekToBeginning(tps);
        return c;
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

    static final Set<String> INPUTS = Set.of(Topics.DETECTOR_READINGS, Topics.CONTROLLER_STATES);

    /** Members of a consumer group (by client id) and the partitions of the given topics each owns. */
    static Map<String, Set<TopicPartition>> owners(Admin admin, String groupId, Set<String> topics) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId))
                    .describedGroups().get(groupId).get(10, TimeUnit.SECONDS);
            Map<String, Set<TopicPartition>> out = new HashMap<>();
            for (MemberDescription m : group.members()) {
                out.put(m.clientId(), m.assignment().topicPartitions().stream()
                        .filter(tp -> topics.contains(tp.topic())).collect(Collectors.toSet()));
            }
            return out;
        } catch (Exception e) {
            return Map.of();
        }
    }

    static int owned(Map<String, Set<TopicPartition>> owners) {
        return owners.values().stream().mapToInt(Set::size).sum();
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
