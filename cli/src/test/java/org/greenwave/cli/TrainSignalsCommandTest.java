package org.greenwave.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.greenwave.signal.policy.LearnedDischarge;
import org.greenwave.sumo.traci.Sumo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** train-signals in the real twin (SUMO), small: one scenario, one collection run, two candidates compared. */
class TrainSignalsCommandTest {

    static final Path CROSS2 = Path.of("..", "scenarios", "training", "cross2", "cross2.sumocfg");

    @Test
    void keepsTheCandidateWithTheLowestClosedLoopDelayAndSaysSo(@TempDir Path dir) throws Exception {
        assumeTrue(Sumo.installed(), "sumo is not installed (apt-get install -y sumo): train-signals test skipped");
        Path out = dir.resolve("model");

        int code = new CommandLine(new TrainSignalsCommand()).execute("--sumo-cfg", CROSS2.toString(), "--seeds", "1",
                "--epochs", "2", "--max-samples", "3000", "--candidates", "2", "--select-seeds", "3",
                "--out", out.toString(), "--work-dir", dir.resolve("work").toString());

        assertThat(code).isZero();
        JsonNode selection = new ObjectMapper().readTree(out.resolve("training.json").toFile()).get("selection");
        assertThat(selection.get("seeds").toString()).isEqualTo("[3]");
        List<JsonNode> candidates = new ArrayList<>();
        selection.get("candidates").forEach(candidates::add);
        assertThat(candidates).hasSize(2);
        JsonNode best = candidates.get(0);
        for (JsonNode c : candidates) {
            assertThat(c.get("meanDelaySeconds").asDouble()).as("a real closed-loop run").isBetween(1.0, 600.0);
            assertThat(c.get("delayByScenario").has("cross2.sumocfg")).isTrue();
            if (c.get("meanDelaySeconds").asDouble() < best.get("meanDelaySeconds").asDouble()) {
                best = c;
            }
        }
        assertThat(selection.get("kept").asInt()).isEqualTo(best.get("candidate").asInt());
        assertThat(candidates.get(0).get("seed").asLong()).isNotEqualTo(candidates.get(1).get("seed").asLong());
        // the model written is the kept candidate
        LearnedDischarge written = LearnedDischarge.load(out);
        assertThat(written.info().validationMae()).isEqualTo(best.get("validationMae").asDouble());
        assertThat(Files.exists(out.resolve("discharge").resolve("network.zip"))).isTrue();
    }
}
