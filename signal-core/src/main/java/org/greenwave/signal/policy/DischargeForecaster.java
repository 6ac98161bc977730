package org.greenwave.signal.policy;

import java.util.List;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;

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

        /** A lane's context while the phase at {@code position} is green (as the model is trained: one per lane). */
        public static LaneContext of(IntersectionModel m, TrafficSnapshot snapshot, int position, String lane,
                                     int greenSeconds) {
            int links = 0;
            boolean protectedGreen = false;
            double exit = 0;
            for (Intersection.Link link : m.intersection().links()) {
                if (lane.equals(link.fromLane())) {
                    links++;
                }
            }
            for (Intersection.Link link : m.linksOf(position)) {
                if (lane.equals(link.fromLane())) {
                    protectedGreen |= m.protectedGreen(position, link.index());
                    exit += ApproachProfile.exitQueue(m, snapshot, link.toLane());
                }
            }
            return new LaneContext(ApproachProfile.of(m, snapshot, lane), protectedGreen, greenSeconds, links, exit);
        }
    }
}
