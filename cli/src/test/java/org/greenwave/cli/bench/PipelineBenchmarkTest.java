package org.greenwave.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.sumo.net.ScenarioConfig;
import org.junit.jupiter.api.Test;

/** The pieces of {@code bench pipeline} that need no services (the whole benchmark runs in deploy's test). */
class PipelineBenchmarkTest {

    /** The optimizer decides only once every registered detector has reported: the load must name exactly those. */
    @Test
    void aDevicesRequestCarriesOneReadingPerRegisteredDetectorOfItsJunction() throws Exception {
        Intersection junction = CapacityBenchmark.junction("BM-0007");
        Instant t = Instant.parse("2026-11-28T07:00:01Z");
        JsonNode body = Json.mapper().readTree(PipelineBenchmark.readings(junction.id(), t, 12, 7));
        List<String> detectors = new ArrayList<>();
        for (JsonNode reading : body) {
            assertThat(reading.get("intersectionId").asText()).isEqualTo(junction.id());
            assertThat(Instant.parse(reading.get("timestamp").asText())).isEqualTo(t);
            assertThat(reading.get("haltingVehicles").asInt()).isBetween(0, 11);
            assertThat(reading.get("occupancy").asDouble()).isBetween(0.0, 1.0);
            detectors.add(reading.get("detectorId").asText());
        }
        assertThat(detectors).containsExactlyInAnyOrderElementsOf(
                junction.detectors().stream().map(Intersection.Detector::id).toList());
    }

    @Test
    void theClosedLoopRunsTheScenarioFromItsBeginForTheRequestedSecondsWhereverItsCopyLives() throws Exception {
        Path dir = Files.createTempDirectory("scenario");
        Files.writeString(dir.resolve("town.net.xml"), "<net/>");
        Files.writeString(dir.resolve("town.rou.xml"), "<routes/>");
        Files.writeString(dir.resolve("town.sumocfg"), """
                <configuration><input><net-file value="town.net.xml"/><route-files value="town.rou.xml"/></input>
                <time><begin value="25200"/><end value="30600"/></time></configuration>""");
        ScenarioConfig original = ScenarioConfig.read(dir.resolve("town.sumocfg"));
        Path copy = PipelineBenchmark.trimmedConfig(original, 25200 + 900, Files.createTempDirectory("elsewhere"));
        ScenarioConfig trimmed = ScenarioConfig.read(copy);
        assertThat(trimmed.name()).isEqualTo("town");
        assertThat(trimmed.netFile()).isEqualTo(original.netFile());
        assertThat(trimmed.routeFiles()).isEqualTo(original.routeFiles());
        assertThat(trimmed.begin()).isEqualTo(25200);
        assertThat(trimmed.end()).isEqualTo(26100);
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> values = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            values.add((double) i);
        }
        PipelineBenchmark.Percentiles p = PipelineBenchmark.Percentiles.of(values);
        assertThat(p.n()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p95()).isEqualTo(95);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
        assertThat(PipelineBenchmark.Percentiles.of(List.of()).n()).isZero();
        assertThat(PipelineBenchmark.Percentiles.of(List.of()).json().get("p50").isNull())
                .as("nothing measured is null, never NaN (not JSON)").isTrue();
    }
}
