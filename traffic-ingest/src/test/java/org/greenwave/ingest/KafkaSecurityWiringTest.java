package org.greenwave.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.util.Map;
import org.greenwave.ingest.messaging.KafkaWriter;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.junit.jupiter.api.Test;

/**
 * TLS and SASL are plain Kafka client settings under {@code kafka.*}: the test profile sets
 * {@code kafka.security.protocol}, and it must reach the channels' configuration and the service's own producer
 * (which is created from that map), not only the bootstrap address. And the producer compresses as a plain JVM's would.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class KafkaSecurityWiringTest {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    KafkaWriter writer;

    @Test
    void securitySettingsReachEveryClient() {
        assertThat(kafka).containsEntry("security.protocol", "PLAINTEXT");
        assertThat(writer.settings()).containsEntry("security.protocol", "PLAINTEXT")
                .containsKey("bootstrap.servers")
                .doesNotContainKey("health.enabled");
    }

    /**
     * Kafka's lz4 codec compresses natively in the service as in any plain JVM, although Quarkus loads it with its
     * own class loader (where lz4-java on its own would choose its pure-Java compressor).
     */
    @Test
    void theProducerCompressesWithTheNativeLz4() {
        assertThat(writer.settings()).containsEntry("compression.type", "lz4");
        assertThat(net.jpountz.util.Native.class.getClassLoader()).isNotSameAs(ClassLoader.getSystemClassLoader());
        assertThat(writer.lz4()).isEqualTo("LZ4Factory:JNI");
        assertThat(net.jpountz.lz4.LZ4Factory.fastestInstance().fastCompressor().toString())
                .isEqualTo("LZ4JNICompressor");
    }
}
