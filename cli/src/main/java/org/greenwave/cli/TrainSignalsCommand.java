package org.greenwave.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.greenwave.cli.twin.DischargeSampleCollector;
import org.greenwave.cli.twin.InProcessGreenwave;
import org.greenwave.cli.twin.ScaledDischarge;
import org.greenwave.signal.policy.DischargeTrainer;
import org.greenwave.signal.policy.GreenwaveStrategy;
import org.greenwave.signal.policy.HeuristicDischarge;
import org.greenwave.signal.policy.LearnedDischarge;
import org.greenwave.signal.policy.PressurePolicy;
import org.greenwave.sumo.evaluate.RunProgress;
import org.greenwave.sumo.evaluate.TwinRun;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.traci.Sumo;
import org.greenwave.sumo.twin.DetectorLayout;
import org.greenwave.sumo.twin.TwinOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains the learned discharge model in the digital twin: runs each scenario and seed with greenwave's own policy
 * (in-process, each run with a different exploration factor), records what the detectors showed and how many
 * vehicles really crossed, then fits the network and writes it with its training data and quality.
 */
@Command(name = "train-signals", mixinStandardHelpOptions = true,
        description = "Train the signal models in the digital twin of one or more SUMO scenarios.")
public final class TrainSignalsCommand implements Callable<Integer> {

    @Option(names = "--sumo-cfg", required = true, split = ",", description = "Scenario .sumocfg file(s).")
    List<Path> sumoCfg;

    @Option(names = "--out", required = true, description = "Model directory to write.")
    Path out;

    @Option(names = "--seeds", split = ",", description = "SUMO seeds per scenario (default: 1,2,3).")
    List<Integer> seeds = List.of(1, 2, 3);

    @Option(names = "--epochs", description = "Training epochs (default: 20).")
    int epochs = 20;

    @Option(names = "--horizon", description = "Seconds ahead the discharge model forecasts (default: 5).")
    int horizon = 5;

    @Option(names = "--max-samples", description = "Samples used for training, evenly subsampled (default: 150000).")
    int maxSamples = 150_000;

    @Option(names = "--work-dir", description = "Where SUMO's files go (default: target/train-signals).")
    Path workDir;

    static final double[] EXPLORATION = {1.0, 0.6, 1.6, 0.8, 1.3};

    @Override
    public Integer call() throws Exception {
        if (!Sumo.installed()) {
            System.err.println("greenwave: sumo is not installed; install it with: apt-get install -y sumo");
            return 1;
        }
        Path work = (workDir != null ? workDir : Path.of("target", "train-signals")).toAbsolutePath();
        Files.createDirectories(work);
        DischargeTrainer.Options defaults = DischargeTrainer.Options.defaults();
        DischargeTrainer.Options options = new DischargeTrainer.Options(epochs, defaults.hidden(), defaults.batchSize(),
                defaults.seed(), horizon, maxSamples);
        List<DischargeTrainer.Sample> samples = new ArrayList<>();
        List<String> data = new ArrayList<>();
        int runs = sumoCfg.size() * seeds.size();
        int run = 0;
        long started = System.nanoTime();
        for (Path cfg : sumoCfg) {
            ScenarioConfig scenario = ScenarioConfig.read(cfg);
            NetworkModel network = NetReader.read(scenario.netFile());
            for (int seed : seeds) {
                double factor = EXPLORATION[run % EXPLORATION.length];
                run++;
                DischargeSampleCollector collector = new DischargeSampleCollector(options.horizonSeconds(), run);
                var strategy = new GreenwaveStrategy(new PressurePolicy(
                        new ScaledDischarge(new HeuristicDischarge(), factor), PressurePolicy.Settings.defaults()));
                var controller = new InProcessGreenwave("greenwave-training", strategy, collector);
                final int current = run;
                RunProgress progress = (name, s, time, begin, end) -> progressLine(current, runs, cfg, s, time, begin, end);
                var result = TwinRun.run(scenario, network, controller,
                        TwinOptions.of(seed, work.resolve("train-" + run + ".tripinfo.xml"), work)
                                .withDetectors(DetectorLayout.standard()), progress);
                System.err.printf(Locale.ROOT, "%n[%d/%d] %s seed %d (exploration x%.1f): %d samples, mean delay %.2f s%n",
                        run, runs, cfg.getFileName(), seed, factor, collector.samples().size(),
                        result.delay().meanDelay());
                samples.addAll(collector.samples());
                data.add(String.format(Locale.ROOT, "%s seed %d x%.1f: %d samples", cfg.getFileName(), seed, factor,
                        collector.samples().size()));
            }
        }
        System.err.printf(Locale.ROOT, "collected %d samples in %.0f s; training ...%n", samples.size(),
                (System.nanoTime() - started) / 1e9);
        LearnedDischarge model = DischargeTrainer.train(samples, data, options, p -> System.err.printf(Locale.ROOT,
                "epoch %2d/%d: train MAE %.3f, validation MAE %.3f vehicles%n", p.epoch(), p.epochs(), p.trainMae(),
                p.validationMae()));
        model.save(out);
        var info = model.info();
        System.out.printf(Locale.ROOT, "model %s written to %s%n", info.version(), out);
        System.out.printf(Locale.ROOT, "validation MAE %.3f vehicles per %d s (rule-based forecaster: %.3f) on %d samples;"
                        + " %.0f s in all%n", info.validationMae(), info.horizonSeconds(), info.heuristicMae(),
                info.samples(), (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private static long lastPrint;

    private static void progressLine(int run, int runs, Path cfg, int seed, double time, double begin, double end) {
        long now = System.nanoTime();
        if (now - lastPrint < 500_000_000L) {
            return;
        }
        lastPrint = now;
        System.err.printf(Locale.ROOT, "\r[%d/%d] %s seed %d: %5.0f / %.0f s simulated", run, runs, cfg.getFileName(),
                seed, time - begin, end - begin);
    }
}
