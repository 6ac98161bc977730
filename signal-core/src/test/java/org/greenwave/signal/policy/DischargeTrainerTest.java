package org.greenwave.signal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer learns a discharge law the heuristic cannot express (permissive greens discharge at half the rate,
 * standing vehicles near the stop line do cross) and the model survives a save and load.
 */
class DischargeTrainerTest {

    @Test
    void learnsWhatTheHeuristicMissesAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        IntersectionModel model = new IntersectionModel(GreenwaveStrategyTest.cross());
        Random r = new Random(7);
        List<DischargeTrainer.Sample> samples = new ArrayList<>();
        HeuristicDischarge heuristic = new HeuristicDischarge();
        for (int i = 0; i < 3000; i++) {
            int near = r.nextInt(8);
            int nearHalted = r.nextInt(near + 1);
            int far = r.nextInt(12);
            boolean protectedGreen = r.nextBoolean();
            var t = GreenwaveStrategyTest.T0;
            TrafficSnapshot snapshot = new TrafficSnapshot(t, Map.of(
                    "w_0#0", new DetectorReading("X", "w_0#0", t, near, 0.2, nearHalted, t, "twin"),
                    "w_0#1", new DetectorReading("X", "w_0#1", t, far, 0.1, 0, t, "twin")));
            var lane = new DischargeForecaster.LaneContext(ApproachProfile.of(model, snapshot, "w_0"), protectedGreen,
                    r.nextInt(40), 1, 0);
            // the "truth": up to 2.5 vehicles in 5 s when protected, half that when permissive
            double capacity = protectedGreen ? 2.5 : 1.25;
            float crossed = (float) Math.min(capacity, near * 0.6 + far * 0.05);
            float h = (float) heuristic.forecast(List.of(lane))[0];
            samples.add(new DischargeTrainer.Sample(DischargeFeatures.of(lane), crossed, h, i / 100));
        }
        LearnedDischarge learned = DischargeTrainer.train(samples, List.of("synthetic law"),
                new DischargeTrainer.Options(30, 32, 128, 1, 5, 100_000), p -> { });
        assertThat(learned.info().validationMae()).isLessThan(learned.info().heuristicMae() / 2);

        learned.save(dir);
        LearnedDischarge loaded = LearnedDischarge.load(dir);
        assertThat(loaded.version()).isEqualTo(learned.version());
        float[][] x = {samples.get(0).features(), samples.get(1).features()};
        assertThat(loaded.predict(x).toDoubleVector()).containsExactly(learned.predict(x).toDoubleVector());
        // the plain-Java forward pass used for decisions computes what the Deeplearning4j network does
        for (int i = 0; i < 200; i++) {
            float[] f = samples.get(i).features();
            assertThat(learned.forward(f)).isCloseTo(learned.predict(new float[][] {f}).getDouble(0, 0),
                    org.assertj.core.api.Assertions.within(1e-4));
        }
    }
}
