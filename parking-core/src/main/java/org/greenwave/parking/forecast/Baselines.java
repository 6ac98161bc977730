package org.greenwave.parking.forecast;

import org.greenwave.parking.data.Calendar;
import org.greenwave.parking.data.OccupancySeries;

/**
 * SPEC's reference forecasts, exactly as defined there, so that numbers compare. Each looks only at readings
 * stamped at or before the forecast origin. Where a baseline has nothing to go on (no reading yet), it falls back
 * to the historical average so that every method is scored on the same targets.
 */
public final class Baselines {

    public static final String PERSISTENCE = "persistence";
    public static final String SEASONAL_NAIVE = "seasonal-naive";
    public static final String HISTORICAL_AVERAGE = "historical-average";

    private Baselines() {
    }

    /** Last reading at or before the origin. */
    public static double persistence(OccupancySeries s, long origin, double fallback) {
        int i = s.indexAtOrBefore(origin);
        return i >= 0 ? s.rate(i) : fallback;
    }

    /**
     * Last reading at or before target time minus 7 days (never after the origin, for horizons beyond a week).
     */
    public static double seasonalNaive(OccupancySeries s, long origin, long target, double fallback) {
        int i = s.indexAtOrBefore(Math.min(target - Calendar.WEEK, origin));
        return i >= 0 ? s.rate(i) : fallback;
    }
}
