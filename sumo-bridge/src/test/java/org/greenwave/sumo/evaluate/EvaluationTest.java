package org.greenwave.sumo.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.greenwave.contracts.Json;
import org.greenwave.sumo.testing.TestScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short evaluation on the generated two-signal network: outputs, shape, determinism, progress. */
class EvaluationTest {

    @TempDir
    Path dir;

    @Test
    void writesSummaryReportAndTripinfoForEveryControllerAndSeed() throws IOException {
        TestScenarios.assumeSumo();
        Path cfg = TestScenarios.twoSignals(dir.resolve("scenario"), 500, 400);
        Path out = dir.resolve("out");
        List<String> seen = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        Evaluation.Outcome outcome = Evaluation.run(cfg, List.of("fixed", "max-pressure", "greedy", "greenwave"),
                List.of(1, 2), out, new Evaluation.Listener() {
                    @Override
                    public void onStep(String controller, int seed, double time, double begin, double end) {
                        if (time == end) {
                            seen.add(controller + "/" + seed);
                        }
                    }

                    @Override
                    public void unavailable(String controller, String reason) {
                        unavailable.add(controller);
                    }
                });
        assertThat(seen).containsExactly("fixed/1", "fixed/2", "max-pressure/1", "max-pressure/2", "greedy/1",
                "greedy/2");
        assertThat(unavailable).containsExactly("greenwave");

        JsonNode summary = Json.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("scenario").asText()).isEqualTo("two");
        assertThat(summary.get("results").fieldNames()).toIterable()
                .containsExactly("fixed", "max-pressure", "greedy");
        assertThat(summary.get("notAvailable").has("greenwave")).isTrue();
        for (String controller : List.of("fixed", "max-pressure", "greedy")) {
            JsonNode r = summary.get("results").get(controller);
            for (String field : List.of("meanDelay", "meanTripTime", "meanWaitingTime", "vehicles", "neverDeparted")) {
                assertThat(r.has(field)).as(controller + "." + field).isTrue();
            }
            assertThat(r.get("meanDelay").asDouble()).isPositive();
            assertThat(r.get("vehicles").asInt()).isBetween(400, 500);
            assertThat(r.get("seeds")).hasSize(2);
            double mean = (r.get("seeds").get(0).get("meanDelay").asDouble()
                    + r.get("seeds").get(1).get("meanDelay").asDouble()) / 2;
            assertThat(r.get("meanDelay").asDouble()).isCloseTo(mean, org.assertj.core.data.Offset.offset(0.011));
            for (int seed : List.of(1, 2)) {
                assertThat(out.resolve(controller + "-seed" + seed + ".tripinfo.xml")).isNotEmptyFile();
            }
        }
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<table", "max-pressure", "greedy", "A0", "B0")
                .doesNotContain("<script", "src=", "href=", "@import"); // self-contained
        // bars, delay over time, the map, a queue plot per signal
        assertThat(html.split("<svg", -1)).hasSize(1 + 1 + 1 + 1 + 2);
        assertThat(html).contains("mean queue: fixed");
        assertThat(outcome.runs().get("greedy").get(0).queueOverTime()).containsKeys("A0", "B0");
    }

    @Test
    void aSeedGivesTheSameResultEveryTime() {
        TestScenarios.assumeSumo();
        Path cfg = TestScenarios.twoSignals(dir.resolve("scenario"), 400, 300);
        double first = Evaluation.run(cfg, List.of("greedy"), List.of(5), dir.resolve("a"), new Evaluation.Listener() {
        }).summary().get("greedy").meanDelay();
        double second = Evaluation.run(cfg, List.of("greedy"), List.of(5), dir.resolve("b"), new Evaluation.Listener() {
        }).summary().get("greedy").meanDelay();
        assertThat(second).isEqualTo(first);
    }
}
