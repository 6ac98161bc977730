package org.greenwave.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.greenwave.contracts.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes without a cluster: every manifest is a valid object of its kind (Kubernetes, Strimzi and
 * Prometheus Operator models, see {@link StrictModels}), and what the manifests say agrees with the code: topics with
 * contracts {@code Topics}, ports, health and metrics paths and configuration variables with each service's
 * configuration, autoscaling bounds with the partitions that bound parallelism.
 */
class KubernetesManifestsTest {

    static final Path DIR = Repo.deploy().resolve("kubernetes");

    /**
     * The topic whose partitions bound each service's useful number of instances (more would idle): traffic-ingest's
     * raw-topic consumers, signal-optimizer's intersection-keyed input, parking-guidance's sign ownership. (The
     * dashboard's instances read on their own and are not bounded by partitions.)
     */
    static final Map<String, String> SCALING_TOPIC = Map.of(
            "traffic-ingest", Topics.FIELD_DETECTOR_READINGS,
            "signal-optimizer", Topics.DETECTOR_READINGS,
            "parking-guidance", Topics.SIGN_UPDATES);

    /** Keyed by intersectionId and read together by one signal-optimizer instance: equal partition counts. */
    static final List<String> CO_PARTITIONED = List.of(Topics.DETECTOR_READINGS, Topics.CONTROLLER_STATES,
            Topics.TIMING_PLANS);

    static List<StrictModels.Doc> docs;

    @BeforeAll
    static void read() {
        docs = StrictModels.readAll(manifestFiles());
    }

    static List<Path> manifestFiles() {
        return Repo.yamlFiles(DIR).stream().filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                .toList();
    }

    static <T> List<T> all(Class<T> type) {
        return docs.stream().filter(d -> StrictModels.model(d) == type).map(d -> StrictModels.as(d, type)).toList();
    }

    static <T> T one(Class<T> type, String name) {
        return docs.stream().filter(d -> StrictModels.model(d) == type && d.name().equals(name))
                .map(d -> StrictModels.as(d, type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    @Test
    void everyManifestIsAValidObjectOfItsKind() {
        assertThat(docs).hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (var doc : docs) {
            problems.addAll(StrictModels.problems(doc));
            if (!StrictModels.isDnsSubdomain(doc.name())) {
                problems.add(doc + ": name is not a valid Kubernetes name");
            }
            doc.tree().path("metadata").path("labels").fields().forEachRemaining(l -> {
                if (!StrictModels.isLabelValue(l.getValue().asText())) {
                    problems.add(doc + ": label " + l.getKey() + " has an invalid value");
                }
            });
            if (!seen.add(doc.apiVersion() + "/" + doc.kind() + "/" + doc.name())) {
                problems.add(doc + ": defined twice");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theValidatorCatchesTheMistakesItIsThereFor() throws IOException {
        Map<String, String> broken = Map.of(
                "a misspelled field", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: x}
                        spec: {replica: 2, selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}},
                          spec: {containers: [{name: x, image: x}]}}}
                        """,
                "a number written as a string", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: x}
                        spec: {replicas: "2", selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}},
                          spec: {containers: [{name: x, image: x}]}}}
                        """,
                "a v1beta2-only Strimzi field in v1", """
                        apiVersion: kafka.strimzi.io/v1
                        kind: Kafka
                        metadata: {name: x}
                        spec: {kafka: {replicas: 3, listeners: [{name: plain, port: 9092, type: internal, tls: false}]}}
                        """,
                "an unknown listener type", """
                        apiVersion: kafka.strimzi.io/v1
                        kind: Kafka
                        metadata: {name: x}
                        spec: {kafka: {listeners: [{name: plain, port: 9092, type: internl, tls: false}]}}
                        """,
                "a Kafka without listeners", """
                        apiVersion: kafka.strimzi.io/v1
                        kind: Kafka
                        metadata: {name: x}
                        spec: {kafka: {config: {min.insync.replicas: 2}}}
                        """,
                "a topic with zero partitions", """
                        apiVersion: kafka.strimzi.io/v1
                        kind: KafkaTopic
                        metadata: {name: x}
                        spec: {partitions: 0, replicas: 3}
                        """,
                "a misspelled ServiceMonitor field", """
                        apiVersion: monitoring.coreos.com/v1
                        kind: ServiceMonitor
                        metadata: {name: x}
                        spec: {selector: {matchLabels: {a: b}}, endpoints: [{port: http, pathh: /q/metrics}]}
                        """,
                "an unknown kind", """
                        apiVersion: apps/v1
                        kind: Deploymnet
                        metadata: {name: x}
                        """);
        for (var e : broken.entrySet()) {
            JsonNode tree = StrictModels.YAML.readTree(new StringReader(e.getValue()));
            var doc = new StrictModels.Doc(Path.of(e.getKey()), 0, tree);
            assertThat(StrictModels.problems(doc)).as(e.getKey()).isNotEmpty();
        }
    }

    @Test
    void kustomizationListsEveryManifestAndSetsEveryServiceImage() {
        JsonNode k = StrictModels.read(DIR.resolve("kustomization.yaml")).get(0).tree();
        Set<Path> listed = new HashSet<>();
        k.path("resources").forEach(r -> listed.add(DIR.resolve(r.asText()).normalize()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(manifestFiles());
        assertThat(k.path("namespace").asText()).isEqualTo("greenwave");

        Map<String, String> tags = new HashMap<>();
        k.path("images").forEach(i -> tags.put(i.path("name").asText(), i.path("newTag").asText()));
        Set<String> images = all(Deployment.class).stream()
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
                .map(c -> c.getImage().replaceAll(":[^:/]+$", "")).collect(Collectors.toSet());
        assertThat(tags.keySet()).isEqualTo(images);
        tags.values().forEach(tag -> assertThat(tag).isEqualTo(Versions.project()));
    }

    @Test
    void topicsAreTheContractsTopicsSizedConsistently() {
        Kafka kafka = all(Kafka.class).get(0);
        List<KafkaNodePool> pools = all(KafkaNodePool.class);
        int brokers = pools.stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        int controllers = pools.stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        assertThat(controllers).as("a KRaft quorum survives one controller down").isGreaterThanOrEqualTo(3).isOdd();
        pools.forEach(p -> assertThat(p.getMetadata().getLabels()).containsEntry("strimzi.io/cluster",
                kafka.getMetadata().getName()));

        List<KafkaTopic> topics = all(KafkaTopic.class);
        Map<String, KafkaTopic> byName = new HashMap<>();
        topics.forEach(t -> byName.put(t.getSpec().getTopicName() != null ? t.getSpec().getTopicName()
                : t.getMetadata().getName(), t));
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        Object clusterMinIsr = kafka.getSpec().getKafka().getConfig().get("min.insync.replicas");
        for (var e : byName.entrySet()) {
            KafkaTopic t = e.getValue();
            assertThat(t.getMetadata().getLabels()).as(e.getKey())
                    .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
            Map<String, Object> config = t.getSpec().getConfig();
            assertThat(config.get("cleanup.policy")).as(e.getKey() + " cleanup.policy")
                    .isEqualTo(Topics.COMPACTED.contains(e.getKey()) ? "compact" : "delete");
            int replicas = t.getSpec().getReplicas();
            int minIsr = ((Number) config.getOrDefault("min.insync.replicas", clusterMinIsr)).intValue();
            assertThat(replicas).as(e.getKey() + " replicas").isLessThanOrEqualTo(brokers).isGreaterThanOrEqualTo(3);
            assertThat(minIsr).as(e.getKey() + ": acks=all writes survive one broker down")
                    .isGreaterThanOrEqualTo(2).isLessThan(replicas);
        }
        Set<Integer> coPartitioned = CO_PARTITIONED.stream().map(n -> byName.get(n).getSpec().getPartitions())
                .collect(Collectors.toSet());
        assertThat(coPartitioned).as("partitions of " + CO_PARTITIONED).hasSize(1);

        // parking-guidance rebuilds its forecast history from parking.occupancy at every start.
        Duration keepHistory = Duration.parse(ServiceConfig.of("parking-guidance")
                .property("greenwave.parking.forecast.keep-history").orElse("P70D"));
        long retention = ((Number) byName.get(Topics.PARKING_OCCUPANCY).getSpec().getConfig().get("retention.ms"))
                .longValue();
        assertThat(retention).isGreaterThanOrEqualTo(keepHistory.toMillis());
    }

    @Test
    void deploymentsAgreeWithEachServicesConfiguration() {
        Map<String, Map<String, String>> configMaps = new HashMap<>();
        all(ConfigMap.class).forEach(c -> configMaps.put(c.getMetadata().getName(), c.getData()));
        Kafka kafka = all(Kafka.class).get(0);
        int plainPort = kafka.getSpec().getKafka().getListeners().stream().filter(l -> !l.isTls())
                .findFirst().orElseThrow().getPort();
        assertThat(configMaps.get("greenwave-kafka")).containsEntry("KAFKA_BOOTSTRAP_SERVERS",
                kafka.getMetadata().getName() + "-kafka-bootstrap:" + plainPort);
        assertThat(all(io.fabric8.kubernetes.api.model.Secret.class))
                .as("no Secret objects (and so no secret values) in the repository").isEmpty();

        Map<String, Integer> partitions = new HashMap<>();
        all(KafkaTopic.class).forEach(t -> partitions.put(t.getMetadata().getName(), t.getSpec().getPartitions()));

        for (String module : Repo.SERVICES) {
            ServiceConfig service = ServiceConfig.of(module);
            Deployment deployment = one(Deployment.class, module);
            var pod = deployment.getSpec().getTemplate();
            assertThat(deployment.getSpec().getSelector().getMatchLabels().entrySet())
                    .isSubsetOf(pod.getMetadata().getLabels().entrySet());
            Container c = pod.getSpec().getContainers().get(0);
            assertThat(c.getImage()).startsWith("greenwave/" + module + ":");
            var http = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow();
            assertThat(http.getContainerPort()).as(module + " port").isEqualTo(service.httpPort());

            // Every variable the container gets is a property the service has.
            Map<String, String> env = new HashMap<>();
            for (EnvFromSource from : c.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    Map<String, String> data = configMaps.get(from.getConfigMapRef().getName());
                    assertThat(data).as(module + " configMapRef " + from.getConfigMapRef().getName()).isNotNull();
                    env.putAll(data);
                }
                if (from.getSecretRef() != null) {
                    assertThat(from.getSecretRef().getOptional()).as(module + ": secrets are created by the operator"
                            + " of the installation, optional so that a missing one fails closed, not the pod").isTrue();
                }
            }
            c.getEnv().forEach(v -> env.put(v.getName(), v.getValue()));
            assertThat(env.keySet()).allSatisfy(name ->
                    assertThat(service.knows(name)).as(module + " knows " + name).isTrue());
            assertThat(env).containsEntry("QUARKUS_HTTP_PORT", Integer.toString(service.httpPort()));

            // Health: Quarkus SmallRye Health's endpoints on the http port.
            assertThat(path(c.getReadinessProbe().getHttpGet())).isEqualTo("/q/health/ready");
            assertThat(path(c.getLivenessProbe().getHttpGet())).isEqualTo("/q/health/live");
            assertThat(path(c.getStartupProbe().getHttpGet())).isEqualTo("/q/health/started");
            for (var probe : List.of(c.getReadinessProbe(), c.getLivenessProbe(), c.getStartupProbe())) {
                assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
            }

            // Resources: requests for scheduling and the HPA, a memory limit no lower than the request.
            var resources = c.getResources();
            assertThat(resources.getRequests()).containsKeys("cpu", "memory");
            assertThat(Quantity.getAmountInBytes(resources.getLimits().get("memory")))
                    .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(resources.getRequests().get("memory")));

            // Mounted configuration exists, and a mounted properties file only sets properties the service has.
            for (var volume : pod.getSpec().getVolumes()) {
                if (volume.getConfigMap() != null) {
                    Map<String, String> data = configMaps.get(volume.getConfigMap().getName());
                    assertThat(data).as(module + " volume " + volume.getName()).isNotNull();
                    String props = data.get("application.properties");
                    if (props != null) {
                        Properties p = new Properties();
                        try {
                            p.load(new StringReader(props));
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                        assertThat(p.stringPropertyNames()).allSatisfy(key ->
                                assertThat(service.knowsProperty(key)).as(module + " knows " + key).isTrue());
                    }
                }
            }

            Service svc = one(Service.class, module);
            assertThat(svc.getSpec().getSelector().entrySet()).isSubsetOf(pod.getMetadata().getLabels().entrySet());
            ServicePort port = svc.getSpec().getPorts().get(0);
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getPort()).isEqualTo(service.httpPort());
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");

            HorizontalPodAutoscaler hpa = one(HorizontalPodAutoscaler.class, module);
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(module);
            assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(deployment.getSpec().getReplicas())
                    .isGreaterThanOrEqualTo(2);
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas());
            if (SCALING_TOPIC.containsKey(module)) {
                assertThat(hpa.getSpec().getMaxReplicas()).as(module + ": no more instances than partitions")
                        .isLessThanOrEqualTo(partitions.get(SCALING_TOPIC.get(module)));
            }

            PodDisruptionBudget pdb = one(PodDisruptionBudget.class, module);
            assertThat(pdb.getSpec().getSelector().getMatchLabels().entrySet())
                    .isSubsetOf(pod.getMetadata().getLabels().entrySet());
            assertThat(pdb.getSpec().getMinAvailable().getIntVal()).as(module + ": a node drain can proceed")
                    .isPositive().isLessThan(hpa.getSpec().getMinReplicas());
        }
    }

    @Test
    void theServiceMonitorScrapesEveryServicesMetrics() {
        ServiceMonitor monitor = all(ServiceMonitor.class).get(0);
        Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
        var endpoint = monitor.getSpec().getEndpoints().get(0);
        for (String module : Repo.SERVICES) {
            Service svc = one(Service.class, module);
            assertThat(svc.getMetadata().getLabels().entrySet()).as(module).containsAll(selector.entrySet());
            assertThat(svc.getSpec().getPorts()).extracting(ServicePort::getName).contains(endpoint.getPort());
            assertThat(endpoint.getPath()).isEqualTo(
                    ServiceConfig.of(module).property("quarkus.micrometer.export.prometheus.path").orElseThrow());
        }
    }

    private static String path(HTTPGetAction get) {
        return get.getPath();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
