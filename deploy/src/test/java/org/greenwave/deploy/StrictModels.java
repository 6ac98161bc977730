package org.greenwave.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.strimzi.crdgenerator.annotations.Maximum;
import io.strimzi.crdgenerator.annotations.Minimum;
import io.strimzi.crdgenerator.annotations.MinimumItems;
import io.strimzi.crdgenerator.annotations.Pattern;
import io.strimzi.crdgenerator.annotations.PresentInVersions;
import io.strimzi.crdgenerator.annotations.RequiredInVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates Kubernetes manifests without a cluster: every document is deserialised strictly into the model classes
 * the Kubernetes ecosystem generates from the API schemas (fabric8 kubernetes-model for the built-in kinds,
 * io.strimzi:api for Strimzi's custom resources, fabric8's Prometheus Operator model for the ServiceMonitor):
 * unknown fields, wrong types (no coercion of "2" to 2), invalid enum values and unknown kinds are errors. Then the
 * model is written back and compared with the document, so nothing was silently dropped or reinterpreted. For
 * Strimzi resources the constraints its CRD schemas are generated from are checked too: properties not present in
 * the resource's API version, required ones, minimum/maximum, patterns and minimum list sizes.
 */
final class StrictModels {

    /** One YAML document of a file. */
    record Doc(Path file, int index, JsonNode tree) {
        String apiVersion() {
            return tree.path("apiVersion").asText();
        }

        String kind() {
            return tree.path("kind").asText();
        }

        String name() {
            return tree.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return file.getFileName() + "#" + index + " " + kind() + "/" + name();
        }
    }

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor",
                    io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor.class));

    /** Strimzi API versions in order (for "v1beta2+" and "v1alpha1-v1beta2" ranges). */
    private static final List<String> STRIMZI_VERSIONS = List.of("v1alpha1", "v1beta1", "v1beta2", "v1");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Jackson as strict as a schema: no unknown fields (any-setters removed), no coercion, no nulls for numbers. */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                                                             BeanDeserializerBuilder builder) {
                    // The models keep unknown fields in an "additionalProperties" map: turn that off.
                    builder.setAnySetter(null);
                    builder.setIgnoreUnknownProperties(false);
                    return builder;
                }
            }))
            .build();

    /** Writes every property, defaults included, so that an explicitly written default is not taken as unknown. */
    private static final ObjectMapper EVERYTHING = STRICT.copy().setAnnotationIntrospector(
            new com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector() {
                @Override
                public com.fasterxml.jackson.annotation.JsonInclude.Value findPropertyInclusion(
                        com.fasterxml.jackson.databind.introspect.Annotated a) {
                    return com.fasterxml.jackson.annotation.JsonInclude.Value.empty();
                }
            });

    private StrictModels() {
    }

    /** Every document of a YAML file (empty documents skipped). */
    static List<Doc> read(Path file) {
        List<Doc> docs = new ArrayList<>();
        try (YAMLParser parser = ((YAMLFactory) YAML.getFactory()).createParser(file.toFile())) {
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            int i = 0;
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    docs.add(new Doc(file, i, node));
                }
                i++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
        return docs;
    }

    static List<Doc> readAll(Collection<Path> files) {
        return files.stream().flatMap(f -> read(f).stream()).toList();
    }

    static Class<?> model(Doc doc) {
        return MODELS.get(doc.apiVersion() + "/" + doc.kind());
    }

    /** The document as its model object (call {@link #problems} first). */
    static <T> T as(Doc doc, Class<T> type) {
        try {
            return STRICT.treeToValue(doc.tree(), type);
        } catch (IOException e) {
            throw new IllegalStateException(doc + ": " + e.getMessage(), e);
        }
    }

    /** Everything wrong with one document; empty when it is valid. */
    static List<String> problems(Doc doc) {
        List<String> problems = new ArrayList<>();
        Class<?> type = model(doc);
        if (type == null) {
            problems.add(doc + ": unknown apiVersion/kind " + doc.apiVersion() + "/" + doc.kind() + " (known: "
                    + MODELS.keySet() + ")");
            return problems;
        }
        Object model;
        try {
            model = STRICT.treeToValue(doc.tree(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(doc + ": " + e.getOriginalMessage());
            return problems;
        }
        JsonNode back = EVERYTHING.valueToTree(model);
        for (var it = doc.tree().fields(); it.hasNext(); ) {
            var e = it.next();
            // apiVersion and kind chose the model; the models write their own defaults there
            if (!e.getKey().equals("apiVersion") && !e.getKey().equals("kind")) {
                diff("/" + e.getKey(), e.getValue(), back.path(e.getKey()), problems, doc);
            }
        }
        if (doc.apiVersion().startsWith("kafka.strimzi.io/")) {
            strimzi(model, doc.apiVersion().substring(doc.apiVersion().indexOf('/') + 1), "", problems, doc);
        }
        return problems;
    }

    /** Differences between what was written and what the model understood (numbers compare by value). */
    private static void diff(String path, JsonNode written, JsonNode understood, List<String> problems, Doc doc) {
        if (written.isNumber() && understood.isNumber()) {
            if (new BigDecimal(written.asText()).compareTo(new BigDecimal(understood.asText())) != 0) {
                problems.add(doc + ": " + path + " was " + written + ", understood as " + understood);
            }
            return;
        }
        if (written.isObject() && understood.isObject()) {
            for (var it = written.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode other = understood.get(e.getKey());
                if (other == null || (other.isNull() && !e.getValue().isNull())) {
                    if (!isEmpty(e.getValue())) {
                        problems.add(doc + ": " + path + "/" + e.getKey() + " is not understood by the model");
                    }
                    continue;
                }
                diff(path + "/" + e.getKey(), e.getValue(), other, problems, doc);
            }
            return;
        }
        if (written.isArray() && understood.isArray() && written.size() == understood.size()) {
            for (int i = 0; i < written.size(); i++) {
                diff(path + "/" + i, written.get(i), understood.get(i), problems, doc);
            }
            return;
        }
        if (!written.equals(understood)) {
            problems.add(doc + ": " + path + " was " + written + ", understood as " + understood);
        }
    }

    private static boolean isEmpty(JsonNode node) {
        return node.isNull() || (node.isContainerNode() && node.isEmpty());
    }

    /** Strimzi's own constraints, read from the annotations its CRD generator turns into the CRD schemas. */
    private static void strimzi(Object bean, String version, String path, List<String> problems, Doc doc) {
        if (bean == null) {
            return;
        }
        if (bean instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                strimzi(o, version, path + "/" + i++, problems, doc);
            }
            return;
        }
        if (bean instanceof Map<?, ?> m) {
            m.forEach((k, v) -> strimzi(v, version, path + "/" + k, problems, doc));
            return;
        }
        if (!bean.getClass().getName().startsWith("io.strimzi.")) {
            return;
        }
        BeanDescription description = STRICT.getSerializationConfig().introspect(
                STRICT.constructType(bean.getClass()));
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (property.getGetter() == null) {
                continue;
            }
            Object value = property.getGetter().getValue(bean);
            String at = path + "/" + property.getName();
            boolean set = value != null && !(value instanceof Collection<?> c && c.isEmpty())
                    && !(value instanceof Map<?, ?> m && m.isEmpty());
            PresentInVersions present = annotation(property, PresentInVersions.class);
            if (present != null && set && !inRange(version, present.value())) {
                problems.add(doc + ": " + at + " does not exist in API version " + version + " (only "
                        + present.value() + ")");
            }
            RequiredInVersions required = annotation(property, RequiredInVersions.class);
            boolean requiredByJackson = property.isRequired();
            if (!set && ((required != null && inRange(version, required.value())) || requiredByJackson)
                    && (present == null || inRange(version, present.value()))) {
                problems.add(doc + ": " + at + " is required");
            }
            Minimum min = annotation(property, Minimum.class);
            if (min != null && value instanceof Number n && n.longValue() < min.value()) {
                problems.add(doc + ": " + at + " = " + n + " is below the minimum " + min.value());
            }
            Maximum max = annotation(property, Maximum.class);
            if (max != null && value instanceof Number n && n.longValue() > max.value()) {
                problems.add(doc + ": " + at + " = " + n + " is above the maximum " + max.value());
            }
            Pattern pattern = annotation(property, Pattern.class);
            if (pattern != null && value instanceof String s && !java.util.regex.Pattern.compile(pattern.value())
                    .matcher(s).find()) {
                problems.add(doc + ": " + at + " = '" + s + "' does not match " + pattern.value());
            }
            MinimumItems minItems = annotation(property, MinimumItems.class);
            if (minItems != null && value instanceof Collection<?> c && c.size() < minItems.value()) {
                problems.add(doc + ": " + at + " needs at least " + minItems.value() + " items");
            }
            if (set && isDeprecated(property)) {
                problems.add(doc + ": " + at + " is deprecated");
            }
            strimzi(value, version, at, problems, doc);
        }
    }

    private static <A extends Annotation> A annotation(BeanPropertyDefinition property, Class<A> type) {
        for (AnnotatedMember member : new AnnotatedMember[] {property.getGetter(), property.getSetter(),
                property.getField()}) {
            if (member != null && member.getAnnotation(type) != null) {
                return member.getAnnotation(type);
            }
        }
        return null;
    }

    private static boolean isDeprecated(BeanPropertyDefinition property) {
        return annotation(property, Deprecated.class) != null
                || annotation(property, io.strimzi.api.annotations.DeprecatedProperty.class) != null;
    }

    /** {@code v1}, {@code v1beta2+}, {@code v1alpha1-v1beta2}, or a comma-separated list of them. */
    static boolean inRange(String version, String range) {
        int v = STRIMZI_VERSIONS.indexOf(version);
        for (String part : range.split(",")) {
            part = part.trim();
            if (part.equals("all")) {
                return true;
            }
            if (part.endsWith("+")) {
                if (v >= STRIMZI_VERSIONS.indexOf(part.substring(0, part.length() - 1))) {
                    return true;
                }
            } else if (part.contains("-")) {
                String[] ends = part.split("-");
                if (v >= STRIMZI_VERSIONS.indexOf(ends[0]) && v <= STRIMZI_VERSIONS.indexOf(ends[1])) {
                    return true;
                }
            } else if (part.equals(version)) {
                return true;
            }
        }
        return false;
    }

    /** Kubernetes object names: DNS-1123 subdomain (lower case, digits, '-' and '.', at most 253). */
    static boolean isDnsSubdomain(String name) {
        return name.length() <= 253 && name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    }

    /** Kubernetes label values. */
    static boolean isLabelValue(String value) {
        return value.length() <= 63 && value.matches("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    }

    static Set<String> knownKinds() {
        return MODELS.keySet();
    }
}
