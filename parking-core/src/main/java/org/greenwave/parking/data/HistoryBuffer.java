package org.greenwave.parking.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The occupancy history a running service keeps in memory (for forecasts and retraining): per car park, the
 * readings of the last {@code keepMillis}, deduplicated on (time, capacity, occupied). Negative counts and
 * capacities below 1 are not kept, like in a backtest. Thread-safe.
 */
public final class HistoryBuffer {

    private final long keepMillis;
    private final Map<String, List<Observation>> readings = new LinkedHashMap<>();
    private final Map<String, OccupancySeries> cache = new LinkedHashMap<>();

    public HistoryBuffer(long keepMillis) {
        this.keepMillis = keepMillis;
    }

    /** Adds a reading; returns false if it was dropped (invalid or an exact duplicate of the latest ones). */
    public synchronized boolean add(Observation o) {
        if (o.occupied() < 0 || o.capacity() < 1) {
            return false;
        }
        List<Observation> list = readings.computeIfAbsent(o.carParkId(), k -> new ArrayList<>());
        // Readings come almost in order: look back a little for duplicates and the insertion point.
        int i = list.size();
        while (i > 0 && list.get(i - 1).time() > o.time()) {
            i--;
        }
        for (int j = i - 1; j >= 0 && list.get(j).time() == o.time(); j--) {
            if (list.get(j).equals(o)) {
                return false;
            }
        }
        list.add(i, o);
        long cut = list.get(list.size() - 1).time() - keepMillis;
        if (list.get(0).time() < cut) {
            int drop = 0;
            while (drop < list.size() && list.get(drop).time() < cut) {
                drop++;
            }
            list.subList(0, drop).clear();
        }
        cache.remove(o.carParkId());
        return true;
    }

    public synchronized void addAll(List<Observation> all) {
        all.forEach(this::add);
    }

    /** A snapshot of one car park's readings (empty series when none). */
    public synchronized OccupancySeries series(String carParkId) {
        return cache.computeIfAbsent(carParkId, id -> OccupancySeries.of(id, readings.getOrDefault(id, List.of())));
    }

    /** Snapshots of every car park. */
    public synchronized Map<String, OccupancySeries> all() {
        Map<String, OccupancySeries> out = new LinkedHashMap<>();
        for (String id : readings.keySet()) {
            out.put(id, series(id));
        }
        return out;
    }

    public synchronized int size() {
        return readings.values().stream().mapToInt(List::size).sum();
    }
}
