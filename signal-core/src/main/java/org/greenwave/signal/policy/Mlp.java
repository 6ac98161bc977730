package org.greenwave.signal.policy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small regression network (two ReLU layers, one linear output) trained with Deeplearning4j, with its input
 * scaling. Decisions evaluate the same weights with a plain-Java forward pass: microseconds instead of the
 * milliseconds a Deeplearning4j call costs per decision.
 */
final class Mlp {

    final MultiLayerNetwork network;
    final float[] mean;
    final float[] std;
    private final float[][][] weights;
    private final float[][] biases;

    Mlp(MultiLayerNetwork network, float[] mean, float[] std) {
        this.network = network;
        this.mean = mean;
        this.std = std;
        int layers = network.getnLayers();
        this.weights = new float[layers][][];
        this.biases = new float[layers][];
        var params = network.paramTable();
        for (int l = 0; l < layers; l++) {
            INDArray w = params.get(l + "_W"); // [in, out]
            INDArray b = params.get(l + "_b").reshape(-1);
            int in = (int) w.size(0);
            int out = (int) w.size(1);
            weights[l] = new float[out][in];
            biases[l] = new float[out];
            for (int o = 0; o < out; o++) {
                biases[l][o] = b.getFloat(o);
                for (int i = 0; i < in; i++) {
                    weights[l][o][i] = w.getFloat(i, o);
                }
            }
        }
    }

    /**
     * Six hex digits of a SHA-256 over the network's weights: part of a model's version, so that two models trained
     * in the same minute never share one (plans and the audit trail name the model that made them).
     */
    static String fingerprint(MultiLayerNetwork network) {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            for (float w : network.params().dup().data().asFloat()) {
                int bits = Float.floatToIntBits(w);
                digest.update(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
            }
            return java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    int inputs() {
        return mean.length;
    }

    /** The forward pass on plain arrays (scaling included). */
    double forward(float[] features) {
        float[] a = new float[features.length];
        for (int j = 0; j < a.length; j++) {
            a[j] = FeatureScaling.scaled(features[j], mean[j], std[j]);
        }
        for (int l = 0; l < weights.length; l++) {
            float[][] w = weights[l];
            float[] next = new float[w.length];
            for (int o = 0; o < w.length; o++) {
                float sum = biases[l][o];
                float[] row = w[o];
                for (int i = 0; i < row.length; i++) {
                    sum += row[i] * a[i];
                }
                next[o] = l < weights.length - 1 ? Math.max(0f, sum) : sum;
            }
            a = next;
        }
        return a[0];
    }

    /** Deeplearning4j's own output for rows (scaled here); for checks. Not thread-safe. */
    synchronized INDArray predict(float[][] rows) {
        float[][] scaled = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            scaled[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                scaled[i][j] = FeatureScaling.scaled(rows[i][j], mean[j], std[j]);
            }
        }
        INDArray x = Nd4j.create(scaled);
        return network.output(x, false);
    }

    /** Writes {@code network.zip} and {@code model.json} (the model's info and the input scaling) into a directory. */
    void save(java.nio.file.Path dir, Object info) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        ModelSerializer.writeModel(network, dir.resolve("network.zip").toFile(), false);
        var doc = org.greenwave.contracts.Json.mapper().createObjectNode();
        doc.set("info", org.greenwave.contracts.Json.mapper().valueToTree(info));
        doc.set("mean", org.greenwave.contracts.Json.mapper().valueToTree(mean));
        doc.set("std", org.greenwave.contracts.Json.mapper().valueToTree(std));
        org.greenwave.contracts.Json.mapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve("model.json").toFile(),
                doc);
    }

    /** What {@code model.json} of a saved model holds: its info and the input scaling. */
    record Saved(com.fasterxml.jackson.databind.JsonNode info, float[] mean, float[] std) {
        static Saved read(InputStream modelJson) throws IOException {
            var mapper = org.greenwave.contracts.Json.mapper();
            com.fasterxml.jackson.databind.JsonNode doc = mapper.readTree(modelJson);
            return new Saved(doc.get("info"), mapper.treeToValue(doc.get("mean"), float[].class),
                    mapper.treeToValue(doc.get("std"), float[].class));
        }
    }

    static Mlp read(InputStream networkZip, float[] mean, float[] std) throws IOException {
        return new Mlp(ModelSerializer.restoreMultiLayerNetwork(networkZip, false), mean, std);
    }

    /** Training examples: features and target. */
    record Row(float[] x, float y) {
    }

    /**
     * Trains on {@code train}, keeping the epoch with the lowest mean absolute error on {@code valid}.
     *
     * @param l1 true: L1 loss (median-like), false: squared error (mean-like)
     */
    static Mlp fit(List<Row> train, List<Row> valid, int hidden, int epochs, int batch, long seed, boolean l1,
                   java.util.function.BiConsumer<Integer, double[]> progress) {
        int f = train.get(0).x().length;
        float[] mean = new float[f];
        float[] std = new float[f];
        double[] sum = new double[f];
        double[] sq = new double[f];
        for (Row r : train) {
            for (int j = 0; j < f; j++) {
                sum[j] += r.x()[j];
                sq[j] += r.x()[j] * r.x()[j];
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] = (float) (sum[j] / train.size());
            std[j] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, sq[j] / train.size() - mean[j] * mean[j])));
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(2e-3))
                .l2(1e-5)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(f).nOut(hidden).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(hidden).nOut(hidden / 2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(l1 ? LossFunctions.LossFunction.L1 : LossFunctions.LossFunction.MSE)
                        .nIn(hidden / 2).nOut(1).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray vx = matrix(valid, mean, std);
        double bestMae = Double.MAX_VALUE;
        MultiLayerNetwork best = net.clone();
        List<Row> order = new ArrayList<>(train);
        Random random = new Random(seed);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            java.util.Collections.shuffle(order, random);
            double trainErr = 0;
            for (int from = 0; from < order.size(); from += batch) {
                List<Row> b = order.subList(from, Math.min(order.size(), from + batch));
                INDArray x = matrix(b, mean, std);
                INDArray y = labels(b);
                net.fit(new DataSet(x, y));
                trainErr += net.output(x, false).sub(y).amean(0).getDouble(0) * b.size();
            }
            INDArray out = net.output(vx, false);
            double mae = 0;
            for (int i = 0; i < valid.size(); i++) {
                mae += Math.abs(out.getDouble(i, 0) - valid.get(i).y());
            }
            mae /= valid.size();
            progress.accept(epoch, new double[] {trainErr / order.size(), mae});
            if (mae < bestMae) {
                bestMae = mae;
                best = net.clone();
            }
        }
        return new Mlp(best, mean, std);
    }

    private static INDArray matrix(List<Row> rows, float[] mean, float[] std) {
        float[][] x = new float[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            float[] r = rows.get(i).x().clone();
            for (int j = 0; j < r.length; j++) {
                r[j] = FeatureScaling.scaled(r[j], mean[j], std[j]);
            }
            x[i] = r;
        }
        return Nd4j.create(x);
    }

    private static INDArray labels(List<Row> rows) {
        float[][] y = new float[rows.size()][1];
        for (int i = 0; i < y.length; i++) {
            y[i][0] = rows.get(i).y();
        }
        return Nd4j.create(y);
    }

}
