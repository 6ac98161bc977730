package org.greenwave.kafka.embedded;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource that gives every {@code @QuarkusTest} a real in-process KRaft broker. One broker serves
 * the whole test JVM (starting one takes seconds); it stops when the JVM exits.
 *
 * <p>Use with {@code @QuarkusTestResource(KafkaBrokerTestResource.class)} (or {@code @WithTestResource}).
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafka shared;

    /** The broker shared by this JVM's tests, started on first use. */
    public static synchronized EmbeddedKafka broker() {
        if (shared == null || !shared.isRunning()) {
            if (shared == null) {
                shared = EmbeddedKafka.start(0, Integer.getInteger("greenwave.test.partitions", 1), null);
                EmbeddedKafka started = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-kafka-stop"));
            } else {
                shared.resume();
            }
        }
        return shared;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared across test classes; stopped by the shutdown hook
    }
}
