package org.greenwave.cli.bench;

import java.nio.file.Path;
import picocli.CommandLine.Command;

/** Detector reading in to timing plan out under city load; closed-loop simulation speed (SPEC "Benchmarks"). */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Reading-to-plan latency under city load and closed-loop simulation speed.")
public final class PipelineBenchmark extends Benchmark {

    @Override
    public int run(Path outDir) {
        System.err.println("greenwave: bench pipeline is not built yet (issue #5).");
        return org.greenwave.cli.Greenwave.NOT_AVAILABLE;
    }
}
