package org.greenwave.parking.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a backtest's results: {@code summary.json} in exactly SPEC's shape, {@code details.json} (training,
 * blend weights, band coverage, data quality) and {@code report.html} (table and pictures).
 */
public final class BacktestReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] COLORS = {"#1b7f3b", "#888888", "#d98c1f", "#3f6fb5"};

    private BacktestReport() {
    }

    /** SPEC's {@code {"results":{"model":{"30":{"mae":..,"rmse":..,"n":..},...},...}}}. */
    public static ObjectNode summary(Backtest.Outcome outcome) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode results = root.putObject("results");
        outcome.results().forEach((method, byH) -> {
            ObjectNode m = results.putObject(method);
            byH.forEach((h, s) -> {
                ObjectNode cell = m.putObject(Integer.toString(h));
                if (s.n() > 0) {
                    cell.put("mae", round(s.mae()));
                    cell.put("rmse", round(s.rmse()));
                } else {
                    cell.putNull("mae");
                    cell.putNull("rmse");
                }
                cell.put("n", s.n());
            });
        });
        return root;
    }

    public static void write(Path dir, Backtest.Outcome outcome, Map<String, Object> input) {
        try {
            Files.createDirectories(dir);
            MAPPER.writeValue(dir.resolve("summary.json").toFile(), summary(outcome));
            ObjectNode details = MAPPER.createObjectNode();
            details.set("input", MAPPER.valueToTree(input));
            details.put("carParksScored", outcome.carParks());
            details.put("targets", outcome.targets());
            ObjectNode training = details.putObject("training");
            var t = outcome.training();
            training.put("note", t.note());
            training.put("fitFrom", Instant.ofEpochMilli(t.fitFrom()).toString());
            training.put("validationFrom", Instant.ofEpochMilli(t.validationFrom()).toString());
            training.put("trainUntil", Instant.ofEpochMilli(t.trainUntil()).toString());
            training.put("fitSamples", t.fitSamples());
            training.put("validationSamples", t.validationSamples());
            training.put("epochs", t.epochs());
            training.set("validationError", MAPPER.valueToTree(t.validation()));
            details.set("blendWeights", MAPPER.valueToTree(outcome.weights()));
            ObjectNode coverage = details.putObject("bandCoverage80");
            outcome.coverage().forEach((h, c) -> {
                if (Double.isFinite(c)) {
                    coverage.put(Integer.toString(h), round(c));
                }
            });
            MAPPER.writeValue(dir.resolve("details.json").toFile(), details);
            Files.writeString(dir.resolve("report.html"), html(outcome, input), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir, e);
        }
    }

    /** The results as a plain-text table (rates as percentage points). */
    public static String table(Backtest.Outcome outcome) {
        StringBuilder sb = new StringBuilder();
        List<Integer> horizons = List.copyOf(outcome.results().get(Backtest.MODEL).keySet());
        sb.append(String.format("%-20s", "MAE / RMSE (rate)"));
        horizons.forEach(h -> sb.append(String.format("%22s", "+" + h + " min")));
        sb.append('\n');
        outcome.results().forEach((method, byH) -> {
            sb.append(String.format("%-20s", method));
            horizons.forEach(h -> {
                var s = byH.get(h);
                sb.append(String.format(Locale.ROOT, "%22s", String.format(Locale.ROOT, "%.4f / %.4f", s.mae(), s.rmse())));
            });
            sb.append('\n');
        });
        sb.append(String.format("%-20s", "n"));
        horizons.forEach(h -> sb.append(String.format("%22d", outcome.results().get(Backtest.MODEL).get(h).n())));
        sb.append('\n');
        sb.append(String.format("%-20s", "model band cover"));
        horizons.forEach(h -> sb.append(String.format(Locale.ROOT, "%21.1f%%", 100 * outcome.coverage().get(h))));
        sb.append('\n');
        return sb.toString();
    }

    private static String html(Backtest.Outcome outcome, Map<String, Object> input) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>greenwave parking backtest</title>")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th{background:#f3f3f3}")
                .append(".best{font-weight:bold;color:#1b7f3b}</style></head><body>")
                .append("<h1>Parking occupancy backtest</h1><p>Input: ").append(escape(String.valueOf(input.get("csv"))))
                .append(", trained on readings before ").append(escape(String.valueOf(input.get("trainUntil"))))
                .append("; every later reading is a target. Error of the occupancy rate (0..1); lower is better.</p>");
        List<Integer> horizons = List.copyOf(outcome.results().get(Backtest.MODEL).keySet());
        sb.append("<table><tr><th>method</th>");
        horizons.forEach(h -> sb.append("<th>+").append(h).append(" min MAE</th><th>RMSE</th>"));
        sb.append("</tr>");
        outcome.results().forEach((method, byH) -> {
            sb.append("<tr><th>").append(method).append("</th>");
            horizons.forEach(h -> {
                double best = outcome.results().values().stream().mapToDouble(m -> m.get(h).mae()).min().orElse(0);
                double mae = byH.get(h).mae();
                sb.append("<td").append(mae == best ? " class=\"best\"" : "").append('>')
                        .append(String.format(Locale.ROOT, "%.4f", mae)).append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.4f", byH.get(h).rmse())).append("</td>");
            });
            sb.append("</tr>");
        });
        sb.append("</table>");
        sb.append(barChart(outcome, horizons));
        for (var e : outcome.example().entrySet()) {
            sb.append("<h2>").append(escape(outcome.exampleCarPark())).append(": first week of targets, +")
                    .append(e.getKey()).append(" min</h2>")
                    .append("<p>black: what happened; green: model with its 80 % band; grey: persistence.</p>")
                    .append(lineChart(e.getValue()));
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static String barChart(Backtest.Outcome outcome, List<Integer> horizons) {
        int w = 760;
        int h = 260;
        double max = outcome.results().values().stream().flatMap(m -> m.values().stream())
                .mapToDouble(Backtest.Score::mae).filter(Double::isFinite).max().orElse(1) * 1.1;
        StringBuilder sb = new StringBuilder("<h2>MAE by horizon</h2><svg width=\"" + w + "\" height=\"" + (h + 40)
                + "\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
        int groupW = (w - 60) / Math.max(1, horizons.size());
        int methods = outcome.results().size();
        int barW = Math.max(4, (groupW - 20) / Math.max(1, methods));
        int gi = 0;
        for (int horizon : horizons) {
            int x0 = 50 + gi * groupW;
            int mi = 0;
            for (var e : outcome.results().entrySet()) {
                double v = e.getValue().get(horizon).mae();
                int bh = (int) (h * v / max);
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                        + "<title>%s +%d: %.4f</title></rect>", x0 + mi * barW, h - bh, barW - 2, bh,
                        COLORS[mi % COLORS.length], e.getKey(), horizon, v));
                mi++;
            }
            sb.append(String.format("<text x=\"%d\" y=\"%d\">+%d min</text>", x0 + 10, h + 16, horizon));
            gi++;
        }
        int li = 0;
        for (String method : outcome.results().keySet()) {
            sb.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>",
                    50 + li * 170, h + 26, COLORS[li % COLORS.length], 64 + li * 170, h + 35, method));
            li++;
        }
        return sb.append("</svg>").toString();
    }

    private static String lineChart(List<Backtest.Point> points) {
        if (points.isEmpty()) {
            return "";
        }
        int w = 1000;
        int h = 220;
        long t0 = points.get(0).time();
        long t1 = points.get(points.size() - 1).time();
        double span = Math.max(1, t1 - t0);
        StringBuilder band = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        StringBuilder model = new StringBuilder();
        StringBuilder persistence = new StringBuilder();
        StringBuilder lower = new StringBuilder();
        int step = Math.max(1, points.size() / 1500);
        for (int i = 0; i < points.size(); i += step) {
            var p = points.get(i);
            double x = 30 + (w - 40) * (p.time() - t0) / span;
            band.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(p.high(), h)));
            lower.insert(0, String.format(Locale.ROOT, "%.1f,%.1f ", x, y(p.low(), h)));
            actual.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(p.actual(), h)));
            model.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(p.model(), h)));
            persistence.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(p.persistence(), h)));
        }
        StringBuilder days = new StringBuilder();
        long firstMidnight = (t0 / 86_400_000L + 1) * 86_400_000L;
        for (long d = firstMidnight; d < t1; d += 86_400_000L) {
            double x = 30 + (w - 40) * (d - t0) / span;
            days.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#666\">%s</text>", x, x, h, x + 3, h + 10,
                    java.time.Instant.ofEpochMilli(d).atZone(java.time.ZoneOffset.UTC).toLocalDate()));
        }
        return "<svg width=\"" + w + "\" height=\"" + (h + 14) + "\" xmlns=\"http://www.w3.org/2000/svg\">" + days
                + "<polygon points=\"" + band + lower + "\" fill=\"#1b7f3b\" fill-opacity=\"0.18\"/>"
                + "<polyline points=\"" + persistence + "\" fill=\"none\" stroke=\"#aaa\" stroke-width=\"1\"/>"
                + "<polyline points=\"" + actual + "\" fill=\"none\" stroke=\"#000\" stroke-width=\"1\"/>"
                + "<polyline points=\"" + model + "\" fill=\"none\" stroke=\"#1b7f3b\" stroke-width=\"1.2\"/>"
                + "<text x=\"2\" y=\"12\" font-size=\"11\">100%</text><text x=\"2\" y=\"" + h + "\" font-size=\"11\">0%</text>"
                + "</svg>";
    }

    private static double y(double rate, int h) {
        return 5 + (h - 10) * (1 - rate);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
