package org.greenwave.sumo.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenwave.sumo.control.SignalController;
import org.greenwave.sumo.metric.DelayMetric;
import org.greenwave.sumo.metric.DelayResult;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.twin.Twin;
import org.greenwave.sumo.twin.TwinOptions;

/** Runs one controller on one seed from the scenario's begin to its end, then scores the tripinfo. */
public final class TwinRun {

    /** Width of the queue-over-time bins, seconds. */
    public static final double QUEUE_BIN_SECONDS = 60;

    public static RunResult run(ScenarioConfig scenario, NetworkModel network, SignalController controller,
                                TwinOptions options, RunProgress progress) {
        long started = System.nanoTime();
        int bins = Math.max(1, (int) Math.ceil((scenario.end() - scenario.begin()) / QUEUE_BIN_SECONDS));
        Map<String, double[]> queueSum = new LinkedHashMap<>();
        int[] samples = new int[bins];
        network.signals().forEach(s -> queueSum.put(s.id(), new double[bins]));
        double firstTime;
        double lastTime;
        try (Twin twin = Twin.start(scenario, network, options)) {
            firstTime = twin.time();
            controller.start(twin);
            while (!twin.finished()) {
                twin.step();
                controller.afterStep(twin);
                int bin = Math.max(0, Math.min(bins - 1,
                        (int) Math.floor((twin.time() - 1e-9 - scenario.begin()) / QUEUE_BIN_SECONDS)));
                samples[bin]++;
                for (NetworkModel.Signal s : network.signals()) {
                    queueSum.get(s.id())[bin] += twin.queue(s);
                }
                progress.onStep(controller.name(), options.seed(), twin.time(), scenario.begin(), scenario.end());
            }
            lastTime = twin.time();
        }
        double wall = (System.nanoTime() - started) / 1e9;
        DelayResult delay = DelayMetric.compute(scenario.routeFiles(), options.tripinfo(), scenario.begin(),
                scenario.end());
        Map<String, List<Double>> queues = new LinkedHashMap<>();
        queueSum.forEach((id, sums) -> {
            List<Double> series = new ArrayList<>(bins);
            for (int i = 0; i < bins; i++) {
                series.add(samples[i] == 0 ? Double.NaN : sums[i] / samples[i]);
            }
            queues.put(id, List.copyOf(series));
        });
        return new RunResult(controller.name(), options.seed(), options.tripinfo(), delay, queues, QUEUE_BIN_SECONDS,
                lastTime - firstTime, wall);
    }

    /** Convenience for one run with the standard options. */
    public static RunResult run(ScenarioConfig scenario, NetworkModel network, SignalController controller, int seed,
                                Path tripinfo, Path workDir) {
        return run(scenario, network, controller, TwinOptions.of(seed, tripinfo, workDir), RunProgress.NONE);
    }

    private TwinRun() {
    }
}
