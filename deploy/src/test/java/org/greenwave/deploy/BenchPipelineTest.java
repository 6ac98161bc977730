package org.greenwave.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.greenwave.cli.Greenwave;
import org.greenwave.contracts.Json;
import org.greenwave.sumo.traci.Sumo;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./greenwave bench pipeline} on a tiny load, with the real parts it measures (the in-process broker, the
 * traffic-ingest and signal-optimizer JVMs built earlier in the reactor, SUMO for the closed loop): every reported
 * second of both junctions gets its plan through the services, the result file holds the numbers, and nothing the
 * benchmark started is left running. No timing is asserted (numbers belong in docs/benchmarks.md).
 */
class BenchPipelineTest {

    @Test
    void twoJunctionsGetAPlanForEveryReportedSecondThroughTheServicesAndNothingIsLeftRunning() throws Exception {
        Path out = Path.of("target/bench-pipeline").toAbsolutePath();
        Files.deleteIfExists(out.resolve("pipeline.json"));
        int code = new CommandLine(new Greenwave()).execute("bench", "pipeline", "--out", out.toString(),
                "--intersections", "2", "--seconds", "4", "--warmup", "2", "--sim-seconds", "20");
        assertThat(code).as("exit code (logs in " + out.resolve("logs") + ")").isZero();

        JsonNode json = Json.mapper().readTree(out.resolve("pipeline.json").toFile());
        JsonNode part = json.get("readingToPlan");
        assertThat(part.get("expectedPlans").asLong()).isEqualTo(2 * 4);
        assertThat(part.get("plans").asLong()).isEqualTo(2 * 4);
        assertThat(part.get("missingPlans").asLong()).isZero();
        assertThat(part.get("httpErrors").asLong()).isZero();
        assertThat(part.get("deadLettered").asLong()).isZero();
        assertThat(part.get("p50Ms").asDouble()).isPositive();
        assertThat(part.get("maxMs").asDouble()).isGreaterThanOrEqualTo(part.get("p99Ms").asDouble());
        assertThat(part.get("perSecond")).hasSize(2 + 4);
        for (String service : List.of("traffic-ingest", "signal-optimizer")) {
            assertThat(part.get("memory").get(service).get("rssMaxMiB").asLong()).as(service + " RSS").isPositive();
        }
        assertThat(json.get("p50Ms")).isEqualTo(part.get("p50Ms"));
        assertThat(Files.readString(out.resolve("pipeline.svg"))).startsWith("<svg").contains("polyline");

        JsonNode loop = json.get("closedLoop");
        if (Sumo.installed()) {
            assertThat(loop.has("failed")).as(loop.toString()).isFalse();
            assertThat(loop.get("simulatedSeconds").asDouble()).isEqualTo(20);
            assertThat(loop.get("simulatedSecondsPerWallSecond").asDouble()).isPositive();
            assertThat(loop.get("signals").asInt()).isPositive();
        } else {
            assertThat(loop.get("skipped").asText()).contains("sumo is not installed");
        }

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("pid " + p.pid())).toList())
                .as("processes the benchmark left running").isEmpty();
    }
}
