package org.greenwave.sumo.evaluate;

import static org.greenwave.sumo.evaluate.Svg.esc;
import static org.greenwave.sumo.evaluate.Svg.f;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;

/** Writes {@code report.html}: the comparison table and three plots, self-contained (inline SVG and CSS). */
public final class ReportWriter {

    /** Intersections drawn one by one in the queue plots; further ones are summed in a last panel. */
    static final int MAX_QUEUE_PANELS = 24;

    public static void write(Evaluation.Outcome outcome, NetworkModel network, ScenarioConfig scenario, Path file) {
        List<String> names = new ArrayList<>(outcome.summary().keySet());
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>greenwave evaluation: ")
                .append(esc(outcome.scenario())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1200px;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
                .append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}")
                .append(".legend span{margin-right:1.5em}.legend i{display:inline-block;width:14px;height:4px;margin-right:5px;vertical-align:middle}")
                .append(".grid{display:flex;flex-wrap:wrap;gap:8px}.note{color:#666;font-size:90%}")
                .append("</style></head><body>");
        h.append("<h1>Evaluation: ").append(esc(outcome.scenario())).append("</h1>");
        int seeds = outcome.runs().values().stream().mapToInt(List::size).max().orElse(0);
        h.append(f("<p>SUMO scenario <code>%s</code>, %s to %s (%d s), %d signal(s), %d seed(s) per controller. "
                        + "Mean delay per vehicle by the RESCO definition: time loss plus departure delay of every "
                        + "departed vehicle, and end minus scheduled departure of every vehicle that never departed. "
                        + "Lower is better.</p>",
                esc(scenario.file().getFileName().toString()), Svg.clock(scenario.begin()), Svg.clock(scenario.end()),
                Math.round(scenario.end() - scenario.begin()), network.signals().size(), seeds));
        if (!outcome.unavailable().isEmpty()) {
            h.append("<p class='note'>Not run: ");
            outcome.unavailable().forEach((n, r) -> h.append(esc(n)).append(" (").append(esc(r)).append(") "));
            h.append("</p>");
        }

        h.append("<h2>Comparison</h2><table><tr><th>controller</th><th>mean delay (s)</th><th>seed range (s)</th>"
                + "<th>mean trip time (s)</th><th>mean waiting time (s)</th><th>vehicles</th><th>never departed</th>"
                + "<th>per seed (s)</th><th>sim s / wall s</th></tr>");
        for (String n : names) {
            ControllerSummary c = outcome.summary().get(n);
            StringBuilder per = new StringBuilder();
            double speed = 0;
            for (ControllerSummary.SeedResult s : c.seeds()) {
                per.append(f("%d: %.1f<br>", s.seed(), s.meanDelay()));
                speed += s.simulatedSecondsPerWallSecond();
            }
            h.append(f("<tr><td>%s</td><td><b>%.1f</b></td><td>%.1f &ndash; %.1f</td><td>%.1f</td><td>%.1f</td>"
                            + "<td>%d</td><td>%d</td><td>%s</td><td>%.0f</td></tr>",
                    esc(n), c.meanDelay(), c.minDelay(), c.maxDelay(), c.meanTripTime(), c.meanWaitingTime(),
                    c.vehicles(), c.neverDeparted(), per, speed / Math.max(1, c.seeds().size())));
        }
        h.append("</table>");

        h.append("<h2>Mean delay per controller</h2><p class='note'>Bar: mean over seeds; whisker: lowest to highest "
                + "seed; dots: each seed.</p>");
        List<Double> means = names.stream().map(n -> outcome.summary().get(n).meanDelay()).toList();
        List<double[]> perSeed = names.stream().map(n -> outcome.runs().get(n).stream()
                .mapToDouble(r -> r.delay().meanDelay()).toArray()).toList();
        h.append(Svg.bars(names, means, perSeed, "mean delay per vehicle (s)"));

        h.append("<h2>Delay over simulated time</h2><p class='note'>Mean delay of the vehicles scheduled to depart in "
                + "each 5-minute interval, mean over seeds.</p>").append(Svg.legend(names));
        Map<String, double[]> delaySeries = new LinkedHashMap<>();
        double delayBin = 300;
        for (String n : names) {
            List<RunResult> runs = outcome.runs().get(n);
            delayBin = runs.get(0).delay().binSeconds();
            delaySeries.put(n, meanOver(runs.stream().map(r -> r.delay().delayOverTime()).toList()));
        }
        h.append(Svg.lines(delaySeries, scenario.begin(), delayBin, scenario.end(), "mean delay (s)", 900, 320, null));

        Map<String, String> notes = new LinkedHashMap<>();
        for (NetworkModel.Signal signal : network.signals()) {
            StringBuilder note = new StringBuilder("mean queue:");
            for (String n : names) {
                double[] q = queueSeries(outcome, List.of(n), List.of(signal.id())).get(n);
                double mean = java.util.Arrays.stream(q).filter(Double::isFinite).average().orElse(Double.NaN);
                note.append(f(" %s %.1f", n, mean));
            }
            notes.put(signal.id(), note.toString());
        }
        h.append("<h2>Signals</h2><p class='note'>The scenario's signals and the roads around them; hover a signal for "
                + "its mean queue per controller.</p>").append(Svg.map(network, notes));

        h.append("<h2>Queue length per intersection</h2><p class='note'>Halting vehicles on each signal's approach "
                + "lanes, 1-minute means, mean over seeds.</p>").append(Svg.legend(names)).append("<div class='grid'>");
        List<NetworkModel.Signal> signals = network.signals();
        int panels = Math.min(signals.size(), MAX_QUEUE_PANELS);
        for (int i = 0; i < panels; i++) {
            String id = signals.get(i).id();
            h.append(Svg.lines(queueSeries(outcome, names, List.of(id)), scenario.begin(), TwinRun.QUEUE_BIN_SECONDS, scenario.end(),
                    "vehicles", signals.size() == 1 ? 900 : 440, 240, id));
        }
        if (signals.size() > panels) {
            List<String> rest = signals.subList(panels, signals.size()).stream().map(NetworkModel.Signal::id).toList();
            h.append(Svg.lines(queueSeries(outcome, names, rest), scenario.begin(), TwinRun.QUEUE_BIN_SECONDS, scenario.end(),
                    "vehicles", 440, 240, (signals.size() - panels) + " further signals (sum)"));
        }
        h.append("</div>");
        h.append("<p class='note'>Tripinfo files of every run are next to this report "
                + "(<code>&lt;controller&gt;-seed&lt;N&gt;.tripinfo.xml</code>); numbers in <code>summary.json</code>."
                + "</p></body></html>\n");
        try {
            Files.writeString(file, h);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Map<String, double[]> queueSeries(Evaluation.Outcome outcome, List<String> names, List<String> ids) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (String n : names) {
            List<List<Double>> perRun = new ArrayList<>();
            for (RunResult r : outcome.runs().get(n)) {
                List<Double> sum = null;
                for (String id : ids) {
                    List<Double> q = r.queueOverTime().get(id);
                    if (q == null) {
                        continue;
                    }
                    if (sum == null) {
                        sum = new ArrayList<>(q);
                    } else {
                        for (int k = 0; k < sum.size() && k < q.size(); k++) {
                            sum.set(k, sum.get(k) + q.get(k));
                        }
                    }
                }
                if (sum != null) {
                    perRun.add(sum);
                }
            }
            series.put(n, meanOver(perRun));
        }
        return series;
    }

    /** Element-wise mean over runs, ignoring NaN. */
    static double[] meanOver(List<List<Double>> runs) {
        int n = runs.stream().mapToInt(List::size).max().orElse(0);
        double[] mean = new double[n];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            int count = 0;
            for (List<Double> r : runs) {
                if (k < r.size() && Double.isFinite(r.get(k))) {
                    sum += r.get(k);
                    count++;
                }
            }
            mean[k] = count == 0 ? Double.NaN : sum / count;
        }
        return mean;
    }

    private ReportWriter() {
    }
}
