package org.greenwave.signal.policy;

import java.util.List;

/**
 * Forecasts, for approach lanes that have green now, how many vehicles will cross the stop line within the next
 * few seconds if the green continues ("effective running vehicles"). Batched: one call per intersection and
 * decision.
 */
public interface DischargeForecaster {

    /** The model (or rule set) version, written into every plan it helped make. */
    String version();

    /** Seconds ahead the forecast looks. */
    int horizonSeconds();

    /**
     * @param lanes the lanes to forecast, each with its profile and signal context
     * @return expected vehicles crossing within the horizon, one per lane, in order
     */
    double[] forecast(List<LaneContext> lanes);

    /**
     * One lane's situation at decision time.
     *
     * @param profile          what its detectors show
     * @param protectedGreen   its movements have protected ({@code G}) rather than permissive ({@code g}) green
     * @param greenSeconds     how long its green has lasted
     * @param links            how many controlled links the lane feeds (shared lanes feed several)
     * @param exitQueue        vehicles standing just after the junction on its outgoing lanes (spillback)
     */
    record LaneContext(ApproachProfile profile, boolean protectedGreen, int greenSeconds, int links, double exitQueue) {
    }
}
