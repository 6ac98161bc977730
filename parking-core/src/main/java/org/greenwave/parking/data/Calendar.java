package org.greenwave.parking.data;

import java.time.LocalDate;

/** Weekday and time-of-day arithmetic on wall-clock milliseconds (epoch millis of local time read as UTC). */
public final class Calendar {

    public static final long MINUTE = 60_000L;
    public static final long HOUR = 60 * MINUTE;
    public static final long DAY = 24 * HOUR;
    public static final long WEEK = 7 * DAY;
    /** Half-hour slots per day (SPEC's historical-average slot). */
    public static final int SLOTS = 48;

    private Calendar() {
    }

    /** Days since the epoch (the local date). */
    public static long epochDay(long localMillis) {
        return Math.floorDiv(localMillis, DAY);
    }

    /** 0 = Monday ... 6 = Sunday. */
    public static int weekday(long localMillis) {
        // 1970-01-01 was a Thursday (3).
        return (int) Math.floorMod(epochDay(localMillis) + 3, 7);
    }

    /** Minutes since local midnight. */
    public static double minuteOfDay(long localMillis) {
        return Math.floorMod(localMillis, DAY) / (double) MINUTE;
    }

    /** Half-hour slot 0..47. */
    public static int slot(long localMillis) {
        return (int) (Math.floorMod(localMillis, DAY) / (30 * MINUTE));
    }

    public static LocalDate date(long localMillis) {
        return LocalDate.ofEpochDay(epochDay(localMillis));
    }

    /** Day type for profiles: the weekday, with public holidays counted as Sundays. */
    public static int dayType(long localMillis, Holidays holidays) {
        if (holidays != Holidays.NONE && holidays.isHoliday(date(localMillis))) {
            return 6;
        }
        return weekday(localMillis);
    }
}
