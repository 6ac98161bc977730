package org.greenwave.signal.policy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains the {@link LearnedDischarge} network on samples collected in the digital twin: one sample per green lane
 * and second, labelled with the vehicles that really crossed its stop line within the horizon while it stayed green.
 * Samples are split by run (not at random), the later part validates, and training stops at the best epoch.
 */
public final class DischargeTrainer {

    /** One training example. */
    public record Sample(float[] features, float crossed, float heuristic, int group) {
    }

    /** Training settings. */
    public record Options(int epochs, int hidden, int batchSize, long seed, int horizonSeconds, int maxSamples) {
        public static Options defaults() {
            return new Options(20, 48, 1024, 42, 5, 150_000);
        }
    }

    /** Progress of one epoch. */
    public record Progress(int epoch, int epochs, double trainMae, double validationMae) {
    }

    private DischargeTrainer() {
    }

    public static LearnedDischarge train(List<Sample> samples, List<String> trainingData, Options o,
                                         Consumer<Progress> progress) {
        if (samples.size() < 100) {
            throw new IllegalArgumentException("too few samples to train (" + samples.size() + ")");
        }
        if (samples.size() > o.maxSamples()) {
            // an even subsample keeps training within minutes on two cores; consecutive seconds are alike anyway
            List<Sample> kept = new ArrayList<>(o.maxSamples());
            double step = samples.size() / (double) o.maxSamples();
            for (double k = 0; k < samples.size() && kept.size() < o.maxSamples(); k += step) {
                kept.add(samples.get((int) k));
            }
            samples = kept;
        }
        int groups = samples.stream().mapToInt(Sample::group).max().orElse(0) + 1;
        List<Sample> train = new ArrayList<>();
        List<Sample> valid = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            // hold out every fifth group (a stretch of a run) for validation; with few groups, every fifth sample
            boolean holdOut = groups >= 5 ? s.group() % 5 == 4 : i % 5 == 4;
            (holdOut ? valid : train).add(s);
        }
        int f = DischargeFeatures.COUNT;
        float[] mean = new float[f];
        float[] std = new float[f];
        scaling(train, mean, std);
        MultiLayerNetwork net = network(o);
        INDArray vx = matrix(valid, mean, std);
        double bestMae = Double.MAX_VALUE;
        MultiLayerNetwork best = null;
        Random random = new Random(o.seed());
        List<Sample> order = new ArrayList<>(train);
        for (int epoch = 1; epoch <= o.epochs(); epoch++) {
            java.util.Collections.shuffle(order, random);
            double trainErr = 0;
            for (int from = 0; from < order.size(); from += o.batchSize()) {
                List<Sample> batch = order.subList(from, Math.min(order.size(), from + o.batchSize()));
                INDArray x = matrix(batch, mean, std);
                INDArray y = labels(batch);
                net.fit(new DataSet(x, y));
                trainErr += net.output(x, false).sub(y).amean(0).getDouble(0) * batch.size();
            }
            double mae = mae(net.output(vx, false), valid);
            progress.accept(new Progress(epoch, o.epochs(), trainErr / order.size(), mae));
            if (mae < bestMae) {
                bestMae = mae;
                best = net.clone();
            }
        }
        double heuristicMae = 0;
        for (Sample s : valid) {
            heuristicMae += Math.abs(s.heuristic() - s.crossed());
        }
        heuristicMae /= valid.size();
        String stamp = DateTimeFormatter.ofPattern("yyyy.MM.dd-HHmm").withZone(ZoneOffset.UTC).format(Instant.now());
        var info = new LearnedDischarge.ModelInfo("discharge-" + stamp + "-" + Mlp.fingerprint(best), o.horizonSeconds(),
                Instant.now().toString(), trainingData, samples.size(), round(bestMae), round(heuristicMae));
        return new LearnedDischarge(best, mean, std, info);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double mae(INDArray predicted, List<Sample> samples) {
        double sum = 0;
        for (int i = 0; i < samples.size(); i++) {
            sum += Math.abs(Math.max(0, predicted.getDouble(i, 0)) - samples.get(i).crossed());
        }
        return sum / samples.size();
    }

    private static MultiLayerNetwork network(Options o) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(o.seed())
                .updater(new Adam(2e-3))
                .l2(1e-5)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(DischargeFeatures.COUNT).nOut(o.hidden())
                        .activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(o.hidden()).nOut(o.hidden() / 2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.L1).nIn(o.hidden() / 2).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray matrix(List<Sample> samples, float[] mean, float[] std) {
        float[][] rows = new float[samples.size()][];
        for (int i = 0; i < rows.length; i++) {
            float[] r = samples.get(i).features().clone();
            for (int j = 0; j < r.length; j++) {
                r[j] = FeatureScaling.scaled(r[j], mean[j], std[j]);
            }
            rows[i] = r;
        }
        return Nd4j.create(rows);
    }

    private static INDArray labels(List<Sample> samples) {
        float[][] y = new float[samples.size()][1];
        for (int i = 0; i < y.length; i++) {
            y[i][0] = samples.get(i).crossed();
        }
        return Nd4j.create(y);
    }

    private static void scaling(List<Sample> rows, float[] mean, float[] std) {
        int n = rows.size();
        double[] sum = new double[mean.length];
        double[] sq = new double[mean.length];
        for (Sample s : rows) {
            float[] r = s.features();
            for (int j = 0; j < r.length; j++) {
                sum[j] += r[j];
                sq[j] += r[j] * r[j];
            }
        }
        for (int j = 0; j < mean.length; j++) {
            mean[j] = (float) (sum[j] / n);
            double var = sq[j] / n - mean[j] * mean[j];
            std[j] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, var)));
        }
    }
}
