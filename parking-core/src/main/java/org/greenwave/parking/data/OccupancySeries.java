package org.greenwave.parking.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The readings of one car park sorted by time (stable: readings with the same time keep their input order), in
 * compact arrays. Every look-up is "at or before" a time, so that a forecast for an origin can only ever see
 * readings stamped at or before that origin.
 */
public final class OccupancySeries {

    private final String carParkId;
    private final long[] times;
    private final int[] offsets;
    private final float[] rates;
    private final int[] capacities;
    private final int[] occupied;

    private OccupancySeries(String carParkId, long[] times, int[] offsets, float[] rates, int[] capacities,
                            int[] occupied) {
        this.carParkId = carParkId;
        this.times = times;
        this.offsets = offsets;
        this.rates = rates;
        this.capacities = capacities;
        this.occupied = occupied;
    }

    /** Builds a series from readings of one car park in any order. */
    public static OccupancySeries of(String carParkId, List<Observation> readings) {
        List<Observation> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparingLong(Observation::time));
        int n = sorted.size();
        long[] t = new long[n];
        int[] off = new int[n];
        float[] r = new float[n];
        int[] cap = new int[n];
        int[] occ = new int[n];
        for (int i = 0; i < n; i++) {
            Observation o = sorted.get(i);
            t[i] = o.time();
            off[i] = o.offsetSeconds();
            r[i] = (float) o.rate();
            cap[i] = o.capacity();
            occ[i] = o.occupied();
        }
        return new OccupancySeries(carParkId, t, off, r, cap, occ);
    }

    public String carParkId() {
        return carParkId;
    }

    public int size() {
        return times.length;
    }

    public long time(int i) {
        return times[i];
    }

    public double rate(int i) {
        return rates[i];
    }

    public int capacity(int i) {
        return capacities[i];
    }

    public int occupied(int i) {
        return occupied[i];
    }

    public int offsetSeconds(int i) {
        return offsets[i];
    }

    /** Wall-clock time of reading i, as epoch milliseconds read as UTC. */
    public long localTime(int i) {
        return times[i] + offsets[i] * 1000L;
    }

    /** Index of the last reading stamped at or before {@code time}, or -1 if there is none. */
    public int indexAtOrBefore(long time) {
        int lo = 0;
        int hi = times.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= time) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Index of the first reading stamped at or after {@code time}, or {@link #size()} if there is none. */
    public int indexAtOrAfter(long time) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Offset (seconds) to use for wall-clock features at a time: that of the nearest earlier reading, else the first. */
    public int offsetAt(long time) {
        if (times.length == 0) {
            return 0;
        }
        int i = indexAtOrBefore(time);
        return offsets[Math.max(i, 0)];
    }

    /** The readings stamped strictly before {@code time} (a view for training). */
    public OccupancySeries before(long time) {
        int n = indexAtOrAfter(time);
        return slice(0, n);
    }

    /** Readings with index in [from, to). */
    public OccupancySeries slice(int from, int to) {
        return new OccupancySeries(carParkId,
                java.util.Arrays.copyOfRange(times, from, to),
                java.util.Arrays.copyOfRange(offsets, from, to),
                java.util.Arrays.copyOfRange(rates, from, to),
                java.util.Arrays.copyOfRange(capacities, from, to),
                java.util.Arrays.copyOfRange(occupied, from, to));
    }
}
