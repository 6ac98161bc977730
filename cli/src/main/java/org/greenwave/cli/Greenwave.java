package org.greenwave.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./greenwave}: one entry point for the demo, the digital-twin evaluation, training and benchmarks. */
@Command(name = "greenwave",
        mixinStandardHelpOptions = true,
        version = "greenwave 0.1.0",
        description = "Adaptive traffic signals and parking guidance: demo, evaluation, training, benchmarks.",
        subcommands = {
                DemoCommand.class,
                EvaluateCommand.class,
                TrainSignalsCommand.class,
                ParkingBacktestCommand.class,
                ParkingHistoryCommand.class,
                BenchCommand.class,
                LabCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Greenwave implements Runnable {

    /** Exit code of a subcommand whose part of the product is not built yet. */
    public static final int NOT_AVAILABLE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        // The in-process broker logs at WARN about things that are normal for a single local node.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka",
                System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error"));
        int code = new CommandLine(new Greenwave()).execute(args);
        System.exit(code);
    }

    /** Says plainly that a capability is not there yet: never fake output. */
    static int notAvailable(String what, String issue) {
        System.err.println("greenwave: " + what + " is not built yet (" + issue + ").");
        return NOT_AVAILABLE;
    }
}
