package org.greenwave.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.control.Decision;
import org.greenwave.signal.control.SignalControl;
import org.greenwave.signal.policy.DischargeForecaster;
import org.greenwave.signal.policy.GreenwaveStrategy;
import org.greenwave.signal.policy.HeuristicDischarge;
import org.greenwave.signal.policy.LearnedDischarge;
import org.greenwave.signal.policy.PressurePolicy;
import org.greenwave.signal.safety.SafetyValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Plans per second for 1,000 intersections and the learned model's inference latency (SPEC "Benchmarks"): the
 * optimizer's decision loop (signal-core's SignalControl, exactly as signal-optimizer runs it, safety validator
 * included) fed controller reports and detector readings for every intersection and second, without Kafka (the
 * transport is measured by {@code bench pipeline}). Intersections are four-phase crossings with twelve approach lanes
 * and three zones per lane, with changing random traffic.
 */
@Command(name = "optimizer", mixinStandardHelpOptions = true,
        description = "Plans per second for 1,000 intersections and model inference latency.")
public final class OptimizerBenchmark extends Benchmark {

    @Option(names = "--intersections", description = "Intersections (default: 1000).")
    int intersections = 1000;

    @Option(names = "--seconds", description = "Simulated seconds per forecaster (default: 60).")
    int seconds = 60;

    @Option(names = "--model", description = "A trained model directory (default: the shipped model).")
    Path model;

    @Override
    public int run(Path outDir) throws Exception {
        Files.createDirectories(outDir);
        List<Intersection> crossings = new ArrayList<>();
        for (int i = 0; i < intersections; i++) {
            crossings.add(crossing("I" + i));
        }
        System.out.printf(Locale.ROOT, "bench optimizer: %,d intersections (4 phases, 12 lanes, 48 detectors each),"
                + " %d simulated seconds per forecaster, %d cores%n", intersections, seconds,
                Runtime.getRuntime().availableProcessors());
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("intersections", intersections);
        json.put("seconds", seconds);
        Result rules = measure("rules", new HeuristicDischarge(), crossings);
        json.set("rules", Json.mapper().valueToTree(rules));
        DischargeForecaster learned;
        try {
            learned = model != null ? LearnedDischarge.load(model) : LearnedDischarge.loadDefault();
        } catch (Exception e) {
            learned = null;
            System.out.println("no learned model to measure: " + e.getMessage());
        }
        if (learned != null) {
            Result r = measure(learned.version(), learned, crossings);
            json.set("learned", Json.mapper().valueToTree(r));
            json.put("plansPerSecond", r.plansPerSecond());
            json.put("inferenceP50Ms", r.decisionP50Ms());
            json.put("inferenceP99Ms", r.decisionP99Ms());
        } else {
            json.put("plansPerSecond", rules.plansPerSecond());
        }
        System.out.println();
        System.out.println("| forecaster | plans/s | decision p50 (ms) | decision p99 (ms) | refused |");
        System.out.println("|---|---:|---:|---:|---:|");
        print(rules);
        if (json.has("learned")) {
            print(Json.mapper().treeToValue(json.get("learned"), Result.class));
        }
        Path file = outDir.resolve("optimizer.json");
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.println("written: " + file);
        return 0;
    }

    private static void print(Result r) {
        System.out.printf(Locale.ROOT, "| %s | %,.0f | %.3f | %.3f | %d |%n", r.forecaster(), r.plansPerSecond(),
                r.decisionP50Ms(), r.decisionP99Ms(), r.refused());
    }

    /**
     * @param decisionP50Ms time of one intersection's decision (features, model inference for its lanes batched,
     *                      plan, safety validation)
     */
    public record Result(String forecaster, long plans, double seconds, double plansPerSecond, double decisionP50Ms,
                         double decisionP99Ms, long refused) {
    }

    private Result measure(String name, DischargeForecaster forecaster, List<Intersection> crossings) {
        SignalControl control = new SignalControl(new GreenwaveStrategy(PressurePolicy.withLookahead(forecaster,
                PressurePolicy.Settings.defaults())), new SafetyValidator(), SignalControl.Settings.defaults());
        crossings.forEach(control::register);
        java.util.Random random = new java.util.Random(7);
        Instant t0 = Instant.parse("2026-11-28T07:00:00Z");
        long plans = 0;
        long refused = 0;
        List<Long> latencies = new ArrayList<>();
        int[] phase = new int[crossings.size()];
        int[] green = new int[crossings.size()];
        long total = 0;
        int warmup = Math.min(5, seconds / 2);
        for (int s = 0; s < seconds + warmup; s++) {
            Instant t = t0.plusSeconds(s);
            for (int i = 0; i < crossings.size(); i++) {
                Intersection x = crossings.get(i);
                green[i]++;
                String state = x.phases().get(phase[i]).state();
                long start = System.nanoTime();
                List<Decision> decisions = new ArrayList<>(control.onControllerState(new ControllerState(x.id(), t,
                        state, x.phases().get(phase[i]).index(), false, green[i], null, ControllerState.PLAN)));
                for (Intersection.Detector d : x.detectors()) {
                    int vehicles = random.nextInt(8);
                    decisions.addAll(control.onReading(new DetectorReading(x.id(), d.id(), t, vehicles,
                            Math.min(1, vehicles / 8.0), random.nextInt(vehicles + 1), t, "bench")));
                }
                long took = System.nanoTime() - start;
                if (s >= warmup) {
                    total += took;
                    latencies.add(took);
                }
                for (Decision d : decisions) {
                    if (d.action() == Decision.Action.PUBLISH) {
                        if (s >= warmup) {
                            plans++;
                        }
                        // follow the plan like a controller: switch when it says the current green ends now
                        var first = d.plan().phases().get(0);
                        if (first.greenSeconds() <= green[i] && d.plan().phases().size() > 1) {
                            int next = d.plan().phases().get(1).phaseIndex();
                            for (int p = 0; p < x.phases().size(); p++) {
                                if (x.phases().get(p).index() == next) {
                                    phase[i] = p;
                                }
                            }
                            green[i] = 0;
                        }
                    } else if (d.action() == Decision.Action.REFUSED && s >= warmup) {
                        refused++;
                    }
                }
            }
            System.err.printf(Locale.ROOT, "\r%s: %d / %d s", name, s + 1, seconds + warmup);
        }
        System.err.println();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double secondsTaken = total / 1e9;
        return new Result(name, plans, secondsTaken, plans / secondsTaken, percentile(sorted, 0.50) / 1e6,
                percentile(sorted, 0.99) / 1e6, refused);
    }

    private static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    /** A four-phase crossing: through and permissive left per axis, then protected lefts; 3 lanes per approach. */
    static Intersection crossing(String id) {
        String[] approaches = {"n", "e", "s", "w"};
        List<Intersection.Link> links = new ArrayList<>();
        List<Intersection.Detector> detectors = new ArrayList<>();
        int index = 0;
        for (String a : approaches) {
            for (int lane = 0; lane < 3; lane++) {
                String in = id + "_" + a + "_" + lane;
                links.add(new Intersection.Link(index++, in, id + "_out_" + a + "_" + lane, false, List.of(), 0));
                detectors.add(new Intersection.Detector(in + "#0", in, "area", 50, 0, 50, "approach"));
                detectors.add(new Intersection.Detector(in + "#1", in, "area", 100, 50, 150, "approach"));
                detectors.add(new Intersection.Detector(id + "_out_" + a + "_" + lane + "#out", id + "_out_" + a + "_" + lane,
                        "area", 50, 0, 50, "exit"));
            }
        }
        // lanes 0,1 through, lane 2 left; axis NS = approaches 0,2; EW = 1,3
        String nsThrough = state(new int[] {0, 1, 6, 7}, new int[] {2, 8});
        String nsLeft = state(new int[] {2, 8}, new int[] {});
        String ewThrough = state(new int[] {3, 4, 9, 10}, new int[] {5, 11});
        String ewLeft = state(new int[] {5, 11}, new int[] {});
        List<Intersection.Phase> phases = List.of(new Intersection.Phase(0, nsThrough, 30),
                new Intersection.Phase(2, nsLeft, 8), new Intersection.Phase(4, ewThrough, 30),
                new Intersection.Phase(6, ewLeft, 8));
        List<Intersection.ProgramStep> program = new ArrayList<>();
        for (Intersection.Phase p : phases) {
            program.add(new Intersection.ProgramStep(p.state(), p.greenSeconds()));
            program.add(new Intersection.ProgramStep(p.state().replace('G', 'y').replace('g', 'y'), 3));
        }
        return new Intersection(id, id, 0, 0, links, phases, detectors, program, Intersection.SafetyLimits.defaults());
    }

    private static String state(int[] protectedGreen, int[] permissive) {
        char[] s = new char[12];
        Arrays.fill(s, 'r');
        for (int i : protectedGreen) {
            s[i] = 'G';
        }
        for (int i : permissive) {
            s[i] = 'g';
        }
        return new String(s);
    }
}
