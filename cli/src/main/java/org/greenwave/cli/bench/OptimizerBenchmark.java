package org.greenwave.cli.bench;

import java.nio.file.Path;
import picocli.CommandLine.Command;

/** Plans per second for 1,000 intersections; model inference latency (SPEC "Benchmarks"). */
@Command(name = "optimizer", mixinStandardHelpOptions = true,
        description = "Plans per second for 1,000 intersections and model inference latency.")
public final class OptimizerBenchmark extends Benchmark {

    @Override
    public int run(Path outDir) {
        System.err.println("greenwave: bench optimizer is not built yet (issue #5).");
        return org.greenwave.cli.Greenwave.NOT_AVAILABLE;
    }
}
