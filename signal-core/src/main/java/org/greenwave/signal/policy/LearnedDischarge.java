package org.greenwave.signal.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.greenwave.contracts.Json;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The learned discharge forecaster: a small Deeplearning4j network that predicts, from a lane's detector profile and
 * signal context, how many vehicles will cross its stop line in the next seconds if the green continues. Trained in
 * the digital twin by {@link DischargeTrainer} ({@code ./greenwave train-signals}); a default model trained on
 * synthetic networks ships in this module. Immutable; one network call per decision (all lanes batched).
 */
public final class LearnedDischarge implements DischargeForecaster {

    /** Where the default model lives on the class path. */
    public static final String DEFAULT_MODEL = "/models/discharge/";

    private final Mlp mlp;
    private final ModelInfo info;

    /**
     * What a model file says about itself: version, horizon, training data and quality.
     *
     * @param version          e.g. {@code discharge-2026.11.28-0607-a1b2c3}: when it was trained, and six hex digits
     *                         of a hash of its weights
     * @param horizonSeconds   the forecast horizon it was trained for
     * @param trainedAt        when
     * @param trainingData     scenarios, seeds and sample counts it learned from
     * @param validationMae    mean absolute error on held-out samples (vehicles)
     * @param heuristicMae     the rule-based forecaster's error on the same samples, for comparison
     */
    public record ModelInfo(String version, int horizonSeconds, String trainedAt, List<String> trainingData,
                            int samples, double validationMae, double heuristicMae) {
    }

    LearnedDischarge(MultiLayerNetwork network, float[] mean, float[] std, ModelInfo info) {
        this.mlp = new Mlp(network, mean, std);
        this.info = info;
    }

    @Override
    public String version() {
        return info.version();
    }

    @Override
    public int horizonSeconds() {
        return info.horizonSeconds();
    }

    public ModelInfo info() {
        return info;
    }

    @Override
    public double[] forecast(List<LaneContext> lanes) {
        double[] out = new double[lanes.size()];
        if (lanes.isEmpty()) {
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = physicallyBounded(forward(DischargeFeatures.of(lanes.get(i))), lanes.get(i), horizonSeconds());
        }
        return out;
    }

    /** A lane cannot discharge faster than one vehicle per {@value #MIN_HEADWAY_SECONDS} s at its stop line. */
    static final double MIN_HEADWAY_SECONDS = 1.5;

    /**
     * A network extrapolates freely outside the traffic it was trained on (long queues on a new network): its
     * forecast is kept within what can physically happen — no more vehicles than the lane holds, and no faster than
     * a saturated stop line discharges.
     */
    static double physicallyBounded(double forecast, LaneContext lane, int horizonSeconds) {
        double bound = Math.min(lane.profile().vehicles(), horizonSeconds / MIN_HEADWAY_SECONDS);
        return Math.max(0.0, Math.min(forecast, bound));
    }

    /**
     * The network's forward pass on plain arrays (the same weights as the Deeplearning4j network, without its
     * per-call overhead). {@code DischargeTrainerTest} checks it against the network's own output.
     */
    double forward(float[] features) {
        return mlp.forward(features);
    }

    /** Raw predictions for feature rows (scaled here). */
    INDArray predict(float[][] rows) {
        return mlp.predict(rows);
    }

    /** Writes {@code network.zip} and {@code model.json} (scaling and info) into a directory. */
    public void save(Path dir) {
        try {
            mlp.save(dir, info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the discharge model to " + dir, e);
        }
    }

    /** Loads a model directory, or the {@code discharge/} model inside what {@code train-signals --out} wrote. */
    public static LearnedDischarge load(Path dir) throws IOException {
        if (!Files.exists(dir.resolve("model.json")) && Files.exists(dir.resolve("discharge").resolve("model.json"))) {
            dir = dir.resolve("discharge");
        }
        try (InputStream net = Files.newInputStream(dir.resolve("network.zip"));
             InputStream meta = Files.newInputStream(dir.resolve("model.json"))) {
            return read(net, meta);
        }
    }

    /** The default model shipped with greenwave (trained on synthetic networks only). */
    public static LearnedDischarge loadDefault() throws IOException {
        try (InputStream net = LearnedDischarge.class.getResourceAsStream(DEFAULT_MODEL + "network.zip");
             InputStream meta = LearnedDischarge.class.getResourceAsStream(DEFAULT_MODEL + "model.json")) {
            if (net == null || meta == null) {
                throw new IOException("no default discharge model on the class path (" + DEFAULT_MODEL + ")");
            }
            return read(net, meta);
        }
    }

    private static LearnedDischarge read(InputStream net, InputStream meta) throws IOException {
        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(net, false);
        Mlp.Saved saved = Mlp.Saved.read(meta);
        ModelInfo info = Json.mapper().treeToValue(saved.info(), ModelInfo.class);
        float[] mean = saved.mean();
        float[] std = saved.std();
        if (mean.length != DischargeFeatures.COUNT) {
            throw new IOException("model expects " + mean.length + " features, this greenwave makes "
                    + DischargeFeatures.COUNT);
        }
        return new LearnedDischarge(network, mean, std, info);
    }
}
