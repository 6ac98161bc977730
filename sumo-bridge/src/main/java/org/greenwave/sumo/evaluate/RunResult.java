package org.greenwave.sumo.evaluate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.greenwave.sumo.metric.DelayResult;

/**
 * One controller on one seed.
 *
 * @param controller       controller name
 * @param seed             SUMO seed
 * @param tripinfo         SUMO's tripinfo file of the run
 * @param delay            the delay metric
 * @param queueOverTime    per signal: mean queue (halting vehicles on its approaches) per {@code queueBinSeconds}
 * @param queueBinSeconds  width of the queue bins
 * @param simulatedSeconds simulated time covered
 * @param wallSeconds      wall-clock time the run took
 */
public record RunResult(String controller, int seed, Path tripinfo, DelayResult delay,
                        Map<String, List<Double>> queueOverTime, double queueBinSeconds, double simulatedSeconds,
                        double wallSeconds) {

    /** Simulated seconds per wall-clock second. */
    public double speed() {
        return wallSeconds <= 0 ? Double.NaN : simulatedSeconds / wallSeconds;
    }
}
