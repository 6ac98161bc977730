package org.greenwave.sumo.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.greenwave.sumo.evaluate.RunResult;
import org.greenwave.sumo.evaluate.TwinRun;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.testing.ReferenceTools;
import org.greenwave.sumo.testing.TestScenarios;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java baselines against the SPEC's reference implementation (baseline.py over SUMO's Python traci) on a
 * generated two-signal network: same seed, same decisions, so the same trips to the last digit.
 */
class BaselineAgreementTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"fixed", "max-pressure", "greedy"})
    void javaBaselineMakesTheSameTripsAsTheReference(String controller) throws IOException {
        TestScenarios.assumeSumo();
        Path tools = ReferenceTools.toolsOrSkip();
        ReferenceTools.assumeTraci();
        Path cfg = TestScenarios.twoSignals(dir, 700, 600);
        ScenarioConfig scenario = ScenarioConfig.read(cfg);
        NetworkModel network = NetReader.read(scenario);

        SignalController java = switch (controller) {
            case "fixed" -> new FixedTimeController();
            case "max-pressure" -> new PhaseChoiceController(PhaseChoiceController.Score.MAX_PRESSURE);
            default -> new PhaseChoiceController(PhaseChoiceController.Score.GREEDY);
        };
        RunResult ours = TwinRun.run(scenario, network, java, 2, dir.resolve("java.xml"), dir.resolve("work"));

        Path reference = dir.resolve("python.xml");
        ReferenceTools.run(tools.resolve("baseline.py"), dir, cfg.toString(), controller, "2", reference.toString());
        double referenceDelay = ReferenceTools.delayOf(ReferenceTools.run(tools.resolve("delay.py"), dir,
                scenario.routeFiles().get(0).toString(), reference.toString(), "0", "600"));
        double ourDelayByPython = ReferenceTools.delayOf(ReferenceTools.run(tools.resolve("delay.py"), dir,
                scenario.routeFiles().get(0).toString(), dir.resolve("java.xml").toString(), "0", "600"));

        assertThat(ours.delay().meanDelay()).isCloseTo(referenceDelay, within(0.005));
        assertThat(ours.delay().meanDelay()).isCloseTo(ourDelayByPython, within(0.005));
        assertThat(ours.delay().vehicles()).isGreaterThan(600);
        assertThat(trips(dir.resolve("java.xml"))).isEqualTo(trips(reference));
    }

    private static List<String> trips(Path tripinfo) throws IOException {
        return Files.readAllLines(tripinfo).stream().filter(l -> l.contains("<tripinfo ")).toList();
    }
}
