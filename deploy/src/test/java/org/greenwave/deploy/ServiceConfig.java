package org.greenwave.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * What a service can be configured with, read from the code: the keys of its {@code application.properties}
 * (without profiles) and of its {@code @ConfigMapping} interfaces (read by reflection, {@code *} for map keys), the
 * Kafka clients' own settings ({@code kafka.*} reaches every client), and the people keys service-support looks up.
 * {@link #knows(String)} answers whether an environment variable sets one of them, by Quarkus's rule: the property
 * name in upper case with every other character replaced by '_'.
 */
final class ServiceConfig {

    /** Variables of the container image and the JVM, not Quarkus properties. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO");

    /**
     * Keys looked up by name in service-support's {@code PeopleIdentityProvider} (not a config mapping):
     * {@code greenwave.security.people.<user>.sha256|roles}.
     */
    private static final List<String> PEOPLE = List.of("greenwave.security.people.*.sha256",
            "greenwave.security.people.*.roles");

    /** The module whose configuration every service shares. */
    static final String SHARED = "service-support";

    final String module;
    final Properties properties = new Properties();
    final Set<String> patterns = new TreeSet<>();

    private ServiceConfig(String module) {
        this.module = module;
    }

    static ServiceConfig of(String module) {
        ServiceConfig config = new ServiceConfig(module);
        Path props = Repo.root().resolve(module).resolve("src/main/resources/application.properties");
        try (Reader in = Files.newBufferedReader(props)) {
            config.properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : config.properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                config.patterns.add(key);
            }
        }
        List<Class<?>> mappings = new ArrayList<>(configMappings(module));
        // every service takes service-support's shared settings (API keys, rate limits, its config defaults)
        mappings.addAll(configMappings(SHARED));
        config.patterns.addAll(sharedDefaults());
        for (Class<?> mapping : mappings) {
            ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
            collect(annotation.prefix(), mapping, config.patterns);
        }
        config.patterns.addAll(PEOPLE);
        for (var names : List.of(ConsumerConfig.configNames(), ProducerConfig.configNames(),
                AdminClientConfig.configNames())) {
            names.forEach(n -> config.patterns.add("kafka." + n));
        }
        return config;
    }

    /** The value in application.properties (default profile). */
    Optional<String> property(String key) {
        return Optional.ofNullable(properties.getProperty(key));
    }

    int httpPort() {
        return Integer.parseInt(property("quarkus.http.port").orElseThrow(() ->
                new IllegalStateException(module + " has no quarkus.http.port")));
    }

    /** Whether an environment variable of this name sets a property the service has. */
    boolean knows(String variable) {
        if (JVM_VARIABLES.contains(variable)) {
            return true;
        }
        for (String pattern : patterns) {
            if (envPattern(pattern).matcher(variable).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a property name (e.g. from a mounted properties file) is one the service has. */
    boolean knowsProperty(String key) {
        for (String pattern : patterns) {
            String regex = Stream.of(pattern.split("\\*", -1)).map(java.util.regex.Pattern::quote)
                    .reduce((a, b) -> a + "[^.]+" + b).orElse("");
            if (key.matches(regex)) {
                return true;
            }
        }
        return false;
    }

    /** Quarkus's environment name of a property: upper case, everything but letters and digits becomes '_'. */
    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static java.util.regex.Pattern envPattern(String pattern) {
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(envName(parts[i])); // only [A-Z0-9_]: nothing to quote
        }
        return java.util.regex.Pattern.compile(regex.toString());
    }

    /** The module's {@code @ConfigMapping} interfaces (found in its sources, loaded from its jar). */
    private static List<Class<?>> configMappings(String module) {
        Path sources = Repo.root().resolve(module).resolve("src/main/java");
        List<Class<?>> mappings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readString(file).contains("@ConfigMapping(")) {
                    String name = sources.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
                    mappings.add(Class.forName(name, false, ServiceConfig.class.getClassLoader()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the service's classes must be on the test class path", e);
        }
        return mappings;
    }

    /** The keys service-support sets for every service (its META-INF/microprofile-config.properties). */
    private static Set<String> sharedDefaults() {
        Path file = Repo.root().resolve(SHARED).resolve("src/main/resources/META-INF/microprofile-config.properties");
        Properties shared = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                shared.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Set<String> keys = new TreeSet<>();
        shared.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(keys::add);
        return keys;
    }

    /** Property patterns of a mapping interface: SmallRye's kebab-case names, {@code *} for map keys. */
    private static void collect(String prefix, Class<?> type, Set<String> out) {
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() > 0 || m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = m.isAnnotationPresent(WithName.class) ? m.getAnnotation(WithName.class).value()
                    : kebab(m.getName());
            String key = m.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name;
            leafOrGroup(key, m.getGenericReturnType(), out);
        }
    }

    private static void leafOrGroup(String key, Type type, Set<String> out) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (raw == Optional.class) {
                leafOrGroup(key, p.getActualTypeArguments()[0], out);
                return;
            }
            if (Map.class.isAssignableFrom(raw)) {
                leafOrGroup(key + ".*", p.getActualTypeArguments()[1], out);
                return;
            }
            if (List.class.isAssignableFrom(raw) && isGroup(p.getActualTypeArguments()[0])) {
                collect(key + "[*]", (Class<?>) p.getActualTypeArguments()[0], out);
                return;
            }
            out.add(key);
            return;
        }
        if (isGroup(type)) {
            collect(key, (Class<?>) type, out);
        } else {
            out.add(key);
        }
    }

    private static boolean isGroup(Type type) {
        return type instanceof Class<?> c && c.isInterface() && !c.getName().startsWith("java.");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
