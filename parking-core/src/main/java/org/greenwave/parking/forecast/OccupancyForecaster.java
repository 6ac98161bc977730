package org.greenwave.parking.forecast;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.greenwave.parking.data.Calendar;
import org.greenwave.parking.data.Holidays;
import org.greenwave.parking.data.OccupancySeries;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The occupancy forecaster: a small Deeplearning4j network that predicts the change from the last reading to the
 * target time from recent readings, the calendar and the seasonal profile; its output is then blended with the
 * simple forecasts (persistence, seasonal-naive, historical average, profile anchored on the last reading) using
 * weights fitted per horizon on held-out data. The blend is what makes it robust on data it has never seen: where
 * the network does not help, the weights move to whatever did best on the validation period.
 *
 * <p>Without a network (too little history: cold start) the forecast is the profile anchored on the last reading.
 * Instances are immutable and thread-safe for prediction.
 */
public final class OccupancyForecaster {

    /** Names of the blended candidates, in weight order. */
    public static final List<String> CANDIDATES =
            List.of("network", Baselines.PERSISTENCE, Baselines.SEASONAL_NAIVE, Baselines.HISTORICAL_AVERAGE,
                    "profile-anchored");
    static final int C = 5;
    /** How fast a deviation from the profile fades (cold start and the profile-anchored candidate). */
    static final double ANCHOR_DECAY_HOURS = 2.0;
    /** Uncertainty bands per horizon and 4-hour bucket of the target's time of day. */
    static final int BUCKETS = 6;

    private final MultiLayerNetwork network;
    private final float[] mean;
    private final float[] std;
    private final Holidays holidays;
    /** horizon -> weights over {@link #CANDIDATES}. */
    private final TreeMap<Integer, double[]> weights;
    /** horizon -> [bucket][low, high] residual quantiles. */
    private final TreeMap<Integer, double[][]> bands;

    OccupancyForecaster(MultiLayerNetwork network, float[] mean, float[] std, Holidays holidays,
                        TreeMap<Integer, double[]> weights, TreeMap<Integer, double[][]> bands) {
        this.network = network;
        this.mean = mean;
        this.std = std;
        this.holidays = holidays;
        this.weights = weights;
        this.bands = bands;
    }

    /** A forecaster without a network or calibration: the cold-start fallback. */
    public static OccupancyForecaster coldStart(Holidays holidays) {
        return new OccupancyForecaster(null, null, null, holidays, new TreeMap<>(), new TreeMap<>());
    }

    public boolean trained() {
        return network != null;
    }

    public Holidays holidays() {
        return holidays;
    }

    /** Blend weights per horizon, for reports. */
    public Map<Integer, Map<String, Double>> blendWeights() {
        Map<Integer, Map<String, Double>> out = new LinkedHashMap<>();
        weights.forEach((h, w) -> {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int c = 0; c < C; c++) {
                m.put(CANDIDATES.get(c), w[c]);
            }
            out.put(h, m);
        });
        return out;
    }

    /** One forecast question. */
    public record Query(OccupancySeries series, long origin, int horizonMinutes) {
        long target() {
            return origin + horizonMinutes * Calendar.MINUTE;
        }
    }

    /** Forecasts for one car park at one origin. */
    public List<Prediction> forecast(OccupancySeries series, ForecastContext ctx, long origin, List<Integer> horizons) {
        List<Query> queries = horizons.stream().map(h -> new Query(series, origin, h)).toList();
        return predict(queries, ctx);
    }

    /** Forecasts many questions at once (one network call). */
    public List<Prediction> predict(List<Query> queries, ForecastContext ctx) {
        double[][] candidates = candidates(queries, ctx);
        List<Prediction> out = new ArrayList<>(queries.size());
        for (int q = 0; q < queries.size(); q++) {
            Query query = queries.get(q);
            double rate = combine(candidates[q], query.horizonMinutes());
            double[] band = band(query, rate, ctx);
            out.add(new Prediction(query.horizonMinutes(), rate, band[0], band[1]));
        }
        return out;
    }

    /** Candidate forecasts per query, in {@link #CANDIDATES} order (network NaN when untrained). */
    double[][] candidates(List<Query> queries, ForecastContext ctx) {
        int n = queries.size();
        double[][] out = new double[n][C];
        float[][] x = network != null ? new float[n][] : null;
        double[] anchors = new double[n];
        for (int q = 0; q < n; q++) {
            Query query = queries.get(q);
            OccupancySeries s = query.series();
            long target = query.target();
            long offset = s.offsetAt(query.origin()) * 1000L;
            double ha = ctx.average().value(s.carParkId(), target + offset);
            out[q][1] = Baselines.persistence(s, query.origin(), ha);
            out[q][2] = Baselines.seasonalNaive(s, query.origin(), target, ha);
            out[q][3] = ha;
            out[q][4] = anchored(s, ctx.profile(), query.origin(), target);
            if (x != null) {
                Features.Row row = Features.build(s, ctx.profile(), query.origin(), target);
                x[q] = standardize(row.x());
                anchors[q] = row.anchor();
            }
        }
        if (x != null && n > 0) {
            double[] delta = infer(x);
            for (int q = 0; q < n; q++) {
                out[q][0] = clip(anchors[q] + delta[q]);
            }
        } else {
            for (int q = 0; q < n; q++) {
                out[q][0] = Double.NaN;
            }
        }
        return out;
    }

    /** SPEC's baselines for each query: persistence, seasonal-naive, historical-average. */
    public double[][] baselineCandidates(List<Query> queries, ForecastContext ctx) {
        double[][] out = new double[queries.size()][3];
        for (int q = 0; q < queries.size(); q++) {
            Query query = queries.get(q);
            OccupancySeries s = query.series();
            long offset = s.offsetAt(query.origin()) * 1000L;
            double ha = ctx.average().value(s.carParkId(), query.target() + offset);
            out[q][0] = Baselines.persistence(s, query.origin(), ha);
            out[q][1] = Baselines.seasonalNaive(s, query.origin(), query.target(), ha);
            out[q][2] = ha;
        }
        return out;
    }

    private double[] infer(float[][] x) {
        double[] out = new double[x.length];
        int batch = 8192;
        for (int from = 0; from < x.length; from += batch) {
            int to = Math.min(x.length, from + batch);
            INDArray in = Nd4j.create(Arrays.copyOfRange(x, from, to));
            INDArray y;
            synchronized (network) {
                y = network.output(in, false);
            }
            for (int i = from; i < to; i++) {
                out[i] = y.getDouble(i - from, 0) / Trainer.LABEL_SCALE;
            }
        }
        return out;
    }

    /** Blends candidates with the weights of the nearest trained horizon (cold start: profile-anchored only). */
    double combine(double[] candidates, int horizon) {
        double[] w = nearest(weights, horizon);
        if (w == null || Double.isNaN(candidates[0])) {
            return clip(candidates[4]);
        }
        double sum = 0;
        for (int c = 0; c < C; c++) {
            sum += w[c] * candidates[c];
        }
        return clip(sum);
    }

    private double[] band(Query q, double rate, ForecastContext ctx) {
        double[][] b = nearest(bands, q.horizonMinutes());
        double low;
        double high;
        if (b == null) {
            // No calibration yet: a wide, honest band that grows with the horizon.
            double half = Math.min(0.5, 0.05 + 0.1 * q.horizonMinutes() / 60.0);
            low = rate - half;
            high = rate + half;
        } else {
            long local = q.target() + q.series().offsetAt(q.origin()) * 1000L;
            double[] r = b[bucket(local)];
            low = rate + r[0];
            high = rate + r[1];
        }
        return new double[] {clip(low), clip(high)};
    }

    static int bucket(long localMillis) {
        return Math.min(BUCKETS - 1, (int) (Calendar.minuteOfDay(localMillis) / (1440.0 / BUCKETS)));
    }

    /** The profile, plus today's deviation from it fading with the time since the last reading. */
    static double anchored(OccupancySeries s, SeasonalProfile profile, long origin, long target) {
        long offset = s.offsetAt(origin) * 1000L;
        double pt = profile.value(s.carParkId(), target + offset);
        int i = s.indexAtOrBefore(origin);
        if (i < 0) {
            return clip(pt);
        }
        double deviation = s.rate(i) - profile.value(s.carParkId(), s.localTime(i));
        double hours = (target - s.time(i)) / (double) Calendar.HOUR;
        return clip(pt + deviation * Math.exp(-hours / ANCHOR_DECAY_HOURS));
    }

    private float[] standardize(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (x[i] - mean[i]) / std[i];
        }
        return out;
    }

    private static <T> T nearest(TreeMap<Integer, T> map, int horizon) {
        if (map.isEmpty()) {
            return null;
        }
        Map.Entry<Integer, T> floor = map.floorEntry(horizon);
        Map.Entry<Integer, T> ceil = map.ceilingEntry(horizon);
        if (floor == null) {
            return ceil.getValue();
        }
        if (ceil == null) {
            return floor.getValue();
        }
        return horizon - floor.getKey() <= ceil.getKey() - horizon ? floor.getValue() : ceil.getValue();
    }

    static double clip(double v) {
        return Double.isNaN(v) ? 0.0 : Math.max(0.0, Math.min(1.0, v));
    }

    // ------------------------------------------------------------------ persistence

    /** Writes {@code network.zip} (Deeplearning4j) and {@code forecaster.json} (scaling, blend, bands) to a directory. */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("format", "greenwave-parking-forecaster/1");
            root.put("features", Features.COUNT);
            root.put("holidays", holidays.region());
            root.set("mean", mapper.valueToTree(mean));
            root.set("std", mapper.valueToTree(std));
            root.set("weights", mapper.valueToTree(weights));
            root.set("bands", mapper.valueToTree(bands));
            if (network != null) {
                ModelSerializer.writeModel(network, dir.resolve("network.zip").toFile(), false);
            }
            mapper.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("forecaster.json").toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save forecaster to " + dir, e);
        }
    }

    /** Reads what {@link #save(Path)} wrote. */
    public static OccupancyForecaster load(Path dir) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            var root = mapper.readTree(dir.resolve("forecaster.json").toFile());
            if (root.path("features").asInt() != Features.COUNT) {
                throw new IllegalArgumentException("forecaster in " + dir + " was made for other inputs");
            }
            Path net = dir.resolve("network.zip");
            MultiLayerNetwork network = Files.exists(net) ? ModelSerializer.restoreMultiLayerNetwork(net.toFile()) : null;
            TreeMap<Integer, double[]> weights = new TreeMap<>();
            root.path("weights").fields().forEachRemaining(e ->
                    weights.put(Integer.parseInt(e.getKey()), mapper.convertValue(e.getValue(), double[].class)));
            TreeMap<Integer, double[][]> bands = new TreeMap<>();
            root.path("bands").fields().forEachRemaining(e ->
                    bands.put(Integer.parseInt(e.getKey()), mapper.convertValue(e.getValue(), double[][].class)));
            return new OccupancyForecaster(network,
                    root.hasNonNull("mean") ? mapper.convertValue(root.get("mean"), float[].class) : null,
                    root.hasNonNull("std") ? mapper.convertValue(root.get("std"), float[].class) : null,
                    Holidays.of(root.path("holidays").asText("none")), weights, bands);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load forecaster from " + dir, e);
        }
    }
}
