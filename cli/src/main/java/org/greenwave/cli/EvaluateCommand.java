package org.greenwave.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Run a SUMO scenario closed-loop once per controller and seed; write summary.json, report.html"
                + " and the tripinfo file of every run.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--sumo-cfg", required = true, description = "The scenario's .sumocfg file.")
    Path sumoCfg;

    @Option(names = "--controllers", split = ",", description = "fixed, max-pressure, greedy, greenwave (default: all).")
    List<String> controllers = List.of("fixed", "max-pressure", "greedy", "greenwave");

    @Option(names = "--seeds", split = ",", description = "SUMO seeds (default: 1,2,3).")
    List<Integer> seeds = List.of(1, 2, 3);

    @Option(names = "--out", description = "Output directory (default: evaluation).")
    Path out = Path.of("evaluation");

    @Override
    public Integer call() {
        return Greenwave.notAvailable("evaluate (SUMO digital twin)", "issue #4");
    }
}
