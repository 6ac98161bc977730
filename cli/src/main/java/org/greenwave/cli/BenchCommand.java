package org.greenwave.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: ingest, pipeline, optimizer. Prints a table and writes DIR/<name>.json.")
public final class BenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", description = "ingest, pipeline or optimizer (default: all).")
    String name;

    @Option(names = "--out", description = "Output directory (default: bench).")
    Path out = Path.of("bench");

    @Override
    public Integer call() {
        return Greenwave.notAvailable("bench", "issues #3, #5");
    }
}
