package org.greenwave.service.support;

import java.util.HashMap;
import java.util.Map;

/**
 * Kafka client settings for the plain clients a service creates itself (producers, state readers), taken from the
 * same {@code kafka.*} configuration that Quarkus gives its Reactive Messaging channels (the
 * {@code @Identifier("default-kafka-broker")} map: {@code kafka.bootstrap.servers}, {@code kafka.security.protocol},
 * {@code kafka.sasl.*}, {@code kafka.ssl.*}, or the environment variables {@code KAFKA_...}). Every client of a
 * service therefore talks to the broker the same way, TLS and SASL included (README "Kafka security").
 */
public final class KafkaClientConfig {

    private KafkaClientConfig() {
    }

    /** The client settings of the {@code kafka.*} map: Quarkus' own keys (health, dev services) left out. */
    public static Map<String, Object> clientProperties(Map<String, Object> defaultKafkaBroker) {
        Map<String, Object> props = new HashMap<>();
        defaultKafkaBroker.forEach((k, v) -> {
            if (!k.startsWith("devservices") && !k.startsWith("health") && !k.startsWith("snappy")) {
                props.put(k, v);
            }
        });
        return props;
    }
}
