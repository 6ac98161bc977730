package org.greenwave.signal.policy;

import java.util.List;

/**
 * The rule without a learned model: the vehicles that will cross soon are the moving ones within the distance a
 * vehicle covers at urban speed in the horizon (about 14 m/s), as "advanced max-pressure" counts them. Used when
 * no model is loaded and as the ablation that shows what the learned model adds.
 */
public final class HeuristicDischarge implements DischargeForecaster {

    public static final String VERSION = "rules-running-70m-1";
    static final double RUNNING_RANGE_METERS = 70.0;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public int horizonSeconds() {
        return 5;
    }

    @Override
    public double[] forecast(List<LaneContext> lanes) {
        double[] out = new double[lanes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = lanes.get(i).profile().movingWithin(RUNNING_RANGE_METERS);
        }
        return out;
    }
}
