package org.greenwave.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train-signals", mixinStandardHelpOptions = true,
        description = "Train the signal models in the digital twin of one or more SUMO scenarios.")
public final class TrainSignalsCommand implements Callable<Integer> {

    @Option(names = "--sumo-cfg", required = true, split = ",", description = "Scenario .sumocfg file(s).")
    List<Path> sumoCfg;

    @Option(names = "--out", required = true, description = "Model directory to write.")
    Path out;

    @Override
    public Integer call() {
        return Greenwave.notAvailable("train-signals (learned signal models)", "issue #5");
    }
}
