package org.greenwave.ingest.service;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.ingest.service.ReadingValidator.Outcome;

/**
 * The common case of a detector body read in one pass over its bytes: a JSON array of items that are plainly valid
 * (the five or six known fields once each, ids of the id alphabet without escapes, an ISO-8601 or epoch-millisecond
 * timestamp within the accepted window, plain decimal numbers in range). It yields exactly what
 * {@link ReadingValidator} yields for such items (a differential test holds it to that), without a JSON parser,
 * token objects or number parsing through text: at ingest rates the general parser is most of the work.
 *
 * <p>It declines a body as soon as anything is not plain (whitespace is fine): an invalid item, an unknown field, an
 * escape, an exponent, a {@code null}. The caller then reads the whole body with the general validator, which names
 * every problem. On the way it can look each item's detector up by the bytes of its id ({@link DetectorIndex}) and
 * write each item's record from its bytes (copied whole where the item is written the way its record begins). Plain
 * Java; one reader per body.
 */
final class PlainDetectorBatch {

    /** Digits of a plain decimal occupancy: below 2^53, so that digits / 10^k is the correctly rounded double. */
    private static final int MAX_FRACTION_DIGITS = 15;
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15};

    // field bits, as the validator's
    private static final int INTERSECTION = 1;
    private static final int DETECTOR = 2;
    private static final int TIMESTAMP = 4;
    private static final int COUNT = 8;
    private static final int OCCUPANCY = 16;
    private static final int HALTING = 32;
    private static final int REQUIRED = INTERSECTION | DETECTOR | TIMESTAMP | COUNT | OCCUPANCY;

    /** Each field's name and closing quote, by the number of its bit. */
    private static final Literal[] QUOTED_NAMES = {new Literal("intersectionId\""), new Literal("detectorId\""),
            new Literal("timestamp\""), new Literal("vehicleCount\""), new Literal("occupancy\""),
            new Literal("haltingVehicles\"")};

    // the contract's layout of an item (SPEC, and how ReadingJson writes a record): what lies between the values
    private static final Literal BEFORE_INTERSECTION = new Literal("{\"intersectionId\":");
    private static final Literal BEFORE_DETECTOR = new Literal(",\"detectorId\":");
    private static final Literal BEFORE_TIMESTAMP = new Literal(",\"timestamp\":");
    private static final Literal BEFORE_COUNT = new Literal(",\"vehicleCount\":");
    private static final Literal BEFORE_OCCUPANCY = new Literal(",\"occupancy\":");
    private static final Literal BEFORE_HALTING = new Literal(",\"haltingVehicles\":");

    private final long earliestMillis;
    private final long latestMillis;
    private final int maxItems;
    private final Instant now;
    private final String source;
    private final DetectorIndex index;
    /** The end of every record of this body ({@link ReadingJson#tail}); null: records are not written here. */
    private final byte[] tail;

    private final byte[] b;
    private int pos;

    // the item being read: the ids as byte ranges of the body (and the detector id's hash) until the item is whole
    private int intersectionFrom;
    private int intersectionTo;
    private int detectorFrom;
    private int detectorTo;
    private int detectorHash;
    // the other values' bytes, and whether they are written as the record writes them, for an item's record
    private int timestampFrom;
    private int timestampTo;
    private boolean timestampAsJava;
    private int countFrom;
    private int countTo;
    private int occupancyFrom;
    private int occupancyTo;
    private boolean occupancyAsJava;
    private int haltingFrom;
    private int haltingTo;
    private String intersectionId;
    private String detectorId;
    private Instant timestamp;
    private int count;
    private double occupancy;
    private int halting;
    /**
     * Whether the item is written exactly as the record of it begins (fields in the contract's order, no whitespace,
     * the timestamp and numbers as Java writes them): then the record is the item's bytes and the tail.
     */
    private boolean canonical;

    private PlainDetectorBatch(byte[] body, Instant now, String source, long earliestMillis, long latestMillis,
                               int maxItems, DetectorIndex index, byte[] tail) {
        this.b = body;
        this.index = index;
        this.tail = tail;
        this.now = now;
        this.source = source;
        this.earliestMillis = earliestMillis;
        this.latestMillis = latestMillis;
        this.maxItems = maxItems;
    }

    /**
     * Reads every item of {@code body} into {@code outcomes} (and each item's byte range {@code [from, to)} into
     * {@code spans}) when the whole body is plain; returns false, with both lists cleared, when it is not.
     *
     * @param earliestMillis the oldest timestamp accepted (now - max age), epoch millis
     * @param latestMillis   the newest timestamp accepted (now + max future skew), epoch millis
     */
    static boolean read(byte[] body, Instant now, String source, long earliestMillis, long latestMillis,
                        int maxItems, List<Outcome<?>> outcomes, List<long[]> spans) {
        return read(body, now, source, earliestMillis, latestMillis, maxItems, null, outcomes, spans, null, null,
                null);
    }

    /**
     * As {@link #read(byte[], Instant, String, long, long, int, List, List)}, and each item's detector into
     * {@code devices} when {@code index} knows it under the item's intersection (else null): its readings then
     * carry the detector's own id strings. With {@code tail} and {@code records}, each item's record value too: the
     * item's bytes and the tail where the item is written as its record begins, else its values' bytes put in the
     * contract's order (the timestamp and occupancy written as Java writes them where they are not).
     */
    static boolean read(byte[] body, Instant now, String source, long earliestMillis, long latestMillis,
                        int maxItems, DetectorIndex index, List<Outcome<?>> outcomes, List<long[]> spans,
                        List<DeviceState> devices, byte[] tail, List<byte[]> records) {
        PlainDetectorBatch reader = new PlainDetectorBatch(body, now, source, earliestMillis, latestMillis, maxItems,
                index, records == null ? null : tail);
        if (reader.items(outcomes, spans, devices, records)) {
            return true;
        }
        outcomes.clear();
        spans.clear();
        if (devices != null) {
            devices.clear();
        }
        if (records != null) {
            records.clear();
        }
        return false;
    }

    private boolean items(List<Outcome<?>> outcomes, List<long[]> spans, List<DeviceState> devices,
                          List<byte[]> records) {
        skipWhitespace();
        if (!take('[')) {
            return false;
        }
        skipWhitespace();
        if (pos < b.length && b[pos] == ']') {
            return false; // an empty batch: the validator's answer
        }
        while (true) {
            if (outcomes.size() == maxItems) {
                return false; // the validator answers 413
            }
            int from = pos;
            if (!laidOutItem()) {
                pos = from;
                if (!item()) {
                    return false;
                }
            }
            DeviceState device = index == null ? null : index.find(b, detectorFrom, detectorTo, detectorHash);
            if (device != null && device.parentIs(b, intersectionFrom, intersectionTo)) {
                intersectionId = device.parentId();
                detectorId = device.id();
            } else {
                device = null;
                intersectionId = new String(b, intersectionFrom, intersectionTo - intersectionFrom,
                        StandardCharsets.ISO_8859_1);
                detectorId = new String(b, detectorFrom, detectorTo - detectorFrom, StandardCharsets.ISO_8859_1);
            }
            if (devices != null) {
                devices.add(device);
            }
            if (records != null) {
                records.add(canonical ? record(from, pos) : assembled());
            }
            outcomes.add(new Outcome<>(new DetectorReading(intersectionId, detectorId, timestamp, count, occupancy,
                    halting < 0 ? null : halting, now, source), List.of(), intersectionId));
            spans.add(new long[] {from, pos});
            skipWhitespace();
            if (take(',')) {
                skipWhitespace();
                continue;
            }
            if (!take(']')) {
                return false;
            }
            skipWhitespace();
            return pos == b.length;
        }
    }

    /**
     * One object laid out as the contract writes it (its fields in that order, no whitespace), the way nearly every
     * device sends them: the names are compared as a few machine words at once. False when it is laid out otherwise
     * or is not plain; then {@link #item} reads it again from its start.
     */
    private boolean laidOutItem() {
        halting = -1;
        canonical = tail != null;
        if (!BEFORE_INTERSECTION.skip(this)) {
            return false;
        }
        intersectionFrom = pos + 1;
        intersectionTo = id();
        if (intersectionTo < 0 || !BEFORE_DETECTOR.skip(this)) {
            return false;
        }
        detectorFrom = pos + 1;
        detectorTo = id();
        if (detectorTo < 0) {
            return false;
        }
        detectorHash = DetectorIndex.hash(b, detectorFrom, detectorTo);
        if (!BEFORE_TIMESTAMP.skip(this) || !timestamp() || !BEFORE_COUNT.skip(this) || !count()
                || !BEFORE_OCCUPANCY.skip(this) || !occupancy()) {
            return false;
        }
        if (BEFORE_HALTING.skip(this) && !halting()) {
            return false;
        }
        return take('}');
    }

    /** One object; leaves {@code pos} after its closing brace. */
    private boolean item() {
        if (!take('{')) {
            return false;
        }
        int seen = 0;
        halting = -1;
        canonical = tail != null;
        while (true) {
            skipWhitespaceInItem();
            int field = name();
            if (field == 0 || (seen & field) != 0) {
                return false;
            }
            canonical &= field > seen; // the contract's order is the order of the bits
            seen |= field;
            skipWhitespaceInItem();
            if (!take(':')) {
                return false;
            }
            skipWhitespaceInItem();
            boolean ok = switch (field) {
                case INTERSECTION -> {
                    intersectionFrom = pos + 1;
                    intersectionTo = id();
                    yield intersectionTo > 0;
                }
                case DETECTOR -> {
                    detectorFrom = pos + 1;
                    detectorTo = id();
                    detectorHash = DetectorIndex.hash(b, detectorFrom, detectorTo);
                    yield detectorTo > 0;
                }
                case TIMESTAMP -> timestamp();
                case COUNT -> count();
                case OCCUPANCY -> occupancy();
                default -> halting();
            };
            if (!ok) {
                return false;
            }
            skipWhitespaceInItem();
            if (take(',')) {
                continue;
            }
            return take('}') && (seen & REQUIRED) == REQUIRED;
        }
    }

    private void skipWhitespaceInItem() {
        if (pos < b.length && b[pos] > ' ') {
            return; // the common case: none
        }
        int start = pos;
        skipWhitespace();
        canonical &= pos == start;
    }

    /** The record of the canonical item {@code b[from, to)}: its bytes without the closing brace, then the tail. */
    private byte[] record(int from, int to) {
        int n = to - 1 - from;
        byte[] value = new byte[n + tail.length];
        System.arraycopy(b, from, value, 0, n);
        System.arraycopy(tail, 0, value, n, tail.length);
        return value;
    }

    /**
     * The record of an item written otherwise (fields in another order, whitespace, epoch milliseconds, an occupancy
     * such as {@code 1}): its values' bytes in the contract's order where they are written as the record writes them
     * (ids and counts always are), the timestamp and occupancy as Java writes them where not, then the tail.
     */
    private byte[] assembled() {
        byte[] ts = timestampAsJava ? null : ReadingJson.instantText(timestamp);
        byte[] occ = occupancyAsJava ? null : ReadingJson.fractionText(occupancy);
        int n = ReadingJson.INTERSECTION.length + intersectionTo - intersectionFrom
                + ReadingJson.DETECTOR.length + detectorTo - detectorFrom
                + ReadingJson.TIMESTAMP.length + (ts == null ? timestampTo - timestampFrom : ts.length)
                + ReadingJson.COUNT.length + countTo - countFrom
                + ReadingJson.OCCUPANCY.length + (occ == null ? occupancyTo - occupancyFrom : occ.length)
                + (halting < 0 ? 0 : ReadingJson.HALTING.length + haltingTo - haltingFrom)
                + tail.length;
        byte[] value = new byte[n];
        int at = put(value, 0, ReadingJson.INTERSECTION, 0, ReadingJson.INTERSECTION.length);
        at = put(value, at, b, intersectionFrom, intersectionTo);
        at = put(value, at, ReadingJson.DETECTOR, 0, ReadingJson.DETECTOR.length);
        at = put(value, at, b, detectorFrom, detectorTo);
        at = put(value, at, ReadingJson.TIMESTAMP, 0, ReadingJson.TIMESTAMP.length);
        at = ts == null ? put(value, at, b, timestampFrom, timestampTo) : put(value, at, ts, 0, ts.length);
        at = put(value, at, ReadingJson.COUNT, 0, ReadingJson.COUNT.length);
        at = put(value, at, b, countFrom, countTo);
        at = put(value, at, ReadingJson.OCCUPANCY, 0, ReadingJson.OCCUPANCY.length);
        at = occ == null ? put(value, at, b, occupancyFrom, occupancyTo) : put(value, at, occ, 0, occ.length);
        if (halting >= 0) {
            at = put(value, at, ReadingJson.HALTING, 0, ReadingJson.HALTING.length);
            at = put(value, at, b, haltingFrom, haltingTo);
        }
        put(value, at, tail, 0, tail.length);
        return value;
    }

    private static int put(byte[] into, int at, byte[] from, int start, int end) {
        System.arraycopy(from, start, into, at, end - start);
        return at + end - start;
    }

    /** The bit of the quoted field name at {@code pos}, 0 for anything else. */
    private int name() {
        if (!take('"') || pos >= b.length) {
            return 0;
        }
        // the six names begin with six different letters: one comparison of words decides
        int field = switch (b[pos]) {
            case 'i' -> INTERSECTION;
            case 'd' -> DETECTOR;
            case 't' -> TIMESTAMP;
            case 'v' -> COUNT;
            case 'o' -> OCCUPANCY;
            case 'h' -> HALTING;
            default -> 0;
        };
        return field != 0 && QUOTED_NAMES[Integer.numberOfTrailingZeros(field)].skip(this) ? field : 0;
    }

    /**
     * A quoted id of the id alphabet, 1-128 characters: the end of its characters in the body (they begin after the
     * opening quote), or -1 when it is anything else.
     */
    private int id() {
        if (!take('"')) {
            return -1;
        }
        int start = pos;
        while (pos < b.length) {
            int c = b[pos];
            if (c == '"') {
                break;
            }
            if (!ReadingValidator.idChar(c) || pos - start == ReadingValidator.MAX_ID_LENGTH) {
                return -1;
            }
            pos++;
        }
        if (pos == b.length || pos == start) {
            return -1;
        }
        return pos++;
    }

    private boolean timestamp() {
        Instant t;
        if (pos < b.length && b[pos] == '"') {
            int start = ++pos;
            while (pos < b.length && b[pos] != '"') {
                if (b[pos] == '\\') {
                    return false;
                }
                pos++;
            }
            if (pos == b.length) {
                return false;
            }
            t = Timestamps.fast(b, start, pos++);
            if (t == null) {
                return false;
            }
            timestampFrom = start;
            timestampTo = pos - 1;
            timestampAsJava = isoAsJavaWritesIt(pos - 1 - start, b[pos - 2], t.getNano());
            canonical &= timestampAsJava;
        } else {
            long millis = digits(16);
            // below the hint, the validator suspects seconds and says so
            if (millis < ReadingValidator.EPOCH_SECONDS_HINT || endsNumberBadly()) {
                return false;
            }
            t = Instant.ofEpochMilli(millis);
            timestampAsJava = false; // the record holds it as ISO-8601 text
            canonical = false;
        }
        // inside the window by whole milliseconds on both sides: the validator's own comparisons decide the edges
        long millis = t.getEpochSecond() * 1000 + t.getNano() / 1_000_000;
        if (millis <= earliestMillis || millis >= latestMillis) {
            return false;
        }
        timestamp = t;
        return true;
    }

    /**
     * Whether ISO text of {@code length} characters ending in {@code last} is {@link Instant#toString} of its
     * instant: UTC ('Z'), and the fraction in the one group of 3, 6 or 9 digits Java writes for those nanoseconds.
     */
    private static boolean isoAsJavaWritesIt(int length, byte last, int nanos) {
        if (last != 'Z') {
            return false;
        }
        return switch (length) {
            case 20 -> nanos == 0;
            case 24 -> nanos != 0 && nanos % 1_000_000 == 0;
            case 27 -> nanos % 1_000_000 != 0 && nanos % 1000 == 0;
            case 30 -> nanos % 1000 != 0;
            default -> false;
        };
    }

    /** The vehicle count (see {@link #plainCount}). */
    private boolean count() {
        countFrom = pos;
        count = plainCount();
        countTo = pos;
        return count >= 0;
    }

    /** The halting vehicles (see {@link #plainCount}). */
    private boolean halting() {
        haltingFrom = pos;
        halting = plainCount();
        haltingTo = pos;
        return halting >= 0;
    }

    /** A plain count of 0-10,000 (no sign, no leading zero, no fraction: as Java writes it), or -1. */
    private int plainCount() {
        long v = digits(5);
        return v < 0 || v > ReadingValidator.MAX_COUNT || endsNumberBadly() ? -1 : (int) v;
    }

    /** 0 or 1, or 0.ddd / 1.000 with up to 14 decimals; the double exactly as a JSON parser reads it. */
    private boolean occupancy() {
        if (pos >= b.length || (b[pos] != '0' && b[pos] != '1')) {
            return false;
        }
        int start = pos;
        long mantissa = b[pos++] - '0';
        int decimals = 0;
        if (pos < b.length && b[pos] == '.') {
            pos++;
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                if (++decimals == MAX_FRACTION_DIGITS) {
                    return false;
                }
                mantissa = mantissa * 10 + (b[pos++] - '0');
            }
            if (decimals == 0) {
                return false;
            }
        }
        if (endsNumberBadly()) {
            return false;
        }
        // mantissa < 2^53 and 10^decimals exact: one correctly rounded division, the same double as parseDouble
        double d = mantissa / POWERS_OF_TEN[decimals];
        if (d > 1) {
            return false;
        }
        occupancy = d;
        occupancyFrom = start;
        occupancyTo = pos;
        if (tail != null) {
            byte[] text = ReadingJson.fractionText(d);
            occupancyAsJava = text.length == pos - start && Arrays.equals(text, 0, text.length, b, start, pos);
            canonical &= occupancyAsJava;
        }
        return true;
    }

    /** An unsigned decimal integer of 1 to {@code maxDigits} digits without a leading zero, or -1. */
    private long digits(int maxDigits) {
        int start = pos;
        long v = 0;
        while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
            if (pos - start == maxDigits) {
                return -1;
            }
            v = v * 10 + (b[pos++] - '0');
        }
        int len = pos - start;
        if (len == 0 || (len > 1 && b[start] == '0')) {
            return -1;
        }
        return v;
    }

    /** A number followed by a fraction, exponent or digit the plain forms do not allow. */
    private boolean endsNumberBadly() {
        if (pos >= b.length) {
            return true;
        }
        int c = b[pos];
        return c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9');
    }

    private boolean take(char c) {
        if (pos < b.length && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (pos < b.length) {
            int c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    /** Bytes the contract's layout puts between two values, compared as two or three little-endian longs. */
    private static final class Literal {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.LITTLE_ENDIAN);

        private final int length;
        private final long head;
        private final long middle;
        private final long last;

        /** {@code text}: 8 to 24 ASCII characters. */
        Literal(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length < 8 || bytes.length > 24) {
                throw new IllegalArgumentException(text);
            }
            length = bytes.length;
            head = (long) LONGS.get(bytes, 0);
            middle = length > 16 ? (long) LONGS.get(bytes, 8) : head;
            last = (long) LONGS.get(bytes, length - 8);
        }

        /** Moves the reader past these bytes when they come next; else leaves it where it is. */
        boolean skip(PlainDetectorBatch r) {
            byte[] b = r.b;
            int at = r.pos;
            if (at > b.length - length || (long) LONGS.get(b, at) != head
                    || (long) LONGS.get(b, at + length - 8) != last
                    || (length > 16 && (long) LONGS.get(b, at + 8) != middle)) {
                return false;
            }
            r.pos = at + length;
            return true;
        }
    }
}
