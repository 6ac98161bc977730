package org.greenwave.cli.twin;

import java.util.List;
import org.greenwave.signal.policy.DischargeForecaster;

/**
 * A forecaster whose answers are scaled by a factor: while collecting training data, runs with factors below and
 * above 1 end greens earlier or later than the rule would, so that the data covers more situations than one
 * policy's habits.
 */
public final class ScaledDischarge implements DischargeForecaster {

    private final DischargeForecaster inner;
    private final double factor;

    public ScaledDischarge(DischargeForecaster inner, double factor) {
        this.inner = inner;
        this.factor = factor;
    }

    @Override
    public String version() {
        return inner.version() + "x" + factor;
    }

    @Override
    public int horizonSeconds() {
        return inner.horizonSeconds();
    }

    @Override
    public double[] forecast(List<LaneContext> lanes) {
        double[] out = inner.forecast(lanes);
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }
}
