package org.greenwave.cli;

import org.greenwave.cli.runtime.Home;
import org.greenwave.cli.twin.ServicesGreenwave;
import org.greenwave.sumo.evaluate.ControllerFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.greenwave.sumo.evaluate.Controllers;
import org.greenwave.sumo.evaluate.Evaluation;
import org.greenwave.sumo.evaluate.RunResult;
import org.greenwave.sumo.traci.Sumo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Run a SUMO scenario closed-loop once per controller and seed; write summary.json, report.html"
                + " and the tripinfo file of every run.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--sumo-cfg", required = true, description = "The scenario's .sumocfg file.")
    Path sumoCfg;

    @Option(names = "--controllers", split = ",", description = "fixed, max-pressure, greedy, greenwave, and "
            + "greenwave-rules (greenwave with its learned models off: the ablation) (default: all).")
    List<String> controllers = ALL;

    /** SPEC's controllers, then the ablation. */
    static final List<String> ALL = java.util.stream.Stream.concat(Controllers.ALL.stream(),
            java.util.stream.Stream.of(ServicesGreenwave.ABLATION)).toList();

    @Option(names = "--seeds", split = ",", description = "SUMO seeds (default: 1,2,3).")
    List<Integer> seeds = List.of(1, 2, 3);

    @Option(names = "--out", description = "Output directory (default: evaluation).")
    Path out = Path.of("evaluation");

    @Option(names = "--model", description = "A model directory from train-signals for the greenwave controller"
            + " (default: the shipped model).")
    Path model;

    @Override
    public Integer call() {
        for (String c : controllers) {
            if (!ALL.contains(c)) {
                System.err.println("greenwave: unknown controller '" + c + "'; known: " + String.join(", ", ALL));
                return 2;
            }
        }
        if (!Sumo.installed()) {
            System.err.println("greenwave: sumo is not installed; install it with: apt-get install -y sumo");
            return 1;
        }
        // ./greenwave tells whether stderr is a terminal (Java can only ask about stdin/stdout)
        boolean terminal = Boolean.parseBoolean(System.getProperty("greenwave.stderr-tty",
                Boolean.toString(System.console() != null)));
        Progress progress = new Progress(System.err, terminal, controllers.size() * seeds.size());
        Evaluation.Outcome outcome;
        try {
            Map<String, String> optimizer = model == null ? Map.of()
                    : Map.of("greenwave.optimizer.model-dir", model.toAbsolutePath().toString());
            ControllerFactory factory = new ServicesGreenwave(Home.dir(), out.toAbsolutePath().resolve("service-logs"),
                    Map.of(), optimizer).orElse(ControllerFactory.BASELINES);
            outcome = Evaluation.run(sumoCfg, controllers, seeds, out, progress, factory);
        } catch (IllegalArgumentException e) {
            progress.endLine();
            System.err.println("greenwave: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            progress.endLine();
            System.err.println("greenwave: evaluation failed: " + e.getMessage());
            return 1;
        }
        if (outcome.runs().isEmpty()) {
            System.err.println("greenwave: none of the requested controllers could run; nothing to compare");
            return Greenwave.NOT_AVAILABLE;
        }
        printTable(outcome);
        System.out.println("written: " + out.resolve("summary.json") + ", " + out.resolve("report.html")
                + " and " + outcome.runs().values().stream().mapToInt(List::size).sum() + " tripinfo files");
        return 0;
    }

    private static void printTable(Evaluation.Outcome outcome) {
        System.out.printf(Locale.ROOT, "%-16s %10s %15s %10s %10s %9s %8s%n", "controller", "delay(s)", "seed range",
                "trip(s)", "wait(s)", "vehicles", "never");
        outcome.summary().forEach((name, c) -> System.out.printf(Locale.ROOT,
                "%-16s %10.2f %7.1f-%-7.1f %10.1f %10.1f %9d %8d%n", name, c.meanDelay(), c.minDelay(), c.maxDelay(),
                c.meanTripTime(), c.meanWaitingTime(), c.vehicles(), c.neverDeparted()));
    }

    /** Simulated time per run on stderr: one line rewritten with \r on a terminal, a line every 10 % otherwise. */
    static final class Progress implements Evaluation.Listener {

        private final PrintStream err;
        private final boolean terminal;
        private final int totalRuns;
        private int run;
        private long lastPrint;
        private int lastDecile;
        private boolean lineOpen;

        Progress(PrintStream err, boolean terminal, int totalRuns) {
            this.err = err;
            this.terminal = terminal;
            this.totalRuns = totalRuns;
        }

        @Override
        public void runStarted(String controller, int seed) {
            run++;
            lastDecile = -1;
            lastPrint = 0;
        }

        @Override
        public void onStep(String controller, int seed, double time, double begin, double end) {
            double share = Math.min(1, (time - begin) / (end - begin));
            if (terminal) {
                long now = System.nanoTime();
                if (now - lastPrint < 200_000_000L) {
                    return;
                }
                lastPrint = now;
                err.printf(Locale.ROOT, "\r[%d/%d] %-12s seed %d: %6.0f / %.0f s simulated (%3.0f %%)   ", run,
                        totalRuns, controller, seed, time - begin, end - begin, share * 100);
                lineOpen = true;
            } else {
                int decile = (int) Math.floor(share * 10);
                if (decile != lastDecile) {
                    lastDecile = decile;
                    err.printf(Locale.ROOT, "[%d/%d] %s seed %d: %.0f / %.0f s simulated (%d %%)%n", run, totalRuns,
                            controller, seed, time - begin, end - begin, decile * 10);
                }
            }
        }

        @Override
        public void runFinished(RunResult result) {
            endLine();
            err.printf(Locale.ROOT, "[%d/%d] %s seed %d: mean delay %.2f s, %d vehicles (%.0f simulated s per wall s)%n",
                    run, totalRuns, result.controller(), result.seed(), result.delay().meanDelay(),
                    result.delay().vehicles(), result.speed());
        }

        @Override
        public void unavailable(String controller, String reason) {
            endLine();
            err.println("greenwave: controller " + controller + " not available, skipped: " + reason);
        }

        void endLine() {
            if (lineOpen) {
                err.println();
                lineOpen = false;
            }
        }
    }
}
