package org.greenwave.signal.policy;

import java.util.List;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.signal.model.IntersectionModel;

/**
 * greenwave's switch decision: a short rolling-horizon look-ahead. It plays the next {@link #HORIZON_SECONDS} seconds
 * of each approach lane as a queue (vehicles standing now, vehicles the detectors see approaching, the inflow the far
 * zone's density shows, and a queue that reaches past the detectors) for a few candidate schedules — switch now to
 * each other phase, or keep the current green a little longer — and picks the one with the fewest vehicle-seconds of
 * waiting. After the first switch every candidate continues the same way (the fullest phase next, each green until
 * its queue is served), so candidates differ only in what happens now. Unlike a pressure rule it counts what a switch
 * costs (yellow, and the start-up of a standing queue) and what a blocked exit or a permissive movement does to the
 * discharge.
 *
 * <p>Lanes discharge at the textbook saturation flow (one vehicle per 2 s and lane, permissive movements half, a
 * shared lane its served share, a filling exit less; a shared lane whose other movements stay red only until one of
 * their vehicles heads it), except the current green's lanes in the first seconds: there
 * the {@link DischargeForecaster} says how many will really cross if the green continues — the learned discharge
 * model, which has seen platoons arriving at speed, blocked lanes and spillback; the rule-based forecaster in the
 * ablation.
 */
public final class Lookahead {

    public static final String VERSION = "lookahead-3";
    static final int HORIZON_SECONDS = 90;
    /** The most vehicles per second and lane the far zone's density is taken to bring. */
    static final double INFLOW_CAP = 0.5;
    /** Seconds of waiting still ahead of a vehicle standing at the horizon's end. */
    static final double TERMINAL_WAIT_SECONDS = 10.0;
    /** Where the far zone begins (metres from the stop line): vehicles there still move freely towards the queue. */
    static final double FAR_ZONE_METERS = 50.0;
    /** Shortest far zone whose density is taken as the inflow; below it, the whole approach's. */
    static final double MIN_DENSITY_ZONE_METERS = 50.0;
    /** Approach speed of moving vehicles (m/s), a little below urban free speed for braking into a queue. */
    static final double APPROACH_SPEED = 11.0;
    static final int START_UP_SECONDS = 2;
    static final int MAX_GREEN_IN_ROLLOUT = 60;
    private static final int[] EXTENSIONS = {1, 2, 3, 5, 8, 12, 18, 25};

    /** Vehicles per second of green and lane from a standing queue. */
    static final double SATURATION_PER_SECOND = 0.5;

    /** The discharge rate of each lane (vehicles per second of green) in each phase; 0 where the phase does not serve it. */
    static double[][] saturationFlows(IntersectionModel model, double[] exitBlocking) {
        int n = model.phaseCount();
        List<String> lanes = model.incomingLanes();
        double[][] rate = new double[n][lanes.size()];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < lanes.size(); i++) {
                rate[p][i] = SATURATION_PER_SECOND * servedShare(model, p, lanes.get(i)) * (1 - exitBlocking[i]);
            }
        }
        return rate;
    }

    /**
     * Vehicles a shared lane can send in one green of each phase before a vehicle whose movement stays red reaches
     * the stop line and blocks it (vehicles in a lane go in order): with a share {@code s} of its traffic allowed to
     * go, on average {@code s / (1 - s)}. Infinite where the phase serves all of the lane's movements (or none).
     */
    static double[][] sharedLaneBudgets(IntersectionModel model) {
        int n = model.phaseCount();
        List<String> lanes = model.incomingLanes();
        double[][] budget = new double[n][lanes.size()];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < lanes.size(); i++) {
                String lane = lanes.get(i);
                double all = 0;
                double green = 0;
                int red = 0;
                for (Intersection.Link l : model.intersection().links()) {
                    if (lane.equals(l.fromLane()) && !l.pedestrian()) {
                        all += trafficShare(l);
                        red++;
                    }
                }
                for (Intersection.Link l : model.linksOf(p)) {
                    if (lane.equals(l.fromLane())) {
                        green += trafficShare(l);
                        red--;
                    }
                }
                budget[p][i] = green == 0 || red <= 0 ? Double.POSITIVE_INFINITY : green / (all - green);
            }
        }
        return budget;
    }

    /** Traffic on a turn, and on a U-turn, relative to straight on (a town's usual split where no counts exist). */
    static final double TURN_SHARE = 0.3;
    static final double U_TURN_SHARE = 0.05;

    /**
     * How much of a lane's traffic a movement is taken to carry, relative to straight on, where no counts per
     * movement exist: most drivers go straight on, a turn takes a fraction, a U-turn is rare. A movement the
     * registry does not name counts like straight on.
     */
    static double trafficShare(Intersection.Link link) {
        if (link.maneuver() == null) {
            return 1.0;
        }
        return switch (link.maneuver()) {
            case Intersection.Link.LEFT, Intersection.Link.RIGHT -> TURN_SHARE;
            case Intersection.Link.U_TURN -> U_TURN_SHARE;
            default -> 1.0;
        };
    }

    /**
     * Share of a lane's movements green in a phase, permissive ones counting half (they yield to oncoming traffic).
     */
    static double servedShare(IntersectionModel model, int position, String lane) {
        int all = 0;
        double green = 0;
        for (Intersection.Link l : model.intersection().links()) {
            if (lane.equals(l.fromLane()) && !l.pedestrian()) {
                all++;
            }
        }
        for (Intersection.Link l : model.linksOf(position)) {
            if (lane.equals(l.fromLane())) {
                green += model.protectedGreen(position, l.index()) ? 1.0 : 0.5;
            }
        }
        return all == 0 ? 0 : green / all;
    }

    /** Share (0..1) of a lane's discharge its outgoing lanes' standing queues block. */
    static double[] exitBlocking(IntersectionModel model, org.greenwave.signal.model.TrafficSnapshot snapshot) {
        List<String> lanes = model.incomingLanes();
        double[] block = new double[lanes.size()];
        for (int i = 0; i < lanes.size(); i++) {
            double sum = 0;
            int k = 0;
            for (String out : model.outgoingLanes(lanes.get(i))) {
                List<Intersection.Detector> zones = model.exitDetectorsOn(out);
                double length = 0;
                for (Intersection.Detector d : zones) {
                    length += Math.max(0, d.toMeters() - d.fromMeters());
                }
                if (length <= 0) {
                    continue;
                }
                double fits = length / DischargeFeatures.CAR_SPACE_METERS;
                sum += Math.min(1.0, ApproachProfile.exitQueue(model, snapshot, out) / fits);
                k++;
            }
            // a full exit stops the lane; a half-full one does not slow it yet
            double full = k == 0 ? 0 : sum / k;
            block[i] = Math.max(0, Math.min(1, (full - 0.5) * 2));
        }
        return block;
    }

    /**
     * Vehicles per second and lane taken to arrive from beyond the detectors: the density of moving vehicles in the
     * far zone (past {@value #FAR_ZONE_METERS} m, clear of the queue's discharge) at approach speed. Where the
     * detectors end soon after the far zone begins (the approach meets another signal or the network's edge), a few
     * metres of zone say little about density (one car in 7 m would read as 1.5 vehicles a second): the whole
     * approach's moving vehicles count instead. 0 where the detectors do not reach the far zone.
     */
    static double inflow(ApproachProfile p) {
        return inflow(p, farZoneFrom(p));
    }

    /** {@link #inflow(ApproachProfile)} where the far zone's start ({@link #farZoneFrom}) is already known. */
    static double inflow(ApproachProfile p, double farFrom) {
        if (Double.isNaN(farFrom)) {
            return 0;
        }
        double farMoving = 0;
        for (int b = 0; b < ApproachProfile.BINS && ApproachProfile.EDGES[b] < p.covered(); b++) {
            if (ApproachProfile.EDGES[b] >= FAR_ZONE_METERS) {
                farMoving += Math.max(0, p.vehicles(b) - p.halting(b));
            }
        }
        double farLength = p.covered() - farFrom;
        return farLength >= MIN_DENSITY_ZONE_METERS
                ? Math.min(INFLOW_CAP, farMoving * APPROACH_SPEED / farLength)
                : Math.min(INFLOW_CAP, Math.max(0, p.vehicles() - p.queued()) * APPROACH_SPEED / p.covered());
    }

    /** Where the detectors' far zone begins on this approach (a bin edge), NaN where they do not reach it. */
    static double farZoneFrom(ApproachProfile p) {
        for (int b = 0; b < ApproachProfile.BINS && ApproachProfile.EDGES[b] < p.covered(); b++) {
            if (ApproachProfile.EDGES[b] >= FAR_ZONE_METERS) {
                return ApproachProfile.EDGES[b];
            }
        }
        return Double.NaN;
    }

    /**
     * The look-ahead's choice.
     *
     * @param running vehicles the forecaster expects the current green's lanes to pass within its horizon
     */
    public record Choice(boolean switchNow, int next, double keepCost, double switchCost, double running) {
    }

    private final DischargeForecaster running;

    /** @param running forecasts what the current green's lanes discharge in its horizon if the green continues */
    public Lookahead(DischargeForecaster running) {
        this.running = running;
    }

    public String version() {
        return VERSION + "+" + running.version();
    }

    public DischargeForecaster forecaster() {
        return running;
    }

    /**
     * @param current      position of the phase green now (its minimum green is served)
     * @param greenSeconds how long it has been green
     * @param maxGreenNow  the longest green the current phase may still reach
     * @param minGreen     the operating minimum green
     */
    public Choice choose(IntersectionModel model, org.greenwave.signal.model.TrafficSnapshot snapshot,
                         List<ApproachProfile> profiles, int current, int greenSeconds, int maxGreenNow, int minGreen) {
        int n = model.phaseCount();
        int lanes = profiles.size();
        double[] queue = new double[lanes];
        double[][] arrivals = new double[lanes][HORIZON_SECONDS];
        for (int i = 0; i < lanes; i++) {
            ApproachProfile p = profiles.get(i);
            queue[i] = p.queued();
            for (int b = 0; b < ApproachProfile.BINS; b++) {
                double from = ApproachProfile.EDGES[b];
                if (from >= p.covered()) {
                    break;
                }
                double to = Math.min(ApproachProfile.EDGES[b + 1], p.covered());
                double moving = Math.max(0, p.vehicles(b) - p.halting(b));
                int t = (int) Math.floor((from + to) / 2 / APPROACH_SPEED);
                if (t < HORIZON_SECONDS) {
                    arrivals[i][t] += moving;
                }
            }
            double farFrom = farZoneFrom(p);
            if (!Double.isNaN(farFrom)) {
                double inflow = inflow(p, farFrom);
                for (int t = (int) Math.ceil(p.covered() / APPROACH_SPEED); t < HORIZON_SECONDS; t++) {
                    arrivals[i][t] += inflow;
                }
                // the queue reaches past the detectors: as many again stand unseen, and move up as it discharges
                double farHalting = 0;
                int last = -1;
                for (int b = 0; b < ApproachProfile.BINS && ApproachProfile.EDGES[b] < p.covered(); b++) {
                    if (ApproachProfile.EDGES[b] >= FAR_ZONE_METERS) {
                        farHalting += p.halting(b);
                    }
                    last = b;
                }
                double lastCapacity = (Math.min(ApproachProfile.EDGES[last + 1], p.covered()) - ApproachProfile.EDGES[last])
                        / DischargeFeatures.CAR_SPACE_METERS;
                if (last >= 0 && p.halting(last) >= 0.6 * lastCapacity) {
                    double hidden = farHalting;
                    for (int t = (int) Math.ceil(p.covered() / APPROACH_SPEED); t < HORIZON_SECONDS && hidden > 0; t++) {
                        double a = Math.min(hidden, SATURATION_PER_SECOND);
                        arrivals[i][t] += a;
                        hidden -= a;
                    }
                }
            }
        }
        double[][] rate = saturationFlows(model, exitBlocking(model, snapshot));
        int[][] transition = new int[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                transition[a][b] = model.yellowSeconds(a, b) + model.allRedSeconds(a, b);
            }
        }
        Rollout r = new Rollout(n, queue, arrivals, rate, transition, Math.max(minGreen, 1));
        r.budget = sharedLaneBudgets(model);
        List<String> own = model.lanesOf(current);
        List<DischargeForecaster.LaneContext> contexts = new java.util.ArrayList<>(own.size());
        for (String lane : own) {
            contexts.add(DischargeForecaster.LaneContext.of(model, snapshot, current, lane, greenSeconds));
        }
        double[] served = running.forecast(contexts);
        double runningSum = 0;
        for (int k = 0; k < own.size(); k++) {
            int i = model.incomingLanes().indexOf(own.get(k));
            if (i >= 0) {
                r.early[i] = Math.max(0, served[k]) / running.horizonSeconds();
                runningSum += Math.max(0, served[k]);
            }
        }
        r.earlySeconds = running.horizonSeconds();
        double keep = r.run(current, greenSeconds, -1, -1, maxGreenNow);
        for (int k : EXTENSIONS) {
            if (greenSeconds + k > maxGreenNow) {
                break;
            }
            keep = Math.min(keep, r.run(current, greenSeconds, k, -1, maxGreenNow));
        }
        double best = Double.MAX_VALUE;
        int next = -1;
        for (int p = 0; p < n; p++) {
            if (p == current) {
                continue;
            }
            double c = r.run(current, greenSeconds, 0, p, maxGreenNow);
            if (c < best) {
                best = c;
                next = p;
            }
        }
        return new Choice(best < keep, next, keep, best, runningSum);
    }

    /** The queue model every candidate is played in. */
    private static final class Rollout {
        private final int phases;
        private final double[] queue0;
        private final double[][] arrivals;
        private final double[][] rate;
        private final int[][] transition;
        private final int minGreen;
        private final double[] q;
        private final int[] age;
        /** Discharge per second of the current green's lanes in its first {@code earlySeconds} (NaN: unknown). */
        final double[] early;
        int earlySeconds;
        /** Per phase and lane: vehicles one green can send from a partly served shared lane. */
        double[][] budget;
        private final double[] sent;
        /** The phase green (or ending) at the rollout's current second. */
        private int phase;

        Rollout(int phases, double[] queue0, double[][] arrivals, double[][] rate, int[][] transition, int minGreen) {
            this.phases = phases;
            this.queue0 = queue0;
            this.arrivals = arrivals;
            this.rate = rate;
            this.transition = transition;
            this.minGreen = minGreen;
            this.q = new double[queue0.length];
            this.age = new int[queue0.length];
            this.early = new double[queue0.length];
            this.sent = new double[queue0.length];
            java.util.Arrays.fill(early, Double.NaN);
        }

        /**
         * @param switchAt seconds from now when the current green ends (-1: when its queue is served)
         * @param first    the phase to switch to then (-1: the fullest)
         * @return vehicle-seconds of waiting over the horizon, plus what is left standing at its end
         */
        double run(int current, int greenSeconds, int switchAt, int first, int maxGreenNow) {
            System.arraycopy(queue0, 0, q, 0, q.length);
            for (int i = 0; i < q.length; i++) {
                age[i] = rate[current][i] > 0 ? 1000 : 0;
                // what the current green has sent so far: taken as at full rate since its start-up
                sent[i] = rate[current][i] * Math.max(0, greenSeconds - START_UP_SECONDS);
            }
            phase = current;
            int green = greenSeconds;
            int maxGreen = maxGreenNow;
            int yellowLeft = 0;
            int to = -1;
            boolean switched = false;
            double cost = 0;
            for (int t = 0; t < HORIZON_SECONDS; t++) {
                if (yellowLeft == 0) {
                    int target = -1;
                    if (!switched && switchAt >= 0) {
                        if (t == switchAt) {
                            target = first >= 0 ? first : fullest(phase);
                        }
                    } else if (t > 0 && green >= minGreen && (served(phase) || green >= maxGreen)) {
                        target = fullest(phase);
                        if (target >= 0 && waiting(target) < 1) {
                            target = -1;
                        }
                    }
                    if (target >= 0 && target != phase) {
                        switched = true;
                        to = target;
                        yellowLeft = Math.max(1, transition[phase][to]);
                    }
                }
                for (int i = 0; i < q.length; i++) {
                    q[i] += arrivals[i][t];
                    double r = rate[phase][i];
                    if (!switched && t < earlySeconds && !Double.isNaN(early[i])) {
                        r = early[i];
                    }
                    if (yellowLeft > 0) {
                        r = Math.min(r, rate[to][i]); // only movements green on both sides keep flowing
                    }
                    if (r > 0) {
                        age[i]++;
                        if (age[i] > START_UP_SECONDS) {
                            double d = Math.min(q[i], r);
                            if (yellowLeft == 0) {
                                d = Math.min(d, Math.max(0, budget[phase][i] - sent[i]));
                            }
                            q[i] -= d;
                            sent[i] += d;
                        }
                    } else {
                        age[i] = 0;
                    }
                    cost += q[i];
                }
                if (yellowLeft > 0) {
                    yellowLeft--;
                    if (yellowLeft == 0) {
                        phase = to;
                        green = 0;
                        java.util.Arrays.fill(sent, 0);
                        maxGreen = MAX_GREEN_IN_ROLLOUT;
                    }
                } else {
                    green++;
                }
            }
            for (double v : q) {
                cost += v * TERMINAL_WAIT_SECONDS;
            }
            return cost;
        }

        private boolean served(int p) {
            for (int i = 0; i < q.length; i++) {
                if (rate[p][i] > 0 && Math.min(q[i], left(p, i)) >= 1) {
                    return false;
                }
            }
            return true;
        }

        /** Vehicles a lane may still send in this green of the phase (a fresh green when it is not the one running). */
        private double left(int p, int i) {
            return p == phase ? Math.max(0, budget[p][i] - sent[i]) : budget[p][i];
        }

        private double waiting(int p) {
            double w = 0;
            for (int i = 0; i < q.length; i++) {
                if (rate[p][i] > 0) {
                    w += Math.min(q[i], left(p, i));
                }
            }
            return w;
        }

        private int fullest(int from) {
            int best = -1;
            double most = -1;
            for (int p = 0; p < phases; p++) {
                if (p != from) {
                    double w = waiting(p);
                    if (w > most) {
                        most = w;
                        best = p;
                    }
                }
            }
            return best;
        }
    }
}
