package org.greenwave.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.greenwave.cli.bench.IngestBenchmark.Layout;
import org.greenwave.contracts.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench reads which lz4 implementation the service compresses with from its start-up log, and writes the same
 * reading in each body layout.
 */
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

    @Test
    void everyLayoutWritesTheSameReading() throws Exception {
        Instant ts = Instant.parse("2026-11-28T07:00:01Z");
        JsonNode expected = null;
        for (Layout layout : Layout.values()) {
            StringBuilder body = new StringBuilder();
            IngestBenchmark.Workload.item(body, layout, new Random(3), "B12", "B12_n_0", ts, 3, 0.35, 1);
            String text = body.toString();
            JsonNode item = Json.mapper().readTree(text);
            if (expected == null) {
                expected = item;
                assertThat(text).isEqualTo("{\"intersectionId\":\"B12\",\"detectorId\":\"B12_n_0\","
                        + "\"timestamp\":\"2026-11-28T07:00:01Z\",\"vehicleCount\":3,\"occupancy\":0.35,"
                        + "\"haltingVehicles\":1}");
            }
            assertThat(item).as(layout.name()).isEqualTo(expected);
            if (layout == Layout.pretty) {
                assertThat(text).contains("\n    \"detectorId\" : \"B12_n_0\"");
            }
            if (layout == Layout.shuffled) {
                assertThat(text).doesNotStartWith("{\"intersectionId\"");
            }
        }
    }
}
