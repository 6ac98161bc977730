package org.greenwave.signal.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.greenwave.signal.model.IntersectionModel;

/**
 * The input of the {@link SwitchValue} model for one decision, independent of the intersection's size: counts are
 * per approach lane, times in minutes.
 */
public final class DecisionFeatures {

    public static final int COUNT = 15;

    private DecisionFeatures() {
    }

    static float[] of(IntersectionModel model, List<ApproachProfile> profiles, double[] queue, double[] pressure,
                      double running, int current, int best, int greenSeconds, long longestRedWithQueue) {
        int lanes = Math.max(1, model.incomingLanes().size());
        Set<String> cur = new HashSet<>(model.lanesOf(current));
        Set<String> alt = new HashSet<>(model.lanesOf(best));
        double queueCur = 0;
        double queueOther = 0;
        double movingCur = 0;
        double movingOther = 0;
        for (int i = 0; i < profiles.size(); i++) {
            String lane = model.incomingLanes().get(i);
            double moving = profiles.get(i).movingWithin(150);
            if (cur.contains(lane)) {
                queueCur += queue[i];
                movingCur += moving;
            } else {
                queueOther += queue[i];
                movingOther += moving;
            }
        }
        double second = 0;
        for (int p = 0; p < pressure.length; p++) {
            if (p != current && p != best) {
                second = Math.max(second, pressure[p]);
            }
        }
        float l = lanes;
        return new float[] {
                (float) (running / Math.max(1, cur.size())),
                (float) (pressure[current] / l),
                (float) (pressure[best] / l),
                (float) (second / l),
                (float) (queueCur / l),
                (float) (queueOther / l),
                (float) (movingCur / l),
                (float) (movingOther / l),
                (float) Math.min(2.0, greenSeconds / 60.0),
                (float) Math.min(2.0, longestRedWithQueue / 120.0),
                model.phaseCount() / 4f,
                lanes / 12f,
                (model.yellowSeconds(current, best) + model.allRedSeconds(current, best)) / 5f,
                cur.size() / l,
                alt.size() / l
        };
    }
}
