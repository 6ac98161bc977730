package org.greenwave.ingest.service;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * Parses device timestamps: ISO-8601 with offset. The common shapes ({@code 2026-11-28T07:00:01Z},
 * {@code 2026-11-28T07:00:01.250+01:00}) take a hand-written fast path, because {@link OffsetDateTime#parse} costs
 * about a microsecond per reading at ingest rates; anything else falls back to it, so both accept the same strings.
 */
final class Timestamps {

    /** The last valid date read ({@code yyyy-MM-dd}): the readings of a batch nearly all share it. */
    private record Day(byte[] text, long epochDay) {
    }

    private static volatile Day lastDay = new Day(new byte[10], Long.MIN_VALUE);

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
        int n = to - from;
        if (n < 20 || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T' || b[from + 13] != ':'
                || b[from + 16] != ':') {
            return null;
        }
        int year = digits(b, from, 4);
        int month = digits(b, from + 5, 2);
        int day = digits(b, from + 8, 2);
        int hour = digits(b, from + 11, 2);
        int minute = digits(b, from + 14, 2);
        int second = digits(b, from + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = from + 19;
        int nanos = 0;
        if (b[i] == '.') {
            int start = ++i;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            int len = i - start;
            if (len < 1 || len > 9) {
                return null;
            }
            nanos = digits(b, start, len);
            for (int k = len; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == to - 1 && b[i] == 'Z') {
            offsetSeconds = 0;
        } else if (i == to - 6 && (b[i] == '+' || b[i] == '-') && b[i + 3] == ':') {
            int oh = digits(b, i + 1, 2);
            int om = digits(b, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (b[i] == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochDay;
        Day last = lastDay;
        if (Arrays.equals(b, from, from + 10, last.text(), 0, 10)) {
            epochDay = last.epochDay();
        } else {
            try {
                epochDay = LocalDate.of(year, month, day).toEpochDay();
            } catch (DateTimeException e) {
                return null; // e.g. 30 February: let the slow path produce the same rejection
            }
            lastDay = new Day(Arrays.copyOfRange(b, from, from + 10), epochDay);
        }
        long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The decimal number in b[from, from+len), or -1 when a byte is not a digit. */
    private static int digits(byte[] b, int from, int len) {
        int value = 0;
        for (int i = from; i < from + len; i++) {
            int c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private Timestamps() {
    }
}
