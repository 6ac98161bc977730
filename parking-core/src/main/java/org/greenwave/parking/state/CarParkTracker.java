package org.greenwave.parking.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Follows one car park's readings: the latest count, a trend with hysteresis (so that counting noise does not
 * make the arrow flip), and how old the data is. Readings older than the latest are ignored for the state (late
 * arrivals), duplicates are harmless. Not thread-safe: one owner updates it.
 */
public final class CarParkTracker {

    /** Trend window: the slope is fitted over the readings of this period. */
    static final Duration WINDOW = Duration.ofMinutes(20);
    /** Rate change per hour that starts a trend, and the one below which it ends. */
    static final double TREND_ENTER = 0.06;
    static final double TREND_EXIT = 0.03;

    private final String carParkId;
    private final Deque<double[]> window = new ArrayDeque<>(); // {epochMillis, rate}
    private int capacity;
    private int occupied;
    private Instant last;
    private Trend trend = Trend.STATIC;
    private double slope;

    public CarParkTracker(String carParkId) {
        this.carParkId = carParkId;
    }

    /** Takes a reading; returns false when it was older than what we have (ignored for the state). */
    public boolean update(Instant timestamp, int capacity, int occupied) {
        if (last != null && timestamp.isBefore(last)) {
            return false;
        }
        this.capacity = capacity;
        this.occupied = occupied;
        this.last = timestamp;
        double rate = Math.max(0, Math.min(1, occupied / (double) capacity));
        window.addLast(new double[] {timestamp.toEpochMilli(), rate});
        while (window.size() > 2 && window.peekFirst()[0] < timestamp.toEpochMilli() - WINDOW.toMillis()) {
            window.removeFirst();
        }
        slope = slope();
        trend = switch (trend) {
            case FILLING -> slope < TREND_EXIT ? (slope <= -TREND_ENTER ? Trend.EMPTYING : Trend.STATIC) : Trend.FILLING;
            case EMPTYING -> slope > -TREND_EXIT ? (slope >= TREND_ENTER ? Trend.FILLING : Trend.STATIC) : Trend.EMPTYING;
            case STATIC -> slope >= TREND_ENTER ? Trend.FILLING : slope <= -TREND_ENTER ? Trend.EMPTYING : Trend.STATIC;
        };
        return true;
    }

    public boolean hasData() {
        return last != null;
    }

    public Instant lastReading() {
        return last;
    }

    /** The state at {@code now}; stale when the last reading is older than {@code staleAfter}. */
    public CarParkState state(Instant now, Duration staleAfter) {
        if (last == null) {
            return null;
        }
        Duration age = Duration.between(last, now);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        double rate = Math.max(0, Math.min(1, occupied / (double) capacity));
        return new CarParkState(carParkId, capacity, occupied, Math.max(0, capacity - occupied), rate, trend, slope,
                last, age, age.compareTo(staleAfter) > 0);
    }

    /** Least-squares slope of rate over time in the window, per hour (0 with fewer than 3 readings or 5 minutes). */
    private double slope() {
        if (window.size() < 3) {
            return 0;
        }
        double t0 = window.peekFirst()[0];
        double span = window.peekLast()[0] - t0;
        if (span < Duration.ofMinutes(5).toMillis()) {
            return 0;
        }
        double n = 0;
        double st = 0;
        double sr = 0;
        double stt = 0;
        double str = 0;
        for (double[] p : window) {
            double t = (p[0] - t0) / 3_600_000.0;
            n++;
            st += t;
            sr += p[1];
            stt += t * t;
            str += t * p[1];
        }
        double den = n * stt - st * st;
        return den <= 0 ? 0 : (n * str - st * sr) / den;
    }
}
