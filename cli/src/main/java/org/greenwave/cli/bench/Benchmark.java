package org.greenwave.cli.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.greenwave.cli.BenchCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * One benchmark of {@code ./greenwave bench}: a picocli subcommand named after it that prints a table and writes
 * {@code DIR/<name>.json}. Subclasses implement {@link #run(Path)}.
 */
public abstract class Benchmark implements Callable<Integer> {

    @ParentCommand
    BenchCommand bench;

    @Option(names = "--out", description = "Output directory (default: bench).")
    Path out;

    @Override
    public final Integer call() throws Exception {
        return run(bench == null ? (out != null ? out : Path.of("bench")) : bench.out(out));
    }

    /** Runs the benchmark, writing {@code outDir/<name>.json}; returns the exit code. */
    public abstract int run(Path outDir) throws Exception;
}
