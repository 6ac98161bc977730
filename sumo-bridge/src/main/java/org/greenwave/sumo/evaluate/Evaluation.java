package org.greenwave.sumo.evaluate;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenwave.contracts.Json;
import org.greenwave.sumo.control.SignalController;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.twin.TwinOptions;

/**
 * {@code ./greenwave evaluate}: every controller on every seed over the scenario's begin..end, then
 * {@code summary.json}, {@code report.html} and the tripinfo file of each run in the output directory.
 */
public final class Evaluation {

    /**
     * What an evaluation produced.
     *
     * @param scenario     the scenario's name
     * @param runs         every run, per controller in the requested order
     * @param unavailable  requested controllers that could not run, with the reason
     * @param summary      per controller
     */
    public record Outcome(String scenario, Map<String, List<RunResult>> runs, Map<String, String> unavailable,
                          Map<String, ControllerSummary> summary) {
    }

    /** Listens to the evaluation's course (progress display, logs). */
    public interface Listener extends RunProgress {

        @Override
        default void onStep(String controller, int seed, double time, double begin, double end) {
        }

        default void runStarted(String controller, int seed) {
        }

        default void runFinished(RunResult result) {
        }

        default void unavailable(String controller, String reason) {
        }
    }

    public static Outcome run(Path sumoCfg, List<String> controllers, List<Integer> seeds, Path out,
                              Listener listener) {
        return run(sumoCfg, controllers, seeds, out, listener, ControllerFactory.BASELINES);
    }

    /** Like {@link #run(Path, List, List, Path, Listener)} with controllers beyond the baselines. */
    public static Outcome run(Path sumoCfg, List<String> controllers, List<Integer> seeds, Path out,
                              Listener listener, ControllerFactory factory) {
        ScenarioConfig scenario = ScenarioConfig.read(sumoCfg);
        NetworkModel network = NetReader.read(scenario);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        Path work = out.resolve("sumo-logs");
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        for (String name : controllers) {
            List<RunResult> results = new ArrayList<>();
            try {
                for (int seed : seeds) {
                    Optional<ControllerFactory.RunSetup> setup = factory.create(name, seed, scenario, network);
                    if (setup.isEmpty()) {
                        String reason = factory.unavailableReason(name);
                        unavailable.put(name, reason);
                        listener.unavailable(name, reason);
                        break;
                    }
                    listener.runStarted(name, seed);
                    Path tripinfo = out.resolve(name + "-seed" + seed + ".tripinfo.xml");
                    // baselines read lanes directly; virtual detectors are placed only for controllers that use them
                    TwinOptions options = new TwinOptions(seed, tripinfo, work, setup.get().detectors(), List.of());
                    RunResult result = TwinRun.run(scenario, network, setup.get().controller(), options, listener);
                    results.add(result);
                    listener.runFinished(result);
                }
            } finally {
                factory.finished(name);
            }
            if (!results.isEmpty()) {
                runs.put(name, results);
            }
        }
        Map<String, ControllerSummary> summary = new LinkedHashMap<>();
        runs.forEach((name, results) -> summary.put(name, ControllerSummary.of(results)));
        Outcome outcome = new Outcome(scenario.name(), runs, unavailable, summary);
        writeSummary(outcome, out.resolve("summary.json"));
        ReportWriter.write(outcome, network, scenario, out.resolve("report.html"));
        return outcome;
    }

    static void writeSummary(Outcome outcome, Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", outcome.scenario());
        json.put("results", outcome.summary());
        if (!outcome.unavailable().isEmpty()) {
            json.put("notAvailable", outcome.unavailable());
        }
        try {
            Files.write(file, Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Evaluation() {
    }
}
