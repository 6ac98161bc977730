package org.greenwave.parking.forecast;

import org.greenwave.parking.data.Calendar;
import org.greenwave.parking.data.OccupancySeries;

/**
 * Turns "a car park's readings up to an origin" into the forecaster's inputs for one target time. Everything is
 * looked up "at or before" the origin (or at or before times earlier than it), so a forecast can never see the
 * target or anything after the origin: that is what makes backtests honest.
 *
 * <p>Inputs are rates and differences of rates (0..1 scale), so they mean the same for a 50-space lot and an
 * 800-space garage. Readings that are too old to describe the moment they stand for (a feed that stopped
 * overnight, a gap) are flagged and replaced by the seasonal profile, which is how dirty and irregular data is
 * handled without guessing a sampling rate.
 */
public final class Features {

    public static final int COUNT = 31;
    private static final long H = Calendar.HOUR;
    /** A reading stands for a past moment (a week ago, a day ago) only if it is at most this much older. */
    private static final long MATCH = 2 * H;

    private Features() {
    }

    /** The inputs, and the anchor (last reading, or the profile when there is none) the output is relative to. */
    public record Row(float[] x, double anchor) {
    }

    public static Row build(OccupancySeries s, SeasonalProfile profile, long origin, long target) {
        String id = s.carParkId();
        long offset = s.offsetAt(origin) * 1000L;
        long localOrigin = origin + offset;
        long localTarget = target + offset;
        double po = profile.value(id, localOrigin);
        double pt = profile.value(id, localTarget);
        int i = s.indexAtOrBefore(origin);
        double last;
        double ageHours;
        double pLast;
        double median;
        double d30 = 0;
        double v30 = 0;
        double d60 = 0;
        double v60 = 0;
        double anomaly3h = 0;
        if (i >= 0) {
            last = s.rate(i);
            ageHours = (origin - s.time(i)) / (double) H;
            pLast = profile.value(id, s.localTime(i));
            median = recentMedian(s, i);
            int j = s.indexAtOrBefore(s.time(i) - 30 * Calendar.MINUTE);
            if (j >= 0 && s.time(i) - s.time(j) <= 90 * Calendar.MINUTE) {
                d30 = last - s.rate(j);
                v30 = 1;
            }
            j = s.indexAtOrBefore(s.time(i) - 60 * Calendar.MINUTE);
            if (j >= 0 && s.time(i) - s.time(j) <= 2 * H) {
                d60 = last - s.rate(j);
                v60 = 1;
            }
            anomaly3h = meanAnomaly(s, profile, i, 3 * H);
        } else {
            last = po;
            ageHours = 48;
            pLast = po;
            median = po;
        }
        double age = Math.min(ageHours, 48);
        double anomaly = last - pLast;

        double snT = matched(s, Math.min(target - Calendar.WEEK, origin), target - Calendar.WEEK);
        double snO = matched(s, origin - Calendar.WEEK, origin - Calendar.WEEK);
        boolean dayAgoAllowed = target - Calendar.DAY <= origin;
        double d1T = dayAgoAllowed ? matched(s, target - Calendar.DAY, target - Calendar.DAY) : Double.NaN;
        double d1O = matched(s, origin - Calendar.DAY, origin - Calendar.DAY);

        float[] x = new float[COUNT];
        int k = 0;
        x[k++] = (float) last;
        x[k++] = (float) (pt - last);
        x[k++] = (float) (pt - pLast);
        x[k++] = (float) anomaly;
        x[k++] = (float) (age / 24.0);
        x[k++] = (float) Math.exp(-ageHours);
        x[k++] = (float) (median - last);
        x[k++] = (float) d30;
        x[k++] = (float) v30;
        x[k++] = (float) d60;
        x[k++] = (float) v60;
        x[k++] = (float) anomaly3h;
        boolean snBoth = !Double.isNaN(snT) && !Double.isNaN(snO);
        x[k++] = snBoth ? (float) (snT - snO) : 0f;
        x[k++] = !Double.isNaN(snT) ? (float) (snT - pt) : 0f;
        x[k++] = !Double.isNaN(snO) ? (float) (last - snO) : 0f;
        x[k++] = snBoth ? 1f : 0f;
        boolean d1Both = !Double.isNaN(d1T) && !Double.isNaN(d1O);
        x[k++] = d1Both ? (float) (d1T - d1O) : 0f;
        x[k++] = !Double.isNaN(d1O) ? (float) (last - d1O) : 0f;
        x[k++] = d1Both ? 1f : 0f;
        double tod = Calendar.minuteOfDay(localTarget) / 1440.0 * 2 * Math.PI;
        x[k++] = (float) Math.sin(tod);
        x[k++] = (float) Math.cos(tod);
        int day = Calendar.dayType(localTarget, profile.holidays());
        x[k + day] = 1f;
        k += 7;
        x[k++] = (float) ((target - origin) / (120.0 * Calendar.MINUTE));
        x[k++] = (float) pt;
        x[k++] = (float) Math.min(1.0, profile.days(id) / 28.0);
        if (k != COUNT) {
            throw new IllegalStateException("feature count " + k);
        }
        return new Row(x, last);
    }

    /** Rate of the last reading at or before {@code at}, if it is no older than {@link #MATCH} before {@code moment}. */
    private static double matched(OccupancySeries s, long at, long moment) {
        int i = s.indexAtOrBefore(at);
        if (i < 0 || moment - s.time(i) > MATCH) {
            return Double.NaN;
        }
        return s.rate(i);
    }

    /** Median of the readings in the 20 minutes up to reading i (at most 5): robust to a single spike. */
    private static double recentMedian(OccupancySeries s, int i) {
        double[] v = new double[5];
        int n = 0;
        for (int j = i; j >= 0 && n < 5 && s.time(i) - s.time(j) <= 20 * Calendar.MINUTE; j--) {
            v[n++] = s.rate(j);
        }
        java.util.Arrays.sort(v, 0, n);
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Mean deviation from the profile over a window ending at reading i (at most 24 readings, evenly picked). */
    private static double meanAnomaly(OccupancySeries s, SeasonalProfile p, int i, long window) {
        int first = s.indexAtOrAfter(s.time(i) - window);
        int n = i - first + 1;
        int step = Math.max(1, n / 24);
        double sum = 0;
        int count = 0;
        for (int j = i; j >= first; j -= step) {
            sum += s.rate(j) - p.value(s.carParkId(), s.localTime(j));
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }
}
