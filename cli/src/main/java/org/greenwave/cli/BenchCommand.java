package org.greenwave.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.greenwave.cli.bench.Benchmark;
import org.greenwave.cli.bench.CapacityBenchmark;
import org.greenwave.cli.bench.IngestBenchmark;
import org.greenwave.cli.bench.OptimizerBenchmark;
import org.greenwave.cli.bench.PipelineBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./greenwave bench [NAME] [--out DIR]}: one subcommand per benchmark (a class implementing {@link Benchmark}
 * in {@code org.greenwave.cli.bench}); without a name, all of them in turn. To add one: write the class and list it
 * in {@code subcommands} below.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: ingest, pipeline, optimizer, capacity (default: all). Prints a table and writes"
                + " DIR/<name>.json.",
        subcommands = {IngestBenchmark.class, PipelineBenchmark.class, OptimizerBenchmark.class,
                CapacityBenchmark.class})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Output directory (default: bench).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The output directory: the benchmark's own --out, else this command's, else {@code bench}. */
    public Path out(Path own) {
        return own != null ? own : out != null ? out : Path.of("bench");
    }

    @Override
    public Integer call() throws Exception {
        int worst = Greenwave.NOT_AVAILABLE;
        boolean anyRan = false;
        for (CommandLine sub : spec.commandLine().getSubcommands().values()) {
            if (!(sub.getCommand() instanceof Benchmark benchmark)) {
                continue;
            }
            int code = benchmark.run(out(null));
            if (code != Greenwave.NOT_AVAILABLE) {
                worst = anyRan ? Math.max(worst, code) : code;
                anyRan = true;
            }
        }
        return worst;
    }
}
