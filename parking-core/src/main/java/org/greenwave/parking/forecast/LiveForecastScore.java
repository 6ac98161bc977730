package org.greenwave.parking.forecast;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tracks forecast error live: each forecast is remembered with its target time; the first reading of that car
 * park stamped at or after the target settles it (absolute error of the rate). Keeps running MAE per horizon over
 * the most recent {@code window} settled forecasts. Thread-safe.
 */
public final class LiveForecastScore {

    /** A settled forecast. */
    public record Settled(String carParkId, int horizonMinutes, double predicted, double actual) {
        public double absError() {
            return Math.abs(predicted - actual);
        }
    }

    private record Pending(long target, int horizon, double predicted) {
    }

    private final int window;
    private final int maxPendingPerCarPark;
    private final Map<String, Deque<Pending>> pending = new HashMap<>();
    private final Map<Integer, Deque<Double>> recent = new TreeMap<>();

    public LiveForecastScore(int window, int maxPendingPerCarPark) {
        this.window = window;
        this.maxPendingPerCarPark = maxPendingPerCarPark;
    }

    /** Remembers a forecast made for {@code targetMillis}. */
    public synchronized void forecast(String carParkId, long targetMillis, int horizon, double predicted) {
        Deque<Pending> q = pending.computeIfAbsent(carParkId, k -> new ArrayDeque<>());
        q.addLast(new Pending(targetMillis, horizon, predicted));
        while (q.size() > maxPendingPerCarPark) {
            q.removeFirst();
        }
    }

    /** A reading arrived: settles every forecast whose target time has come. */
    public synchronized java.util.List<Settled> reading(String carParkId, long timeMillis, double rate) {
        Deque<Pending> q = pending.get(carParkId);
        java.util.List<Settled> out = new java.util.ArrayList<>();
        if (q == null) {
            return out;
        }
        q.removeIf(p -> {
            if (p.target() <= timeMillis) {
                Settled s = new Settled(carParkId, p.horizon(), p.predicted(), rate);
                out.add(s);
                Deque<Double> errors = recent.computeIfAbsent(p.horizon(), k -> new ArrayDeque<>());
                errors.addLast(s.absError());
                while (errors.size() > window) {
                    errors.removeFirst();
                }
                return true;
            }
            return false;
        });
        return out;
    }

    /** Mean absolute error per horizon over the recent window (only horizons with settled forecasts). */
    public synchronized Map<Integer, Double> mae() {
        Map<Integer, Double> out = new LinkedHashMap<>();
        recent.forEach((h, e) -> out.put(h, e.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
        return out;
    }

    public synchronized double mae(int horizon) {
        Deque<Double> e = recent.get(horizon);
        return e == null || e.isEmpty() ? Double.NaN : e.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
