package org.greenwave.signal.policy;

/**
 * The input vector of the learned discharge model for one lane, independent of the network: detector bins scaled
 * by how many cars fit into them, the kind and age of the green, how many movements share the lane, and spillback.
 */
public final class DischargeFeatures {

    /** Metres a queued car takes up (length plus gap). */
    static final double CAR_SPACE_METERS = 7.5;
    public static final int COUNT = ApproachProfile.BINS * 3 + 5;

    public static float[] of(DischargeForecaster.LaneContext lane) {
        float[] f = new float[COUNT];
        ApproachProfile p = lane.profile();
        int k = 0;
        for (int b = 0; b < ApproachProfile.BINS; b++) {
            double capacity = (ApproachProfile.EDGES[b + 1] - ApproachProfile.EDGES[b]) / CAR_SPACE_METERS;
            f[k++] = (float) (p.vehicles(b) / capacity);
            f[k++] = (float) (p.halting(b) / capacity);
            f[k++] = (float) p.occupancy(b);
        }
        f[k++] = lane.protectedGreen() ? 1f : 0f;
        f[k++] = (float) Math.min(2.0, lane.greenSeconds() / 60.0);
        f[k++] = (float) Math.min(3.0, lane.links() / 3.0);
        f[k++] = (float) Math.min(3.0, lane.exitQueue() / 10.0);
        f[k] = (float) (p.covered() / ApproachProfile.EDGES[ApproachProfile.BINS]);
        return f;
    }

    private DischargeFeatures() {
    }
}
