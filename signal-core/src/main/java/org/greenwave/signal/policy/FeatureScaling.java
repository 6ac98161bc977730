package org.greenwave.signal.policy;

/**
 * Standardises a model input by the mean and spread of the training data, and clips it to {@value #LIMIT} standard
 * deviations: on a network the model has never seen, an input far outside the training data (a dedicated
 * permissive-left lane, a spillback the training towns never had) must not drive the network into wild
 * extrapolation. The same scaling is used in training and inference.
 */
final class FeatureScaling {

    static final float LIMIT = 4f;

    private FeatureScaling() {
    }

    static float scaled(float value, float mean, float std) {
        float z = (value - mean) / std;
        return Math.max(-LIMIT, Math.min(LIMIT, z));
    }
}
