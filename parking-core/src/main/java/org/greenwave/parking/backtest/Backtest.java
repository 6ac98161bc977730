package org.greenwave.parking.backtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.greenwave.parking.data.Calendar;
import org.greenwave.parking.data.OccupancySeries;
import org.greenwave.parking.forecast.Baselines;
import org.greenwave.parking.forecast.ForecastContext;
import org.greenwave.parking.forecast.OccupancyForecaster;
import org.greenwave.parking.forecast.Prediction;
import org.greenwave.parking.forecast.Trainer;

/**
 * SPEC's parking backtest: train on readings stamped before the cut-off only, then score every reading at or
 * after it as a target, for each horizon h, from the origin (target time minus h) using only readings of that car
 * park stamped at or before the origin. The model and the three baselines are scored on exactly the same targets.
 */
public final class Backtest {

    public static final String MODEL = "model";
    public static final List<String> METHODS =
            List.of(MODEL, Baselines.PERSISTENCE, Baselines.SEASONAL_NAIVE, Baselines.HISTORICAL_AVERAGE);

    /** Error of one method at one horizon (rates, 0..1). */
    public record Score(double mae, double rmse, long n) {
    }

    /** One target forecast for the report's picture. */
    public record Point(long time, double actual, double model, double low, double high, double persistence) {
    }

    /**
     * @param results  method -> horizon -> score (SPEC's summary.json)
     * @param coverage horizon -> share of targets inside the model's band
     * @param example  car park shown in the report, horizon -> points
     */
    public record Outcome(Map<String, Map<Integer, Score>> results, Map<Integer, Double> coverage,
                          Trainer.Report training, Map<String, Map<String, Double>> weights, String exampleCarPark,
                          Map<Integer, List<Point>> example, int carParks, long targets,
                          OccupancyForecaster forecaster) {
    }

    private Backtest() {
    }

    public static Outcome run(Map<String, OccupancySeries> all, long trainUntil, Trainer.Options options,
                              Consumer<String> progress) {
        Trainer.Result trained = Trainer.train(all, trainUntil, options, progress);
        OccupancyForecaster forecaster = trained.forecaster();
        long first = all.values().stream().filter(s -> s.size() > 0).mapToLong(s -> s.time(0)).min().orElse(trainUntil);
        ForecastContext context = ForecastContext.of(all, first, trainUntil, options.holidays());

        Map<String, Map<Integer, double[]>> sums = new LinkedHashMap<>(); // method -> horizon -> {abs, sq, n}
        Map<Integer, long[]> inside = new LinkedHashMap<>();
        for (String m : METHODS) {
            Map<Integer, double[]> byH = new LinkedHashMap<>();
            options.horizons().forEach(h -> byH.put(h, new double[3]));
            sums.put(m, byH);
        }
        options.horizons().forEach(h -> inside.put(h, new long[2]));

        long totalTargets = 0;
        for (OccupancySeries s : all.values()) {
            totalTargets += s.size() - s.indexAtOrAfter(trainUntil);
        }
        String example = all.values().stream().max(java.util.Comparator.comparingInt(
                s -> s.size() - s.indexAtOrAfter(trainUntil))).map(OccupancySeries::carParkId).orElse(null);
        Map<Integer, List<Point>> examplePoints = new LinkedHashMap<>();
        progress.accept(String.format("scoring: %,d targets x %d horizons", totalTargets, options.horizons().size()));

        long done = 0;
        int lastPercent = -1;
        int carParks = 0;
        for (OccupancySeries s : all.values()) {
            int start = s.indexAtOrAfter(trainUntil);
            if (start >= s.size()) {
                continue;
            }
            carParks++;
            int chunk = 4096;
            for (int from = start; from < s.size(); from += chunk) {
                int to = Math.min(s.size(), from + chunk);
                List<OccupancyForecaster.Query> queries = new ArrayList<>();
                List<Integer> targets = new ArrayList<>();
                for (int j = from; j < to; j++) {
                    for (int h : options.horizons()) {
                        queries.add(new OccupancyForecaster.Query(s, s.time(j) - h * Calendar.MINUTE, h));
                        targets.add(j);
                    }
                }
                List<Prediction> predictions = forecaster.predict(queries, context);
                double[][] candidates = forecaster.baselineCandidates(queries, context);
                for (int q = 0; q < queries.size(); q++) {
                    int j = targets.get(q);
                    int h = queries.get(q).horizonMinutes();
                    double actual = s.rate(j);
                    Prediction p = predictions.get(q);
                    add(sums.get(MODEL).get(h), p.rate() - actual);
                    add(sums.get(Baselines.PERSISTENCE).get(h), candidates[q][0] - actual);
                    add(sums.get(Baselines.SEASONAL_NAIVE).get(h), candidates[q][1] - actual);
                    add(sums.get(Baselines.HISTORICAL_AVERAGE).get(h), candidates[q][2] - actual);
                    long[] in = inside.get(h);
                    in[1]++;
                    if (actual >= p.low() - 1e-9 && actual <= p.high() + 1e-9) {
                        in[0]++;
                    }
                    if (s.carParkId().equals(example) && s.time(j) < s.time(start) + 7 * Calendar.DAY) {
                        examplePoints.computeIfAbsent(h, k -> new ArrayList<>()).add(new Point(s.time(j), actual,
                                p.rate(), p.low(), p.high(), candidates[q][0]));
                    }
                }
                done += to - from;
                int percent = (int) (100 * done / Math.max(1, totalTargets));
                if (percent / 10 != lastPercent / 10) {
                    lastPercent = percent;
                    progress.accept(String.format("scoring: %3d %%  (%,d / %,d targets)", percent, done, totalTargets));
                }
            }
        }
        Map<String, Map<Integer, Score>> results = new LinkedHashMap<>();
        sums.forEach((m, byH) -> {
            Map<Integer, Score> scores = new LinkedHashMap<>();
            byH.forEach((h, v) -> scores.put(h, v[2] == 0 ? new Score(Double.NaN, Double.NaN, 0)
                    : new Score(v[0] / v[2], Math.sqrt(v[1] / v[2]), (long) v[2])));
            results.put(m, scores);
        });
        Map<Integer, Double> coverage = new LinkedHashMap<>();
        inside.forEach((h, v) -> coverage.put(h, v[1] == 0 ? Double.NaN : v[0] / (double) v[1]));
        Map<String, Map<String, Double>> weights = new LinkedHashMap<>();
        forecaster.blendWeights().forEach((h, w) -> weights.put(Integer.toString(h), w));
        return new Outcome(results, coverage, trained.report(), weights, example, examplePoints, carParks, totalTargets,
                forecaster);
    }

    private static void add(double[] acc, double error) {
        acc[0] += Math.abs(error);
        acc[1] += error * error;
        acc[2] += 1;
    }
}
