package org.greenwave.sumo.metric;

import java.util.List;

/**
 * The SPEC's (RESCO) delay metric of one run and its companions.
 *
 * @param meanDelay       mean delay per vehicle, seconds: timeLoss + departDelay of every departed vehicle, and
 *                        (end - scheduled depart) of every vehicle scheduled in [begin, end) that never departed
 * @param meanTripTime    mean trip duration of the departed vehicles (up to the end for unfinished trips)
 * @param meanWaitingTime mean time the departed vehicles stood (below 0.1 m/s)
 * @param vehicles        vehicles counted in {@code meanDelay}
 * @param neverDeparted   scheduled vehicles that never departed
 * @param delayOverTime   mean delay of the vehicles scheduled to depart in each bin of {@code binSeconds}
 *                        from begin (NaN for an empty bin)
 * @param binSeconds      width of those bins
 */
public record DelayResult(double meanDelay, double meanTripTime, double meanWaitingTime, int vehicles,
                          int neverDeparted, List<Double> delayOverTime, double binSeconds) {
}
