package org.greenwave.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.greenwave.cli.twin.InProcessGreenwave;
import org.greenwave.signal.policy.DischargeForecaster;
import org.greenwave.signal.policy.GreenwaveStrategy;
import org.greenwave.signal.policy.HeuristicDischarge;
import org.greenwave.signal.policy.LearnedDischarge;
import org.greenwave.signal.policy.PressurePolicy;
import org.greenwave.sumo.evaluate.RunProgress;
import org.greenwave.sumo.evaluate.TwinRun;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.twin.DetectorLayout;
import org.greenwave.sumo.twin.TwinOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * For developers: runs greenwave's policy in-process (no services) on a scenario and prints the mean delay per seed,
 * with the learned or the rule-based discharge forecaster. Quick experiments and ablations; the product's numbers
 * come from {@code evaluate}, which runs the real services.
 */
@Command(name = "lab", hidden = true, mixinStandardHelpOptions = true,
        description = "Developers: greenwave's policy in-process on a scenario (no services); mean delay per seed.")
public final class LabCommand implements Callable<Integer> {

    @Option(names = "--sumo-cfg", required = true)
    Path sumoCfg;

    @Option(names = "--seeds", split = ",")
    List<Integer> seeds = List.of(1, 2, 3);

    @Option(names = "--forecaster", description = "learned (both models), discharge-only, or rules")
    String forecaster = "learned";

    @Option(names = "--model", description = "a model directory from train-signals")
    Path model;

    @Option(names = "--decision", description = "lookahead (the product's) or pressure")
    String decision = "lookahead";

    @Option(names = "--min-green")
    int minGreen = 10;

    @Option(names = "--max-red")
    int maxRed = org.greenwave.signal.policy.PressurePolicy.Settings.defaults().maxRedSeconds();

    private static org.greenwave.signal.policy.SwitchValue defaultValue() {
        try {
            return org.greenwave.signal.policy.LearnedSwitchValue.loadDefault();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Override
    public Integer call() throws Exception {
        ScenarioConfig scenario = ScenarioConfig.read(sumoCfg);
        NetworkModel network = NetReader.read(scenario.netFile());
        Path work = Files.createDirectories(Path.of("target", "lab").toAbsolutePath());
        DischargeForecaster f = "rules".equals(forecaster) ? new HeuristicDischarge()
                : model != null ? TrainSignalsCommand.discharge(model) : LearnedDischarge.loadDefault();
        org.greenwave.signal.policy.SwitchValue value = null;
        if ("learned".equals(forecaster)) {
            value = model != null ? TrainSignalsCommand.switchValue(model) : defaultValue();
        } else if ("discharge-only".equals(forecaster) && model != null) {
            f = TrainSignalsCommand.discharge(model);
        }
        List<Double> delays = new ArrayList<>();
        for (int seed : seeds) {
            var settings = new PressurePolicy.Settings(minGreen, maxRed);
            // the experimental switch value belongs to the pressure decision
            var strategy = new GreenwaveStrategy("pressure".equals(decision) ? new PressurePolicy(f, settings, value, null)
                    : PressurePolicy.withLookahead(f, settings));
            var controller = new InProcessGreenwave("greenwave-" + forecaster, strategy, null);
            var result = TwinRun.run(scenario, network, controller,
                    TwinOptions.of(seed, work.resolve(forecaster + "-seed" + seed + ".tripinfo.xml"), work)
                            .withDetectors(DetectorLayout.standard()), RunProgress.NONE);
            delays.add(result.delay().meanDelay());
            System.out.printf(Locale.ROOT, "%s%s seed %d: mean delay %.2f s (%d vehicles, %d never departed; %d plans,"
                            + " %d refused, %d rejected by controllers; %.0f sim s/s)%n", f.version(),
                    value == null || !"pressure".equals(decision) ? "" : "+" + value.version(), seed,
                    result.delay().meanDelay(), result.delay().vehicles(), result.delay().neverDeparted(),
                    controller.plans(), controller.refusedByOptimizer(), controller.rejectedByController(),
                    result.speed());
        }
        System.out.printf(Locale.ROOT, "mean over seeds: %.2f s%n",
                delays.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
        return 0;
    }
}
