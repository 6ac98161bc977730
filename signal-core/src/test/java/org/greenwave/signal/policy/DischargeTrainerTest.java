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

    @Test
    void aModelsVersionNamesItsWeightsSoTwoTrainedInOneMinuteDiffer() {
        IntersectionModel model = new IntersectionModel(GreenwaveStrategyTest.cross());
        Random r = new Random(3);
        List<DischargeTrainer.Sample> samples = new ArrayList<>();
        var t = GreenwaveStrategyTest.T0;
        for (int i = 0; i < 500; i++) {
            int near = r.nextInt(8);
            TrafficSnapshot snapshot = new TrafficSnapshot(t, Map.of(
                    "w_0#0", new DetectorReading("X", "w_0#0", t, near, 0.2, 0, t, "twin")));
            var lane = new DischargeForecaster.LaneContext(ApproachProfile.of(model, snapshot, "w_0"), true, 10, 1, 0);
            samples.add(new DischargeTrainer.Sample(DischargeFeatures.of(lane), near * 0.3f, 0, i / 50));
        }
        var seed1 = new DischargeTrainer.Options(2, 8, 64, 1, 5, 1000);
        var seed2 = new DischargeTrainer.Options(2, 8, 64, 2, 5, 1000);
        LearnedDischarge a = DischargeTrainer.train(samples, List.of("a"), seed1, p -> { });
        LearnedDischarge again = DischargeTrainer.train(samples, List.of("a"), seed1, p -> { });
        LearnedDischarge b = DischargeTrainer.train(samples, List.of("b"), seed2, p -> { });
        assertThat(a.version()).matches("discharge-\\d{4}\\.\\d{2}\\.\\d{2}-\\d{4}-[0-9a-f]{6}");
        assertThat(fingerprint(again.version())).as("the same weights, the same name").isEqualTo(fingerprint(a.version()));
        assertThat(fingerprint(b.version())).as("other weights, another name").isNotEqualTo(fingerprint(a.version()));
    }

    private static String fingerprint(String version) {
        return version.substring(version.lastIndexOf('-') + 1);
    }

    /**
     * A model trained only on short queues and protected greens meets a permissive lane with a long queue and a
     * spillback it never saw: its forecast stays within what a stop line can discharge and what the lane holds.
     */
    @Test
    void forecastsStayPhysicalFarOutsideTheTrainingData() {
        IntersectionModel model = new IntersectionModel(GreenwaveStrategyTest.cross());
        Random r = new Random(11);
        List<DischargeTrainer.Sample> samples = new ArrayList<>();
        var t = GreenwaveStrategyTest.T0;
        for (int i = 0; i < 2000; i++) {
            int near = r.nextInt(3);
            TrafficSnapshot snapshot = new TrafficSnapshot(t, Map.of(
                    "w_0#0", new DetectorReading("X", "w_0#0", t, near, 0.1, 0, t, "twin"),
                    "w_0#1", new DetectorReading("X", "w_0#1", t, 0, 0.0, 0, t, "twin")));
            var lane = new DischargeForecaster.LaneContext(ApproachProfile.of(model, snapshot, "w_0"), true,
                    r.nextInt(30), 1, 0);
            // a steep law: every vehicle seen crosses, and then some
            samples.add(new DischargeTrainer.Sample(DischargeFeatures.of(lane), near * 1.5f, 0f, i / 100));
        }
        LearnedDischarge learned = DischargeTrainer.train(samples, List.of("short queues only"),
                new DischargeTrainer.Options(10, 16, 128, 1, 5, 100_000), p -> { });
        TrafficSnapshot jam = new TrafficSnapshot(t, Map.of(
                "w_0#0", new DetectorReading("X", "w_0#0", t, 60, 1.0, 60, t, "twin"),
                "w_0#1", new DetectorReading("X", "w_0#1", t, 80, 1.0, 80, t, "twin")));
        ApproachProfile profile = ApproachProfile.of(model, jam, "w_0");
        double forecast = learned.forecast(List.of(
                new DischargeForecaster.LaneContext(profile, false, 200, 3, 40)))[0];
        assertThat(forecast).isBetween(0.0, 5 / LearnedDischarge.MIN_HEADWAY_SECONDS);

        TrafficSnapshot empty = new TrafficSnapshot(t, Map.of(
                "w_0#0", new DetectorReading("X", "w_0#0", t, 0, 0.0, 0, t, "twin"),
                "w_0#1", new DetectorReading("X", "w_0#1", t, 0, 0.0, 0, t, "twin")));
        assertThat(learned.forecast(List.of(new DischargeForecaster.LaneContext(
                ApproachProfile.of(model, empty, "w_0"), true, 5, 1, 0)))[0]).isZero();
    }

    @Test
    void scalingClipsInputsFarOutsideTheTrainingSpread() {
        assertThat(FeatureScaling.scaled(0f, 0.998f, 0.04f)).isEqualTo(-FeatureScaling.LIMIT);
        assertThat(FeatureScaling.scaled(1f, 0.5f, 0.5f)).isEqualTo(1f);
        assertThat(FeatureScaling.scaled(1e9f, 0f, 1f)).isEqualTo(FeatureScaling.LIMIT);
    }
}
