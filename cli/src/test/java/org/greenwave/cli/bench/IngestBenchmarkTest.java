package org.greenwave.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench reads which lz4 implementation the service compresses with from its start-up log. */
class IngestBenchmarkTest {

    @Test
    void theServicesLz4IsTakenFromItsLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("traffic-ingest.log");
        Files.write(log, List.of(
                "2026-11-29 12:27:34,100 INFO  [io.quarkus] (main) traffic-ingest starting",
                "2026-11-29 12:27:34,994 INFO  [org.greenwave.ingest.messaging.KafkaWriter] (vert.x-eventloop-thread-1)"
                        + " lz4 (the producer's lz4 compression): LZ4Factory:JavaSafe",
                "2026-11-29 12:27:35,000 INFO  [io.quarkus] (main) traffic-ingest started"));
        assertThat(IngestBenchmark.serviceLz4(log)).isEqualTo("LZ4Factory:JavaSafe");

        Files.write(log, List.of("2026-11-29 12:27:35,000 INFO  [io.quarkus] (main) traffic-ingest started"));
        assertThat(IngestBenchmark.serviceLz4(log)).isEqualTo("unknown");
    }
}
