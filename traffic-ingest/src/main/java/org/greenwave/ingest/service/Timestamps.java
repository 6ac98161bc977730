package org.greenwave.ingest.service;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Parses device timestamps: ISO-8601 with offset. The common shapes ({@code 2026-11-28T07:00:01Z},
 * {@code 2026-11-28T07:00:01.250+01:00}) take a hand-written fast path, because {@link OffsetDateTime#parse} costs
 * about a microsecond per reading at ingest rates; anything else falls back to it, so both accept the same strings.
 */
final class Timestamps {

    /**
     * The last valid minute read ({@code yyyy-MM-ddTHH:mm}, as two little-endian longs of its 16 characters) and its
     * start in epoch seconds as if it were UTC: the readings of a batch nearly all share it.
     */
    private record Minute(long head, long rest, long epochSecond) {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final int[] FRACTION_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1000, 100,
            10, 1};

    private static volatile Minute lastMinute;

    /** The instant, or null when the text is not ISO-8601 with an offset. */
    static Instant parseIsoWithOffset(String s) {
        Instant fast = fast(s);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant fast(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1); // other characters become '?', which no shape admits
        return fast(b, 0, b.length);
    }

    /**
     * The common shapes in {@code b[from, to)} (ASCII bytes, as an HTTP body holds them), or null for anything else
     * (then the general parser decides).
     */
    static Instant fast(byte[] b, int from, int to) {
        if (to - from < 20 || b[from + 16] != ':') {
            return null;
        }
        long head = (long) LONGS.get(b, from);
        long rest = (long) LONGS.get(b, from + 8);
        Minute minute = lastMinute;
        long minuteStart;
        if (minute != null && minute.head() == head && minute.rest() == rest) {
            minuteStart = minute.epochSecond();
        } else {
            minuteStart = minuteStart(b, from);
            if (minuteStart == Long.MIN_VALUE) {
                return null;
            }
            lastMinute = new Minute(head, rest, minuteStart);
        }
        int second = twoDigits(b, from + 17);
        if (second < 0 || second > 59) {
            return null;
        }
        int i = from + 19;
        int nanos = 0;
        if (b[i] == '.') {
            int start = ++i;
            while (i < to && b[i] >= '0' && b[i] <= '9' && i - start < 9) {
                nanos = nanos * 10 + (b[i++] - '0');
            }
            int len = i - start;
            if (len < 1 || (i < to && b[i] >= '0' && b[i] <= '9')) { // none, or more than nine
                return null;
            }
            nanos *= FRACTION_SCALE[len];
        }
        int offsetSeconds;
        if (i == to - 1 && b[i] == 'Z') {
            offsetSeconds = 0;
        } else if (i == to - 6 && (b[i] == '+' || b[i] == '-') && b[i + 3] == ':') {
            int oh = twoDigits(b, i + 1);
            int om = twoDigits(b, i + 4);
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (b[i] == '-' ? -1 : 1);
        } else {
            return null;
        }
        return Instant.ofEpochSecond(minuteStart + second - offsetSeconds, nanos);
    }

    /**
     * The start of the minute {@code yyyy-MM-ddTHH:mm} at {@code b[from]} in epoch seconds as if it were UTC, or
     * {@link Long#MIN_VALUE} when it is not one (e.g. 30 February: the general parser then gives the same rejection).
     */
    private static long minuteStart(byte[] b, int from) {
        if (b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T' || b[from + 13] != ':') {
            return Long.MIN_VALUE;
        }
        int century = twoDigits(b, from);
        int yearOfCentury = twoDigits(b, from + 2);
        int month = twoDigits(b, from + 5);
        int day = twoDigits(b, from + 8);
        int hour = twoDigits(b, from + 11);
        int minute = twoDigits(b, from + 14);
        if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0
                || hour > 23 || minute < 0 || minute > 59) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDate.of(century * 100 + yearOfCentury, month, day).toEpochDay() * 86_400 + hour * 3600L
                    + minute * 60L;
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The two-digit number at {@code b[at]}, or -1 when either byte is not a digit. */
    private static int twoDigits(byte[] b, int at) {
        int high = b[at] - '0';
        int low = b[at + 1] - '0';
        if (high < 0 || high > 9 || low < 0 || low > 9) {
            return -1;
        }
        return high * 10 + low;
    }

    private Timestamps() {
    }
}
