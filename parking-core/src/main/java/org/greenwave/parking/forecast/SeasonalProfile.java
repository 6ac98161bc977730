package org.greenwave.parking.forecast;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongPredicate;
import org.greenwave.parking.data.Calendar;
import org.greenwave.parking.data.Holidays;
import org.greenwave.parking.data.OccupancySeries;

/**
 * Typical occupancy rate of each car park by day type (weekday; holidays as Sunday) and half-hour slot.
 *
 * <p>Each day counts once per slot whatever the sampling rate (readings are first averaged per day and slot), so
 * a feed that reports every minute does not outweigh one that reports every half hour. Estimates are shrunk
 * towards the car park's all-days mean of the slot and that towards the mean of all car parks, so a new car park
 * (cold start) or a slot never seen gets a sensible value instead of nothing.
 */
public final class SeasonalProfile {

    /** Prior weight in days: how many days of own data count as much as the prior. */
    private static final double K = 1.0;

    private final Holidays holidays;
    private final Map<String, double[][]> estimates;
    private final Map<String, Integer> days;
    private final double[][] pooled;

    private SeasonalProfile(Holidays holidays, Map<String, double[][]> estimates, Map<String, Integer> days,
                            double[][] pooled) {
        this.holidays = holidays;
        this.estimates = estimates;
        this.days = days;
        this.pooled = pooled;
    }

    public static Builder builder(Holidays holidays) {
        return new Builder(holidays);
    }

    public Holidays holidays() {
        return holidays;
    }

    /** Whether the car park has any history in this profile (else values are the city-wide profile). */
    public boolean knows(String carParkId) {
        return estimates.containsKey(carParkId);
    }

    /** Days of history behind the car park's profile. */
    public int days(String carParkId) {
        return days.getOrDefault(carParkId, 0);
    }

    /** Estimate for a day type (0 Monday .. 6 Sunday or holiday) and slot, without interpolation. */
    public double slotValue(String carParkId, int dayType, int slot) {
        double[][] est = estimates.get(carParkId);
        return est != null ? est[dayType][slot] : pooled[dayType][slot];
    }

    /** Typical rate at a wall-clock time, interpolated linearly between slot centres. */
    public double value(String carParkId, long localMillis) {
        long t0 = localMillis - 15 * Calendar.MINUTE;
        long t1 = t0 + 30 * Calendar.MINUTE;
        double frac = (Math.floorMod(t0, 30 * Calendar.MINUTE)) / (double) (30 * Calendar.MINUTE);
        double a = slotValue(carParkId, Calendar.dayType(t0, holidays), Calendar.slot(t0));
        double b = slotValue(carParkId, Calendar.dayType(t1, holidays), Calendar.slot(t1));
        return (1 - frac) * a + frac * b;
    }

    /** Collects per-day slot means; {@link #build(LongPredicate)} can leave days out (out-of-fold profiles). */
    public static final class Builder {

        private final Holidays holidays;
        /** car park -> epoch day -> [sum(48), count(48)]. */
        private final Map<String, Map<Long, double[][]>> daily = new HashMap<>();

        private Builder(Holidays holidays) {
            this.holidays = holidays;
        }

        /** Adds the readings of a series stamped in [from, to). */
        public Builder add(OccupancySeries s, long from, long to) {
            Map<Long, double[][]> byDay = daily.computeIfAbsent(s.carParkId(), k -> new HashMap<>());
            int start = s.indexAtOrAfter(from);
            int end = s.indexAtOrAfter(to);
            for (int i = start; i < end; i++) {
                long local = s.localTime(i);
                double[][] cell = byDay.computeIfAbsent(Calendar.epochDay(local), k -> new double[2][Calendar.SLOTS]);
                int slot = Calendar.slot(local);
                cell[0][slot] += s.rate(i);
                cell[1][slot] += 1;
            }
            return this;
        }

        public SeasonalProfile build() {
            return build(day -> false);
        }

        /** Builds the profile leaving out the local days for which {@code exclude} is true. */
        public SeasonalProfile build(LongPredicate exclude) {
            Map<String, double[][][]> perCarPark = new HashMap<>(); // [0]=sum by day type, [1]=n, [2]=all-days sum/n
            double[][] poolSum = new double[7][Calendar.SLOTS];
            double[][] poolN = new double[7][Calendar.SLOTS];
            Map<String, Integer> dayCounts = new HashMap<>();
            for (var park : daily.entrySet()) {
                double[][] sum = new double[7][Calendar.SLOTS];
                double[][] n = new double[7][Calendar.SLOTS];
                double[][] all = new double[2][Calendar.SLOTS];
                int count = 0;
                for (var day : park.getValue().entrySet()) {
                    if (exclude.test(day.getKey())) {
                        continue;
                    }
                    count++;
                    int type = Calendar.dayType(day.getKey() * Calendar.DAY, holidays);
                    double[][] cell = day.getValue();
                    for (int s = 0; s < Calendar.SLOTS; s++) {
                        if (cell[1][s] > 0) {
                            double mean = cell[0][s] / cell[1][s];
                            sum[type][s] += mean;
                            n[type][s] += 1;
                            all[0][s] += mean;
                            all[1][s] += 1;
                            poolSum[type][s] += mean;
                            poolN[type][s] += 1;
                        }
                    }
                }
                if (count > 0) {
                    perCarPark.put(park.getKey(), new double[][][] {sum, n, all});
                    dayCounts.put(park.getKey(), count);
                }
            }
            double[][] pooled = pooled(poolSum, poolN);
            Map<String, double[][]> estimates = new HashMap<>();
            for (var e : perCarPark.entrySet()) {
                double[][] sum = e.getValue()[0];
                double[][] n = e.getValue()[1];
                double[][] all = e.getValue()[2];
                double[][] est = new double[7][Calendar.SLOTS];
                for (int d = 0; d < 7; d++) {
                    for (int s = 0; s < Calendar.SLOTS; s++) {
                        double prior = (all[0][s] + K * pooled[d][s]) / (all[1][s] + K);
                        est[d][s] = (sum[d][s] + K * prior) / (n[d][s] + K);
                    }
                }
                estimates.put(e.getKey(), est);
            }
            return new SeasonalProfile(holidays, estimates, dayCounts, pooled);
        }

        /** City-wide profile: by day type and slot, else by slot over all days, else the overall mean. */
        private static double[][] pooled(double[][] sum, double[][] n) {
            double total = 0;
            double totalN = 0;
            double[] slotSum = new double[Calendar.SLOTS];
            double[] slotN = new double[Calendar.SLOTS];
            for (int d = 0; d < 7; d++) {
                for (int s = 0; s < Calendar.SLOTS; s++) {
                    total += sum[d][s];
                    totalN += n[d][s];
                    slotSum[s] += sum[d][s];
                    slotN[s] += n[d][s];
                }
            }
            double mean = totalN > 0 ? total / totalN : 0.5;
            double[][] out = new double[7][Calendar.SLOTS];
            for (int d = 0; d < 7; d++) {
                for (int s = 0; s < Calendar.SLOTS; s++) {
                    double slotMean = (slotSum[s] + K * mean) / (slotN[s] + K);
                    out[d][s] = (sum[d][s] + K * slotMean) / (n[d][s] + K);
                }
            }
            return out;
        }
    }
}
