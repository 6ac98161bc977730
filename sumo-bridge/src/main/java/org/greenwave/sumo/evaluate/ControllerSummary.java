package org.greenwave.sumo.evaluate;

import java.util.List;

/**
 * One controller over all seeds, as written to {@code summary.json}: means over the seeds, and each seed's own.
 *
 * @param meanDelay       mean over seeds of the mean delay per vehicle, seconds
 * @param meanTripTime    mean over seeds of the mean trip time, seconds
 * @param meanWaitingTime mean over seeds of the mean waiting time, seconds
 * @param vehicles        vehicles counted per run (mean over seeds, rounded)
 * @param neverDeparted   vehicles that never departed per run (mean over seeds, rounded)
 * @param minDelay        lowest seed's mean delay
 * @param maxDelay        highest seed's mean delay
 * @param seeds           each seed's numbers
 */
public record ControllerSummary(double meanDelay, double meanTripTime, double meanWaitingTime, long vehicles,
                                long neverDeparted, double minDelay, double maxDelay, List<SeedResult> seeds) {

    /**
     * One seed.
     *
     * @param seed                          SUMO seed
     * @param meanDelay                     mean delay per vehicle, seconds
     * @param meanTripTime                  mean trip time, seconds
     * @param meanWaitingTime               mean waiting time, seconds
     * @param vehicles                      vehicles counted
     * @param neverDeparted                 vehicles that never departed
     * @param tripinfo                      tripinfo file name (in the output directory)
     * @param simulatedSecondsPerWallSecond simulation speed of the run
     */
    public record SeedResult(int seed, double meanDelay, double meanTripTime, double meanWaitingTime, int vehicles,
                             int neverDeparted, String tripinfo, double simulatedSecondsPerWallSecond) {
    }

    public static ControllerSummary of(List<RunResult> runs) {
        List<SeedResult> seeds = runs.stream().map(r -> new SeedResult(r.seed(), round2(r.delay().meanDelay()),
                round2(r.delay().meanTripTime()), round2(r.delay().meanWaitingTime()), r.delay().vehicles(),
                r.delay().neverDeparted(), r.tripinfo().getFileName().toString(), round2(r.speed()))).toList();
        return new ControllerSummary(
                round2(runs.stream().mapToDouble(r -> r.delay().meanDelay()).average().orElse(Double.NaN)),
                round2(runs.stream().mapToDouble(r -> r.delay().meanTripTime()).average().orElse(Double.NaN)),
                round2(runs.stream().mapToDouble(r -> r.delay().meanWaitingTime()).average().orElse(Double.NaN)),
                Math.round(runs.stream().mapToInt(r -> r.delay().vehicles()).average().orElse(0)),
                Math.round(runs.stream().mapToInt(r -> r.delay().neverDeparted()).average().orElse(0)),
                round2(runs.stream().mapToDouble(r -> r.delay().meanDelay()).min().orElse(Double.NaN)),
                round2(runs.stream().mapToDouble(r -> r.delay().meanDelay()).max().orElse(Double.NaN)),
                seeds);
    }

    static double round2(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : v;
    }
}
