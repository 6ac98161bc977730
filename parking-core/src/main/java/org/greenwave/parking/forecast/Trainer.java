package org.greenwave.parking.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.greenwave.parking.data.Calendar;
import org.greenwave.parking.data.Holidays;
import org.greenwave.parking.data.OccupancySeries;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains an {@link OccupancyForecaster} on readings stamped before a cut-off, and nothing else.
 *
 * <p>The training period is split in time: the earlier part fits the network, the later part (the validation
 * period, like a small backtest) stops training at the best epoch and fits the blend weights and the uncertainty
 * bands. While fitting, the seasonal profile a sample sees leaves out the sample's own week (out-of-fold), so the
 * network learns how much to trust a profile that has not seen the day, as it will be at forecast time.
 */
public final class Trainer {

    /** Network output is the change of rate times this (keeps gradients in a comfortable range). */
    static final double LABEL_SCALE = 10.0;

    /** Settings; {@link #defaults(List)} suits two cores and a few minutes. */
    public record Options(List<Integer> horizons, Holidays holidays, long seed, int maxEpochs, int patience,
                          int maxSamples, int hidden, int batchSize) {
        public static Options defaults(List<Integer> horizons) {
            return new Options(horizons, Holidays.NONE, 42, 20, 3, 150_000, 64, 512);
        }

        public Options withHolidays(Holidays h) {
            return new Options(horizons, h, seed, maxEpochs, patience, maxSamples, hidden, batchSize);
        }

        public Options withEpochs(int epochs, int samples) {
            return new Options(horizons, holidays, seed, epochs, patience, samples, hidden, batchSize);
        }
    }

    /** What training saw and how each candidate did on the validation period (MAE, RMSE per horizon). */
    public record Report(int fitSamples, int validationSamples, int epochs, long fitFrom, long validationFrom,
                         long trainUntil, Map<Integer, Map<String, double[]>> validation, String note) {
    }

    public record Result(OccupancyForecaster forecaster, Report report) {
    }

    private record Samples(List<OccupancyForecaster.Query> queries, List<float[]> x, List<Float> y,
                           List<Double> anchor, List<Double> actual) {
        Samples() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    private Trainer() {
    }

    /**
     * Trains on the readings of {@code history} stamped before {@code trainUntil} (later readings are ignored).
     */
    public static Result train(Map<String, OccupancySeries> history, long trainUntil, Options options,
                               Consumer<String> progress) {
        Map<String, OccupancySeries> train = new LinkedHashMap<>();
        long first = Long.MAX_VALUE;
        int readings = 0;
        for (var e : history.entrySet()) {
            OccupancySeries s = e.getValue().before(trainUntil);
            if (s.size() > 0) {
                train.put(e.getKey(), s);
                first = Math.min(first, s.time(0));
                readings += s.size();
            }
        }
        long span = trainUntil - first;
        if (train.isEmpty() || span < 3 * Calendar.DAY || readings < 200) {
            return new Result(OccupancyForecaster.coldStart(options.holidays()), new Report(0, 0, 0, first,
                    trainUntil, trainUntil, Map.of(), "too little history (need 3 days and 200 readings): cold start"));
        }
        long validationLength = Math.min(Math.max((long) (span * 0.2), 2 * Calendar.DAY), 21 * Calendar.DAY);
        validationLength = Math.min(validationLength, span / 2);
        long validationFrom = trainUntil - validationLength;
        SplittableRandom random = new SplittableRandom(options.seed());

        // Profiles: out-of-fold by week for fitting, the whole fit period for validation.
        SeasonalProfile.Builder fitBuilder = SeasonalProfile.builder(options.holidays());
        for (OccupancySeries s : train.values()) {
            fitBuilder.add(s, first, validationFrom);
        }
        Map<Long, SeasonalProfile> outOfFold = new HashMap<>();
        ForecastContext fitContext = ForecastContext.of(train, first, validationFrom, options.holidays());

        long fitCount = 0;
        long validationCount = 0;
        for (OccupancySeries s : train.values()) {
            int split = s.indexAtOrAfter(validationFrom);
            fitCount += split;
            validationCount += s.size() - split;
        }
        int h = options.horizons().size();
        double pFit = Math.min(1.0, options.maxSamples() / (double) Math.max(1, fitCount * h));
        double pValidation = Math.min(1.0, options.maxSamples() / 3.0 / Math.max(1, validationCount * h));

        progress.accept(String.format("training: %d car parks, %d readings; fit %s .. %s, validation .. %s",
                train.size(), readings, java.time.Instant.ofEpochMilli(first),
                java.time.Instant.ofEpochMilli(validationFrom), java.time.Instant.ofEpochMilli(trainUntil)));
        Samples fit = new Samples();
        Samples validation = new Samples();
        for (OccupancySeries s : train.values()) {
            int split = s.indexAtOrAfter(validationFrom);
            for (int i = 0; i < s.size(); i++) {
                boolean isFit = i < split;
                for (int horizon : options.horizons()) {
                    if (random.nextDouble() >= (isFit ? pFit : pValidation)) {
                        continue;
                    }
                    long target = s.time(i);
                    long origin = target - horizon * Calendar.MINUTE;
                    SeasonalProfile profile;
                    if (isFit) {
                        long week = Math.floorDiv(Calendar.epochDay(s.localTime(i)), 7);
                        profile = outOfFold.computeIfAbsent(week,
                                w -> fitBuilder.build(day -> Math.floorDiv(day, 7) == w));
                    } else {
                        profile = fitContext.profile();
                    }
                    Features.Row row = Features.build(s, profile, origin, target);
                    Samples into = isFit ? fit : validation;
                    into.queries().add(new OccupancyForecaster.Query(s, origin, horizon));
                    into.x().add(row.x());
                    into.y().add((float) ((s.rate(i) - row.anchor()) * LABEL_SCALE));
                    into.anchor().add(row.anchor());
                    into.actual().add(s.rate(i));
                }
            }
        }
        if (fit.x().size() < 100 || validation.x().isEmpty()) {
            return new Result(OccupancyForecaster.coldStart(options.holidays()), new Report(fit.x().size(),
                    validation.x().size(), 0, first, validationFrom, trainUntil, Map.of(),
                    "too few samples to train: cold start"));
        }
        progress.accept(String.format("training: %,d samples to fit, %,d to validate", fit.x().size(),
                validation.x().size()));

        float[] mean = new float[Features.COUNT];
        float[] std = new float[Features.COUNT];
        scaling(fit.x(), mean, std);
        INDArray fitX = matrix(fit.x(), mean, std);
        INDArray fitY = Nd4j.create(toArray(fit.y()), new long[] {fit.y().size(), 1});
        INDArray valX = matrix(validation.x(), mean, std);

        if (System.getenv("OMP_NUM_THREADS") == null) {
            // The network is small: one native thread beats two that contend with the JVM (and other processes).
            Nd4j.getEnvironment().setMaxThreads(1);
        }
        MultiLayerNetwork network = network(options);
        DataSet all = new DataSet(fitX, fitY);
        double best = Double.MAX_VALUE;
        INDArray bestParams = network.params().dup();
        int sinceBest = 0;
        int epochs = 0;
        for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
            all.shuffle(options.seed() + epoch);
            List<DataSet> batches = all.batchBy(options.batchSize());
            double loss = 0;
            for (DataSet batch : batches) {
                network.fit(batch);
                loss += network.score();
            }
            epochs = epoch;
            INDArray out = network.output(valX, false);
            double mae = 0;
            for (int i = 0; i < validation.x().size(); i++) {
                double predicted = OccupancyForecaster.clip(validation.anchor().get(i) + out.getDouble(i, 0) / LABEL_SCALE);
                mae += Math.abs(predicted - validation.actual().get(i));
            }
            mae /= validation.x().size();
            boolean improved = mae < best - 1e-5;
            progress.accept(String.format("training: epoch %d/%d  loss %.5f  validation MAE %.4f%s", epoch,
                    options.maxEpochs(), loss / batches.size(), mae, improved ? "  (best)" : ""));
            if (improved) {
                best = mae;
                bestParams = network.params().dup();
                sinceBest = 0;
            } else if (++sinceBest >= options.patience()) {
                break;
            }
        }
        network.setParams(bestParams);

        // Blend weights and bands from the validation period.
        OccupancyForecaster raw = new OccupancyForecaster(network, mean, std, options.holidays(), new TreeMap<>(),
                new TreeMap<>());
        double[][] candidates = raw.candidates(validation.queries(), fitContext);
        TreeMap<Integer, double[]> weights = new TreeMap<>();
        TreeMap<Integer, double[][]> bands = new TreeMap<>();
        Map<Integer, Map<String, double[]>> errors = new LinkedHashMap<>();
        for (int horizon : options.horizons()) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < validation.queries().size(); i++) {
                if (validation.queries().get(i).horizonMinutes() == horizon) {
                    rows.add(i);
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            double[] w = simplexLeastSquares(candidates, validation.actual(), rows);
            weights.put(horizon, w);
            Map<String, double[]> byMethod = new LinkedHashMap<>();
            List<List<Double>> residuals = new ArrayList<>();
            for (int b = 0; b < OccupancyForecaster.BUCKETS; b++) {
                residuals.add(new ArrayList<>());
            }
            double[] blendErr = new double[2];
            double[][] candErr = new double[OccupancyForecaster.C][2];
            for (int i : rows) {
                double actual = validation.actual().get(i);
                double blended = 0;
                for (int c = 0; c < OccupancyForecaster.C; c++) {
                    blended += w[c] * candidates[i][c];
                    double e = candidates[i][c] - actual;
                    candErr[c][0] += Math.abs(e);
                    candErr[c][1] += e * e;
                }
                blended = OccupancyForecaster.clip(blended);
                double e = blended - actual;
                blendErr[0] += Math.abs(e);
                blendErr[1] += e * e;
                OccupancyForecaster.Query q = validation.queries().get(i);
                long local = q.target() + q.series().offsetAt(q.origin()) * 1000L;
                residuals.get(OccupancyForecaster.bucket(local)).add(actual - blended);
            }
            byMethod.put("model", new double[] {blendErr[0] / rows.size(), Math.sqrt(blendErr[1] / rows.size())});
            for (int c = 0; c < OccupancyForecaster.C; c++) {
                byMethod.put(OccupancyForecaster.CANDIDATES.get(c),
                        new double[] {candErr[c][0] / rows.size(), Math.sqrt(candErr[c][1] / rows.size())});
            }
            errors.put(horizon, byMethod);
            List<Double> pooled = residuals.stream().flatMap(List::stream).toList();
            double[][] band = new double[OccupancyForecaster.BUCKETS][];
            for (int b = 0; b < OccupancyForecaster.BUCKETS; b++) {
                List<Double> r = residuals.get(b).size() >= 50 ? residuals.get(b) : pooled;
                band[b] = new double[] {quantile(r, 0.1), quantile(r, 0.9)};
            }
            bands.put(horizon, band);
            progress.accept(String.format("training: +%d min blend %s", horizon, describe(w)));
        }
        OccupancyForecaster forecaster = new OccupancyForecaster(network, mean, std, options.holidays(), weights, bands);
        return new Result(forecaster, new Report(fit.x().size(), validation.x().size(), epochs, first, validationFrom,
                trainUntil, errors, "trained"));
    }

    private static MultiLayerNetwork network(Options o) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(o.seed())
                .updater(new Adam(1e-3))
                .l2(1e-5)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(Features.COUNT).nOut(o.hidden()).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(o.hidden()).nOut(o.hidden() / 2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(o.hidden() / 2).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static void scaling(List<float[]> rows, float[] mean, float[] std) {
        int n = rows.size();
        double[] sum = new double[mean.length];
        double[] sq = new double[mean.length];
        for (float[] r : rows) {
            for (int j = 0; j < r.length; j++) {
                sum[j] += r[j];
                sq[j] += (double) r[j] * r[j];
            }
        }
        for (int j = 0; j < mean.length; j++) {
            double m = sum[j] / n;
            mean[j] = (float) m;
            std[j] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, sq[j] / n - m * m)));
        }
    }

    private static INDArray matrix(List<float[]> rows, float[] mean, float[] std) {
        float[][] m = new float[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            float[] r = rows.get(i);
            float[] s = new float[r.length];
            for (int j = 0; j < r.length; j++) {
                s[j] = (r[j] - mean[j]) / std[j];
            }
            m[i] = s;
        }
        return Nd4j.create(m);
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Non-negative weights summing to one that minimise the squared error (projected gradient descent). */
    static double[] simplexLeastSquares(double[][] candidates, List<Double> actual, List<Integer> rows) {
        int c = candidates[0].length;
        double[][] g = new double[c][c];
        double[] b = new double[c];
        for (int i : rows) {
            for (int p = 0; p < c; p++) {
                b[p] += candidates[i][p] * actual.get(i);
                for (int q = 0; q < c; q++) {
                    g[p][q] += candidates[i][p] * candidates[i][q];
                }
            }
        }
        double trace = 0;
        for (int p = 0; p < c; p++) {
            b[p] /= rows.size();
            for (int q = 0; q < c; q++) {
                g[p][q] /= rows.size();
            }
            trace += g[p][p];
        }
        double step = 0.5 / Math.max(trace, 1e-9);
        double[] w = new double[c];
        Arrays.fill(w, 1.0 / c);
        for (int iter = 0; iter < 20_000; iter++) {
            double[] next = new double[c];
            for (int p = 0; p < c; p++) {
                double grad = -b[p];
                for (int q = 0; q < c; q++) {
                    grad += g[p][q] * w[q];
                }
                next[p] = w[p] - step * 2 * grad;
            }
            w = projectToSimplex(next);
        }
        return w;
    }

    static double[] projectToSimplex(double[] v) {
        double[] u = v.clone();
        Arrays.sort(u);
        double cumulative = 0;
        double theta = 0;
        for (int i = u.length - 1, k = 1; i >= 0; i--, k++) {
            cumulative += u[i];
            double t = (cumulative - 1) / k;
            if (u[i] - t > 0) {
                theta = t;
            }
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(0, v[i] - theta);
        }
        return out;
    }

    static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static String describe(double[] w) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < w.length; c++) {
            if (w[c] >= 0.005) {
                sb.append(sb.isEmpty() ? "" : ", ").append(OccupancyForecaster.CANDIDATES.get(c))
                        .append(String.format(" %.2f", w[c]));
            }
        }
        return sb.toString();
    }
}
