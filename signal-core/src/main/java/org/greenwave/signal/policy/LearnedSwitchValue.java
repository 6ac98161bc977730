package org.greenwave.signal.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.greenwave.contracts.Json;

/**
 * The learned switch value: a Deeplearning4j network that estimates how much waiting an intersection will see over
 * the next minute (vehicle-seconds per approach lane) if the current green is kept or ended now. Trained in the
 * digital twin on what really followed such decisions ({@code ./greenwave train-signals}: the policy runs with some
 * exploration, every free decision is recorded with the waiting that followed it); the policy then takes, at each
 * moment, the choice with less expected waiting — one step of policy improvement over the pressure rule.
 */
public final class LearnedSwitchValue implements SwitchValue {

    public static final String DEFAULT_MODEL = "/models/switch-value/";

    private final Mlp mlp;
    private final ModelInfo info;

    /**
     * @param validationMae error of the predicted waiting on held-out decisions (vehicle-seconds per lane)
     * @param baselineMae   error of predicting the mean, for comparison
     */
    public record ModelInfo(String version, int horizonSeconds, String trainedAt, List<String> trainingData,
                            int samples, double validationMae, double baselineMae) {
    }

    /** One recorded decision. */
    public record Sample(float[] features, boolean switched, float waitingPerLane, int group) {
    }

    LearnedSwitchValue(Mlp mlp, ModelInfo info) {
        this.mlp = mlp;
        this.info = info;
    }

    @Override
    public String version() {
        return info.version();
    }

    public ModelInfo info() {
        return info;
    }

    @Override
    public double advantageOfSwitching(float[] features) {
        return mlp.forward(with(features, false)) - mlp.forward(with(features, true));
    }

    static float[] with(float[] features, boolean switched) {
        float[] x = java.util.Arrays.copyOf(features, features.length + 1);
        x[features.length] = switched ? 1f : 0f;
        return x;
    }

    public static LearnedSwitchValue train(List<Sample> samples, List<String> trainingData, int horizonSeconds,
                                           int epochs, int maxSamples, Consumer<String> progress) {
        if (samples.size() > maxSamples) {
            List<Sample> kept = new ArrayList<>(maxSamples);
            double step = samples.size() / (double) maxSamples;
            for (double k = 0; k < samples.size() && kept.size() < maxSamples; k += step) {
                kept.add(samples.get((int) k));
            }
            samples = kept;
        }
        int groups = samples.stream().mapToInt(Sample::group).max().orElse(0) + 1;
        List<Mlp.Row> train = new ArrayList<>();
        List<Mlp.Row> valid = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            boolean holdOut = groups >= 5 ? s.group() % 5 == 4 : i % 5 == 4;
            (holdOut ? valid : train).add(new Mlp.Row(with(s.features(), s.switched()), s.waitingPerLane()));
        }
        double mean = train.stream().mapToDouble(Mlp.Row::y).average().orElse(0);
        double baseline = valid.stream().mapToDouble(r -> Math.abs(r.y() - mean)).average().orElse(0);
        final double[] best = {Double.MAX_VALUE};
        Mlp mlp = Mlp.fit(train, valid, 64, epochs, 1024, 43, false, (epoch, err) -> {
            best[0] = Math.min(best[0], err[1]);
            progress.accept(String.format(java.util.Locale.ROOT, "switch value epoch %2d/%d: train MAE %.2f, validation"
                    + " MAE %.2f vehicle-s per lane (predicting the mean: %.2f)", epoch, epochs, err[0], err[1], baseline));
        });
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyy.MM.dd-HHmm")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
        return new LearnedSwitchValue(mlp, new ModelInfo("switch-value-" + stamp + "-" + Mlp.fingerprint(mlp.network),
                horizonSeconds, java.time.Instant.now().toString(), trainingData, samples.size(),
                Math.round(best[0] * 100) / 100.0, Math.round(baseline * 100) / 100.0));
    }

    public void save(Path dir) {
        try {
            mlp.save(dir, info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the switch value model to " + dir, e);
        }
    }

    public static LearnedSwitchValue load(Path dir) throws IOException {
        try (InputStream net = Files.newInputStream(dir.resolve("network.zip"));
             InputStream meta = Files.newInputStream(dir.resolve("model.json"))) {
            return read(net, meta);
        }
    }

    public static LearnedSwitchValue loadDefault() throws IOException {
        try (InputStream net = LearnedSwitchValue.class.getResourceAsStream(DEFAULT_MODEL + "network.zip");
             InputStream meta = LearnedSwitchValue.class.getResourceAsStream(DEFAULT_MODEL + "model.json")) {
            if (net == null || meta == null) {
                throw new IOException("no default switch value model on the class path (" + DEFAULT_MODEL + ")");
            }
            return read(net, meta);
        }
    }

    private static LearnedSwitchValue read(InputStream net, InputStream meta) throws IOException {
        Mlp.Saved saved = Mlp.Saved.read(meta);
        ModelInfo info = Json.mapper().treeToValue(saved.info(), ModelInfo.class);
        float[] mean = saved.mean();
        float[] std = saved.std();
        if (mean.length != DecisionFeatures.COUNT + 1) {
            throw new IOException("switch value model expects " + (mean.length - 1) + " features, this greenwave makes "
                    + DecisionFeatures.COUNT);
        }
        return new LearnedSwitchValue(Mlp.read(net, mean, std), info);
    }
}
