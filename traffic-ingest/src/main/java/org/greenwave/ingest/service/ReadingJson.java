package org.greenwave.ingest.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.contracts.traffic.DetectorReading;

/**
 * Writes validated readings as JSON, byte for byte what {@link Json#toBytes} writes for the same record (a unit
 * test holds it to that), at a fraction of the cost: no generator per record, ids copied as ASCII (the validator
 * admits nothing else), instants formatted without {@code DateTimeFormatter}, and the tail that is the same for a
 * whole batch ({@code receivedAt}, {@code source}) rendered once per batch.
 */
final class ReadingJson {

    /** The end of every record of one batch: {@code ,"receivedAt":"...","source":"..."}}. */
    static byte[] tail(Instant receivedAt, String source) {
        StringBuilder sb = new StringBuilder(64).append(",\"receivedAt\":\"");
        instant(sb, receivedAt);
        return sb.append("\",\"source\":\"").append(source).append("\"}").toString()
                .getBytes(StandardCharsets.US_ASCII);
    }

    // what a detector record holds between its values (shared: never to be written to)
    static final byte[] INTERSECTION = bytes("{\"intersectionId\":\"");
    static final byte[] DETECTOR = bytes("\",\"detectorId\":\"");
    static final byte[] TIMESTAMP = bytes("\",\"timestamp\":\"");
    static final byte[] COUNT = bytes("\",\"vehicleCount\":");
    static final byte[] OCCUPANCY = bytes(",\"occupancy\":");
    static final byte[] HALTING = bytes(",\"haltingVehicles\":");

    static byte[] detector(DetectorReading r, byte[] tail) {
        if (!ascii(r.intersectionId()) || !ascii(r.detectorId())) {
            return Json.toBytes(r);
        }
        Out out = Out.scratch();
        out.raw(INTERSECTION).ascii(r.intersectionId())
                .raw(DETECTOR).ascii(r.detectorId())
                .raw(TIMESTAMP).instant(r.timestamp())
                .raw(COUNT).integer(r.vehicleCount())
                .raw(OCCUPANCY).fraction(r.occupancy());
        if (r.haltingVehicles() != null) {
            out.raw(HALTING).integer(r.haltingVehicles());
        }
        return out.bytes(tail);
    }

    static byte[] parking(OccupancyReading r, byte[] tail) {
        if (!ascii(r.carParkId())) {
            return Json.toBytes(r);
        }
        Out out = Out.scratch();
        out.ascii("{\"carParkId\":\"").ascii(r.carParkId())
                .ascii("\",\"timestamp\":\"").instant(r.timestamp())
                .ascii("\",\"capacity\":").integer(r.capacity())
                .ascii(",\"occupied\":").integer(r.occupied());
        return out.bytes(tail);
    }

    /** Only the id alphabet (and nothing that JSON would escape) takes the fast path. */
    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** {@link Instant#toString()} of {@code t} as ASCII bytes, as a record holds it. */
    static byte[] instantText(Instant t) {
        Out out = Out.scratch();
        out.instant(t);
        return Arrays.copyOf(out.buf, out.len);
    }

    /** ISO-8601 in UTC exactly as {@link Instant#toString()}: fractions in groups of 3 digits, only when non-zero. */
    static void instant(StringBuilder sb, Instant t) {
        Out out = new Out(40);
        out.instant(t);
        sb.append(new String(out.buf, 0, out.len, StandardCharsets.US_ASCII));
    }

    private static byte[] bytes(String constant) {
        return constant.getBytes(StandardCharsets.US_ASCII);
    }

    /** The date part of the last day written ({@code yyyy-MM-dd}): readings of one batch nearly all share it. */
    private record Day(long epochDay, byte[] text) {
    }

    private static volatile Day lastDay = new Day(Long.MIN_VALUE, new byte[0]);

    /** The last instant written whole: the readings of one batch mostly share their timestamp. */
    private record Written(long seconds, int nanos, byte[] text) {
    }

    private static volatile Written lastInstant = new Written(Long.MIN_VALUE, 0, new byte[0]);

    /**
     * Occupancy texts by the double's bits, direct-mapped: {@link Double#toString} is costly, and a detector's
     * occupancy takes few distinct values (devices report it to two or three decimals). Entries are immutable, so a
     * racing reader sees a whole one or none.
     */
    private record Fraction(long bits, byte[] text) {
    }

    private static final Fraction[] FRACTIONS = new Fraction[2048];

    /** {@link Double#toString} of {@code d} as ASCII bytes (shared: never to be written to). */
    static byte[] fractionText(double d) {
        long bits = Double.doubleToRawLongBits(d);
        int slot = (int) ((bits * 0x9E37_79B9_7F4A_7C15L) >>> 53); // the top 11 bits: 2048 slots
        Fraction known = FRACTIONS[slot];
        if (known == null || known.bits() != bits) {
            known = new Fraction(bits, bytes(Double.toString(d)));
            FRACTIONS[slot] = known;
        }
        return known.text();
    }

    private static final class Out {
        /** Each thread's buffer for a record being written: only its exact copy is allocated per record. */
        private static final ThreadLocal<Out> SCRATCH = ThreadLocal.withInitial(() -> new Out(512));

        byte[] buf;
        int len;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        static Out scratch() {
            Out out = SCRATCH.get();
            out.len = 0;
            return out;
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        Out raw(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, len, bytes.length);
            len += bytes.length;
            return this;
        }

        /** As Jackson writes a double: {@link Double#toString}. */
        Out fraction(double d) {
            return raw(fractionText(d));
        }

        @SuppressWarnings("deprecation") // the one copy of a String's low bytes without an array of its own
        Out ascii(String s) {
            int n = s.length();
            ensure(n);
            s.getBytes(0, n, buf, len);
            len += n;
            return this;
        }

        Out integer(int v) {
            if (v >= 0 && v < 10) {
                ensure(1);
                buf[len++] = (byte) ('0' + v);
                return this;
            }
            return ascii(Integer.toString(v));
        }

        private void digits(int v, int n) {
            for (int i = n - 1; i >= 0; i--) {
                buf[len + i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            len += n;
        }

        Out instant(Instant t) {
            Written last = lastInstant;
            if (last.seconds() == t.getEpochSecond() && last.nanos() == t.getNano()) {
                return raw(last.text());
            }
            int start = len;
            instantText(t);
            lastInstant = new Written(t.getEpochSecond(), t.getNano(), Arrays.copyOfRange(buf, start, len));
            return this;
        }

        private Out instantText(Instant t) {
            long seconds = t.getEpochSecond();
            long days = Math.floorDiv(seconds, 86_400);
            int secOfDay = (int) Math.floorMod(seconds, 86_400);
            Day day = lastDay;
            if (day.epochDay() != days) {
                LocalDate date = LocalDate.ofEpochDay(days);
                if (date.getYear() < 1000 || date.getYear() > 9999) {
                    return ascii(t.toString());
                }
                day = new Day(days, date.toString().getBytes(StandardCharsets.US_ASCII));
                lastDay = day;
            }
            ensure(30);
            System.arraycopy(day.text(), 0, buf, len, 10);
            len += 10;
            buf[len++] = 'T';
            digits(secOfDay / 3600, 2);
            buf[len++] = ':';
            digits(secOfDay / 60 % 60, 2);
            buf[len++] = ':';
            digits(secOfDay % 60, 2);
            int nanos = t.getNano();
            if (nanos > 0) {
                buf[len++] = '.';
                if (nanos % 1_000_000 == 0) {
                    digits(nanos / 1_000_000, 3);
                } else if (nanos % 1000 == 0) {
                    digits(nanos / 1000, 6);
                } else {
                    digits(nanos, 9);
                }
            }
            buf[len++] = 'Z';
            return this;
        }

        byte[] bytes(byte[] tail) {
            byte[] out = Arrays.copyOf(buf, len + tail.length);
            System.arraycopy(tail, 0, out, len, tail.length);
            return out;
        }
    }

    private ReadingJson() {
    }
}
