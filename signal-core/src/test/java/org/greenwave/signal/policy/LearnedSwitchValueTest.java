package org.greenwave.signal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The switch value learns from recorded decisions when switching saves waiting (here: when the best other phase's
 * pressure outweighs what the running green still serves) and keeps that judgement through a save and load.
 */
class LearnedSwitchValueTest {

    @Test
    void learnsWhenSwitchingSavesWaiting(@TempDir Path dir) throws Exception {
        Random r = new Random(5);
        List<LearnedSwitchValue.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            float[] f = features(r.nextFloat() * 3, r.nextFloat() * 3);
            boolean switched = r.nextBoolean();
            // waiting that followed: switching helps by the pressure difference, keeping by the running vehicles
            float gap = f[2] - f[0];
            float waiting = 10 + (switched ? -gap : gap) * 2 + (float) r.nextGaussian() * 0.5f;
            samples.add(new LearnedSwitchValue.Sample(f, switched, waiting, i / 400));
        }
        LearnedSwitchValue value = LearnedSwitchValue.train(samples, List.of("synthetic"), 60, 25, 100_000, s -> { });
        assertThat(value.info().validationMae()).isLessThan(value.info().baselineMae());
        float[] crowdedElsewhere = features(0.2f, 2.5f);
        float[] busyGreen = features(2.5f, 0.2f);
        assertThat(value.advantageOfSwitching(crowdedElsewhere)).isPositive();
        assertThat(value.advantageOfSwitching(busyGreen)).isNegative();

        value.save(dir);
        LearnedSwitchValue loaded = LearnedSwitchValue.load(dir);
        assertThat(loaded.version()).isEqualTo(value.version());
        assertThat(loaded.advantageOfSwitching(crowdedElsewhere))
                .isCloseTo(value.advantageOfSwitching(crowdedElsewhere), org.assertj.core.api.Assertions.within(1e-6));
    }

    /** Running vehicles per green lane and the best other phase's pressure per lane; the rest typical values. */
    private static float[] features(float running, float bestPressure) {
        float[] f = new float[DecisionFeatures.COUNT];
        f[0] = running;
        f[2] = bestPressure;
        f[8] = 0.5f;
        f[10] = 1f;
        f[11] = 1f;
        f[12] = 0.6f;
        f[13] = 0.5f;
        f[14] = 0.5f;
        return f;
    }
}
