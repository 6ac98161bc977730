package org.greenwave.parking.forecast;

import java.util.HashMap;
import java.util.Map;
import org.greenwave.parking.data.Calendar;
import org.greenwave.parking.data.OccupancySeries;

/**
 * SPEC's {@code historical-average} baseline: the mean training rate of the car park in the same weekday and
 * 30-minute slot (mean over readings). Where that slot never had a reading: the car park's mean in that slot over
 * all weekdays, then the car park's mean, then the mean of all car parks.
 */
public final class HistoricalAverage {

    private final Map<String, double[][]> sums = new HashMap<>(); // [weekday*48+slot] -> {sum, n}
    private double total;
    private long totalN;

    /** Adds the readings of a series stamped in [from, to). */
    public HistoricalAverage add(OccupancySeries s, long from, long to) {
        double[][] cells = sums.computeIfAbsent(s.carParkId(), k -> new double[2][7 * Calendar.SLOTS]);
        for (int i = s.indexAtOrAfter(from), end = s.indexAtOrAfter(to); i < end; i++) {
            long local = s.localTime(i);
            int cell = Calendar.weekday(local) * Calendar.SLOTS + Calendar.slot(local);
            cells[0][cell] += s.rate(i);
            cells[1][cell] += 1;
            total += s.rate(i);
            totalN++;
        }
        return this;
    }

    /** The baseline's forecast for a target at wall-clock time {@code localMillis}. */
    public double value(String carParkId, long localMillis) {
        double[][] cells = sums.get(carParkId);
        double global = totalN > 0 ? total / totalN : 0.5;
        if (cells == null) {
            return global;
        }
        int slot = Calendar.slot(localMillis);
        int cell = Calendar.weekday(localMillis) * Calendar.SLOTS + slot;
        if (cells[1][cell] > 0) {
            return cells[0][cell] / cells[1][cell];
        }
        double sum = 0;
        double n = 0;
        for (int d = 0; d < 7; d++) {
            sum += cells[0][d * Calendar.SLOTS + slot];
            n += cells[1][d * Calendar.SLOTS + slot];
        }
        if (n > 0) {
            return sum / n;
        }
        double all = 0;
        double allN = 0;
        for (int c = 0; c < cells[0].length; c++) {
            all += cells[0][c];
            allN += cells[1][c];
        }
        return allN > 0 ? all / allN : global;
    }
}
