package org.greenwave.signal.optimizer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;

/**
 * A rule-based cycle plan: each phase gets the green its critical lane's queue needs to discharge (about one
 * vehicle per {@link #HEADWAY_SECONDS}), at least its minimum green, and the cycle is scaled to stay within the
 * intersection's maximum. Used where no learned model is available and as the fallback frame of learned plans.
 */
public final class QueueSplitPlanner {

    /** Saturation headway: seconds of green one queued vehicle needs to clear the stop line. */
    public static final double HEADWAY_SECONDS = 2.0;
    public static final String VERSION = "rules-queue-split-1";

    /** Vehicles waiting or approaching on a lane, from its detectors (area: present now; loop: last count). */
    public static double laneDemand(IntersectionModel model, TrafficSnapshot snapshot, String lane) {
        double sum = 0;
        for (Intersection.Detector d : model.detectorsOn(lane)) {
            DetectorReading r = snapshot.reading(d.id());
            if (r != null) {
                sum += r.vehicleCount();
            }
        }
        return sum;
    }

    public TimingPlan plan(IntersectionModel model, TrafficSnapshot snapshot, Instant validFrom, String mode) {
        int n = model.phaseCount();
        double[] demand = new double[n];
        String[] critical = new String[n];
        for (int p = 0; p < n; p++) {
            for (String lane : model.lanesOf(p)) {
                double d = laneDemand(model, snapshot, lane);
                if (d > demand[p] || critical[p] == null) {
                    demand[p] = Math.max(demand[p], d);
                    critical[p] = lane;
                }
            }
        }
        int intergreens = 0;
        int minimums = 0;
        for (int p = 0; p < n; p++) {
            intergreens += model.yellowSeconds(p, (p + 1) % n) + model.allRedSeconds(p, (p + 1) % n);
            minimums += model.minGreen(p);
        }
        int budget = model.limits().maxCycleSeconds() - intergreens;
        int[] green = new int[n];
        int total = 0;
        for (int p = 0; p < n; p++) {
            green[p] = Math.max(model.minGreen(p), (int) Math.ceil(demand[p] * HEADWAY_SECONDS));
            total += green[p];
        }
        boolean boundByMaxCycle = false;
        if (total > budget && total > minimums) {
            // Scale the part above the minimums so that the cycle fits.
            boundByMaxCycle = true;
            double above = total - minimums;
            double room = Math.max(0, budget - minimums);
            total = 0;
            for (int p = 0; p < n; p++) {
                int min = model.minGreen(p);
                green[p] = min + (int) Math.floor((green[p] - min) * room / above);
                total += green[p];
            }
        }
        // Spread what the cycle still allows as room for local extension, evenly.
        int slack = Math.max(0, budget - total) / Math.max(1, n);
        List<PlanBuilder.Green> greens = new ArrayList<>();
        int busiest = 0;
        for (int p = 0; p < n; p++) {
            greens.add(new PlanBuilder.Green(p, green[p], model.minGreen(p), green[p] + slack));
            if (demand[p] > demand[busiest]) {
                busiest = p;
            }
        }
        String explanation = explanation(model, demand, critical, busiest, boundByMaxCycle);
        return PlanBuilder.build(model, greens, validFrom, snapshot.asOf(), VERSION, explanation, mode);
    }

    private static String explanation(IntersectionModel model, double[] demand, String[] critical, int busiest,
                                      boolean boundByMaxCycle) {
        StringBuilder s = new StringBuilder();
        if (demand[busiest] <= 0) {
            s.append("No vehicles detected: every phase gets its minimum green.");
        } else {
            s.append(String.format("Longest queue: %.0f vehicles on lane %s (phase %d); greens follow each phase's"
                    + " critical queue at %.0f s per vehicle.", demand[busiest], critical[busiest],
                    model.phases().get(busiest).index(), HEADWAY_SECONDS));
        }
        if (boundByMaxCycle) {
            s.append(" Bound by the maximum cycle of ").append(model.limits().maxCycleSeconds()).append(" s.");
        }
        return s.toString();
    }
}
