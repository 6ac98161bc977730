package org.greenwave.signal.policy;

import java.util.List;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;

/**
 * What the detectors show on one approach lane, resampled into fixed distance bins measured upstream from the stop
 * line, so that intersections with different detector layouts look alike to the policy and the learned model.
 * A zone's vehicles are spread over the bins it overlaps, in proportion to the overlap.
 */
public final class ApproachProfile {

    /** Bin edges in metres upstream from the stop line. */
    public static final double[] EDGES = {0, 10, 25, 50, 80, 120, 200};
    public static final int BINS = EDGES.length - 1;

    private final double[] vehicles = new double[BINS];
    private final double[] halting = new double[BINS];
    private final double[] occupancy = new double[BINS];
    private final double covered;

    private ApproachProfile(double covered) {
        this.covered = covered;
    }

    /** The profile of an incoming lane from the latest readings of its approach detectors. */
    public static ApproachProfile of(IntersectionModel model, TrafficSnapshot snapshot, String lane) {
        List<Intersection.Detector> zones = model.detectorsOn(lane);
        double reach = 0;
        for (Intersection.Detector d : zones) {
            reach = Math.max(reach, d.toMeters());
        }
        ApproachProfile p = new ApproachProfile(Math.min(reach, EDGES[BINS]));
        for (Intersection.Detector d : zones) {
            DetectorReading r = snapshot.reading(d.id());
            if (r == null) {
                continue;
            }
            double from = d.fromMeters();
            double to = Math.max(d.toMeters(), from + 0.1);
            int halted = r.haltingVehicles() != null ? r.haltingVehicles() : 0;
            for (int b = 0; b < BINS; b++) {
                double overlap = Math.min(to, EDGES[b + 1]) - Math.max(from, EDGES[b]);
                if (overlap <= 0) {
                    continue;
                }
                double share = overlap / (to - from);
                p.vehicles[b] += r.vehicleCount() * share;
                p.halting[b] += halted * share;
                p.occupancy[b] = Math.max(p.occupancy[b], r.occupancy());
            }
        }
        return p;
    }

    /** Vehicles standing in the approach (the queue). */
    public double queued() {
        double q = 0;
        for (double h : halting) {
            q += h;
        }
        return q;
    }

    /** All vehicles seen on the approach. */
    public double vehicles() {
        double v = 0;
        for (double x : vehicles) {
            v += x;
        }
        return v;
    }

    /** Moving vehicles within {@code meters} of the stop line (bins cut proportionally). */
    public double movingWithin(double meters) {
        double sum = 0;
        for (int b = 0; b < BINS; b++) {
            double part = Math.min(1.0, Math.max(0.0, (meters - EDGES[b]) / (EDGES[b + 1] - EDGES[b])));
            sum += Math.max(0.0, vehicles[b] - halting[b]) * part;
        }
        return sum;
    }

    /** Vehicles within {@code meters} of the stop line, moving or not. */
    public double vehiclesWithin(double meters) {
        double sum = 0;
        for (int b = 0; b < BINS; b++) {
            double part = Math.min(1.0, Math.max(0.0, (meters - EDGES[b]) / (EDGES[b + 1] - EDGES[b])));
            sum += vehicles[b] * part;
        }
        return sum;
    }

    public double vehicles(int bin) {
        return vehicles[bin];
    }

    public double halting(int bin) {
        return halting[bin];
    }

    public double occupancy(int bin) {
        return occupancy[bin];
    }

    /** How far upstream the detectors reach (metres, at most the last bin edge). */
    public double covered() {
        return covered;
    }

    /** Halting vehicles on an outgoing lane's exit detectors: spillback into the junction's downstream. */
    public static double exitQueue(IntersectionModel model, TrafficSnapshot snapshot, String outgoingLane) {
        double q = 0;
        for (Intersection.Detector d : model.exitDetectorsOn(outgoingLane)) {
            DetectorReading r = snapshot.reading(d.id());
            if (r != null && r.haltingVehicles() != null) {
                q += r.haltingVehicles();
            }
        }
        return q;
    }
}
