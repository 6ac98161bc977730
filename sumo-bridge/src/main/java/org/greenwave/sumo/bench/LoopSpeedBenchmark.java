package org.greenwave.sumo.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.sumo.control.SignalController;
import org.greenwave.sumo.evaluate.Controllers;
import org.greenwave.sumo.evaluate.RunProgress;
import org.greenwave.sumo.evaluate.RunResult;
import org.greenwave.sumo.evaluate.TwinRun;
import org.greenwave.sumo.loop.ClosedLoopController;
import org.greenwave.sumo.loop.FieldDevices;
import org.greenwave.sumo.loop.FieldReading;
import org.greenwave.sumo.loop.LoopSettings;
import org.greenwave.sumo.loop.PlanSource;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.plan.FixedTimePlans;
import org.greenwave.sumo.plan.PlanCheck;
import org.greenwave.sumo.plan.PlanExecutor;
import org.greenwave.sumo.twin.DetectorLayout;
import org.greenwave.sumo.twin.Intersections;
import org.greenwave.sumo.twin.SimClock;
import org.greenwave.sumo.twin.TwinOptions;
import org.greenwave.sumo.twin.VirtualDetectors;

/**
 * Simulation speed of the twin (simulated seconds per wall second): each baseline, and the twin's side of the
 * closed loop, i.e. every detector's reading every second serialized as the HTTP body it would be, a plan per
 * intersection and decision step (its own fixed-time program as a plan, answered in-process) and the plan
 * executor driving every signal. The services' own time is not in it: that is {@code bench pipeline}'s.
 *
 * <p>{@code java -cp "cli/target/greenwave-cli.jar:cli/target/lib/*" org.greenwave.sumo.bench.LoopSpeedBenchmark
 * CFG [OUT_DIR]}
 */
public final class LoopSpeedBenchmark {

    /** Stands in for the services: swallows readings (after serializing them), answers fixed-time plans. */
    static final class InProcessServices implements FieldDevices, PlanSource {
        private final List<Intersection> intersections;
        private final List<TimingPlan> outbox = new ArrayList<>();
        long readings;
        long bytes;

        InProcessServices(List<Intersection> intersections) {
            this.intersections = intersections;
        }

        @Override
        public void send(List<FieldReading> batch) {
            readings += batch.size();
            bytes += Json.toBytes(batch).length;
            Instant until = batch.stream().map(FieldReading::timestamp).max(Comparator.naturalOrder()).orElseThrow();
            for (Intersection i : intersections) {
                outbox.add(FixedTimePlans.of(i, until, until));
            }
        }

        @Override
        public List<TimingPlan> poll(Duration timeout) {
            List<TimingPlan> out = List.copyOf(outbox);
            outbox.clear();
            return out;
        }

        @Override
        public void close() {
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LoopSpeedBenchmark CFG [OUT_DIR]");
            System.exit(2);
        }
        ScenarioConfig scenario = ScenarioConfig.read(Path.of(args[0]));
        Path out = Path.of(args.length > 1 ? args[1] : "bench");
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("greenwave-loop-bench-");
        NetworkModel network = NetReader.read(scenario);
        Map<String, Object> results = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "%s: %d signals, %.0f s simulated per run%n", scenario.name(),
                network.signals().size(), scenario.end() - scenario.begin());
        System.out.printf(Locale.ROOT, "%-26s %12s %10s %12s%n", "run", "sim s/wall s", "wall s", "readings/s");
        for (String name : List.of(Controllers.FIXED, Controllers.MAX_PRESSURE, Controllers.GREEDY)) {
            SignalController controller = Controllers.create(name).orElseThrow();
            RunResult r = TwinRun.run(scenario, network, controller,
                    new TwinOptions(1, work.resolve(name + ".xml"), work, null, List.of()), RunProgress.NONE);
            print(name, r, 0);
            results.put(name, Map.of("simulatedSecondsPerWallSecond", round(r.speed()), "wallSeconds",
                    round(r.wallSeconds()), "meanDelay", round(r.delay().meanDelay())));
        }
        DetectorLayout layout = DetectorLayout.standard();
        Map<String, Intersection> records = Intersections.of(network, VirtualDetectors.place(network, layout));
        SimClock clock = new SimClock(Instant.now(), scenario.begin(), scenario.end());
        InProcessServices services = new InProcessServices(List.copyOf(records.values()));
        PlanExecutor executor = new PlanExecutor(network, records, PlanCheck.ACCEPT_ALL, clock, 0, e -> { });
        ClosedLoopController loop = new ClosedLoopController(services, services, executor, clock,
                LoopSettings.defaults(), records);
        RunResult r = TwinRun.run(scenario, network, loop, TwinOptions.of(1, work.resolve("loop.xml"), work)
                .withDetectors(layout), RunProgress.NONE);
        double readingsPerWallSecond = services.readings / r.wallSeconds();
        print("closed loop (twin side)", r, readingsPerWallSecond);
        Map<String, Object> loopResult = new LinkedHashMap<>();
        loopResult.put("simulatedSecondsPerWallSecond", round(r.speed()));
        loopResult.put("wallSeconds", round(r.wallSeconds()));
        loopResult.put("detectors", records.values().stream().mapToInt(i -> i.detectors().size()).sum());
        loopResult.put("readings", services.readings);
        loopResult.put("readingsPerWallSecond", round(readingsPerWallSecond));
        loopResult.put("jsonMegabytes", round(services.bytes / 1e6));
        loopResult.put("plansApplied", loop.stats().plansReceived());
        loopResult.put("meanDelay", round(r.delay().meanDelay()));
        results.put("closed-loop-twin-side", loopResult);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", scenario.name());
        json.put("signals", network.signals().size());
        json.put("simulatedSeconds", scenario.end() - scenario.begin());
        json.put("results", results);
        Path file = out.resolve("twin-loop-" + scenario.name() + ".json");
        Files.write(file, Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json));
        System.out.println("written: " + file);
    }

    private static void print(String name, RunResult r, double readingsPerSecond) {
        System.out.printf(Locale.ROOT, "%-26s %12.0f %10.1f %12s%n", name, r.speed(), r.wallSeconds(),
                readingsPerSecond > 0 ? String.format(Locale.ROOT, "%.0f", readingsPerSecond) : "-");
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private LoopSpeedBenchmark() {
    }
}
