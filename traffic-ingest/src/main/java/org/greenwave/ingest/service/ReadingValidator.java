package org.greenwave.ingest.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.contracts.traffic.DetectorReading;

/**
 * Validates field-device input item by item (the rules are written down in this module's README). It reads each
 * item straight off a streaming JSON parser, without building a tree: one pass, every problem of an item reported
 * at once. Plain Java, no framework types, so every rule is unit-testable in milliseconds.
 *
 * <p>The registry (unknown ids) and duplicate checks come after this one, in {@link IngestService}: they need
 * state, this class does not.
 */
public final class ReadingValidator {

    /** The parser settings used for device input: strict JSON, byte offsets available for dead letters. */
    public static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    static final int MAX_COUNT = 10_000;
    static final int MAX_CAPACITY = 100_000;
    static final int MAX_OCCUPIED = 2 * MAX_CAPACITY;
    /** Below this, an epoch-milliseconds timestamp is before 1973: most likely seconds were sent. */
    static final long EPOCH_SECONDS_HINT = 100_000_000_000L;
    /** The longest id. */
    static final int MAX_ID_LENGTH = 128;

    /** One thing wrong with an item. */
    public record Problem(String field, Reason reason, String message) {
        @Override
        public String toString() {
            return field == null ? message : field + ": " + message;
        }
    }

    /**
     * The result of validating one item: the reading, or what is wrong with it.
     *
     * @param key the id the item names (intersectionId or carParkId) when it is a valid id, else null: the key of
     *            its dead letter when the item came without one (HTTP)
     */
    public record Outcome<T>(T value, List<Problem> problems, String key) {
        public boolean valid() {
            return problems.isEmpty();
        }

        /** All problems as one line, for the dead-letter header. */
        public String reason() {
            return String.join("; ", problems.stream().map(Problem::toString).toList());
        }

        /** The code of the first problem, for metrics. */
        public Reason code() {
            return problems.isEmpty() ? null : problems.get(0).reason();
        }

        public static <T> Outcome<T> rejected(Problem problem) {
            return new Outcome<>(null, List.of(problem), null);
        }
    }

    private final Duration maxFutureSkew;
    private final Duration maxAge;
    private final double overCapacityFactor;

    /**
     * @param maxFutureSkew      how far ahead of our clock a device's timestamp may be (clock drift)
     * @param maxAge             how old a reading may be when it arrives (late data beyond it is rejected)
     * @param overCapacityFactor a car park may report up to this many times its capacity as occupied
     */
    public ReadingValidator(Duration maxFutureSkew, Duration maxAge, double overCapacityFactor) {
        this.maxFutureSkew = maxFutureSkew;
        this.maxAge = maxAge;
        this.overCapacityFactor = overCapacityFactor;
    }

    /** Validates one detector item; the parser's current token is the item's first token; leaves it on its last. */
    public Outcome<DetectorReading> detector(JsonParser p, Instant now, String source) throws IOException {
        Item item = read(p, now, DETECTOR);
        if (item.problems != null) {
            return new Outcome<>(null, List.copyOf(item.problems), item.id1);
        }
        return new Outcome<>(new DetectorReading(item.id1, item.id2, item.timestamp, item.int1, item.fraction,
                item.has(HALTING) ? item.int2 : null, now, source), List.of(), item.id1);
    }

    /** Validates one car-park item; the parser's current token is the item's first token; leaves it on its last. */
    public Outcome<OccupancyReading> parking(JsonParser p, Instant now, String source) throws IOException {
        Item item = read(p, now, PARKING);
        // checked whenever both numbers are valid, so that an item with other problems too names all of them
        if (item.has(INT1) && item.has(INT2) && item.int2 > overCapacityFactor * item.int1) {
            item.problem("occupied", Reason.IMPLAUSIBLE, item.int2 + " is more than " + overCapacityFactor
                    + " times the capacity of " + item.int1 + " (counter broken?)");
        }
        if (item.problems != null) {
            return new Outcome<>(null, List.copyOf(item.problems), item.id1);
        }
        return new Outcome<>(new OccupancyReading(item.id1, item.timestamp, item.int1, item.int2, now, source),
                List.of(), item.id1);
    }

    /** Validates a whole JSON document holding one detector item (a record of {@code field.detector-readings}). */
    public Outcome<DetectorReading> detector(byte[] json, Instant now, String source) {
        return document(json, p -> detector(p, now, source));
    }

    /** Validates a whole JSON document holding one car-park item (a record of {@code field.parking-occupancy}). */
    public Outcome<OccupancyReading> parking(byte[] json, Instant now, String source) {
        return document(json, p -> parking(p, now, source));
    }

    private interface ItemReader<T> {
        Outcome<T> read(JsonParser p) throws IOException;
    }

    private static <T> Outcome<T> document(byte[] json, ItemReader<T> reader) {
        if (json == null || json.length == 0) {
            return Outcome.rejected(new Problem(null, Reason.NOT_JSON, "empty record"));
        }
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() == null) {
                return Outcome.rejected(new Problem(null, Reason.NOT_JSON, "not valid JSON"));
            }
            Outcome<T> outcome = reader.read(p);
            if (p.nextToken() != null) {
                return Outcome.rejected(new Problem(null, Reason.NOT_JSON, "not valid JSON"));
            }
            return outcome;
        } catch (IOException e) {
            return Outcome.rejected(new Problem(null, Reason.NOT_JSON, "not valid JSON"));
        }
    }

    // ------------------------------------------------------------------ one pass over an item's fields

    private static final int DETECTOR = 0;
    private static final int PARKING = 1;

    // field bits
    private static final int ID1 = 1;        // intersectionId | carParkId
    private static final int ID2 = 2;        // detectorId
    private static final int TIMESTAMP = 4;
    private static final int INT1 = 8;       // vehicleCount | capacity
    private static final int FRACTION = 16;  // occupancy
    private static final int HALTING = 32;   // haltingVehicles (int2 of a detector)
    private static final int INT2 = 64;      // occupied (int2 of a car park)

    /** What was read of one item so far. */
    private static final class Item {
        int seen;
        int present;
        String id1;
        String id2;
        Instant timestamp;
        int int1;
        int int2;
        double fraction;
        int nulls;
        List<Problem> problems;

        void markNull(int bit) {
            nulls |= bit;
        }

        boolean nullValue(int bit) {
            return (nulls & bit) != 0;
        }

        boolean has(int bit) {
            return (present & bit) != 0;
        }

        void problem(String field, Reason reason, String message) {
            if (problems == null) {
                problems = new ArrayList<>(2);
            }
            problems.add(new Problem(field, reason, message));
        }
    }

    private static int bit(int kind, String name) {
        if (kind == DETECTOR) {
            return switch (name) {
                case "intersectionId" -> ID1;
                case "detectorId" -> ID2;
                case "timestamp" -> TIMESTAMP;
                case "vehicleCount" -> INT1;
                case "occupancy" -> FRACTION;
                case "haltingVehicles" -> HALTING;
                default -> 0;
            };
        }
        return switch (name) {
            case "carParkId" -> ID1;
            case "timestamp" -> TIMESTAMP;
            case "capacity" -> INT1;
            case "occupied" -> INT2;
            default -> 0;
        };
    }

    private Item read(JsonParser p, Instant now, int kind) throws IOException {
        Item item = new Item();
        JsonToken token = p.currentToken();
        if (token != JsonToken.START_OBJECT) {
            p.skipChildren();
            item.problem(null, Reason.NOT_AN_OBJECT, "item must be a JSON object");
            return item;
        }
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            int bit = bit(kind, name);
            if (bit == 0) {
                item.problem(truncate(name), Reason.UNKNOWN_FIELD, "unknown field");
                p.skipChildren();
                continue;
            }
            if ((item.seen & bit) != 0) {
                item.problem(name, Reason.DUPLICATE_FIELD, "appears more than once");
                p.skipChildren();
                continue;
            }
            item.seen |= bit;
            switch (bit) {
                case ID1 -> item.id1 = id(p, value, name, ID1, item);
                case ID2 -> item.id2 = id(p, value, name, ID2, item);
                case TIMESTAMP -> item.timestamp = timestamp(p, value, now, item);
                case INT1 -> item.int1 = integer(p, value, name, kind == DETECTOR ? 0 : 1,
                        kind == DETECTOR ? MAX_COUNT : MAX_CAPACITY, INT1, item);
                case FRACTION -> item.fraction = fraction(p, value, name, item);
                case HALTING -> item.int2 = integer(p, value, name, 0, MAX_COUNT, HALTING, item);
                case INT2 -> item.int2 = integer(p, value, name, 0, MAX_OCCUPIED, INT2, item);
                default -> throw new IllegalStateException("field bit " + bit);
            }
        }
        if (kind == DETECTOR) {
            required(item, ID1, "intersectionId");
            required(item, ID2, "detectorId");
            required(item, TIMESTAMP, "timestamp");
            required(item, INT1, "vehicleCount");
            required(item, FRACTION, "occupancy");
        } else {
            required(item, ID1, "carParkId");
            required(item, TIMESTAMP, "timestamp");
            required(item, INT1, "capacity");
            required(item, INT2, "occupied");
        }
        return item;
    }

    /** A field that was never given (or was null) is required; one given but wrong already has its problem. */
    private static void required(Item item, int bit, String field) {
        if ((item.present & bit) == 0 && ((item.seen & bit) == 0 || item.nullValue(bit))) {
            item.problem(field, Reason.REQUIRED, "required");
        }
    }

    private static String id(JsonParser p, JsonToken value, String field, int bit, Item item) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            item.markNull(bit);
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            p.skipChildren();
            item.problem(field, Reason.WRONG_TYPE, "must be a string");
            return null;
        }
        String text = p.getText();
        if (!validId(text)) {
            item.problem(field, Reason.BAD_ID, "must be 1-128 characters of letters, digits and _ . : # -");
            return null;
        }
        item.present |= bit;
        return text;
    }

    /** Ids: 1-128 letters, digits and {@code _ . : # -} (SUMO ids fit). */
    public static boolean validId(String s) {
        int n = s.length();
        if (n < 1 || n > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!idChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The id alphabet by character: letters, digits and {@code _ . : # -} (one load instead of nine comparisons). */
    private static final boolean[] ID_ALPHABET = new boolean[128];

    static {
        for (int c = 0; c < ID_ALPHABET.length; c++) {
            ID_ALPHABET[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == ':' || c == '#' || c == '-';
        }
    }

    /** Whether {@code c} is of the id alphabet: letters, digits and {@code _ . : # -}. */
    static boolean idChar(int c) {
        return c >= 0 && c < ID_ALPHABET.length && ID_ALPHABET[c];
    }

    private Instant timestamp(JsonParser p, JsonToken value, Instant now, Item item) throws IOException {
        Instant ts;
        if (value == JsonToken.VALUE_NULL) {
            item.markNull(TIMESTAMP);
            return null;
        } else if (value == JsonToken.VALUE_STRING) {
            ts = Timestamps.parseIsoWithOffset(p.getText());
            if (ts == null) {
                item.problem("timestamp", Reason.BAD_TIMESTAMP,
                        "must be ISO-8601 with offset (e.g. 2026-11-28T07:00:01Z) or epoch milliseconds");
                return null;
            }
        } else if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                && p.getLongValue() >= 0) {
            long millis = p.getLongValue();
            ts = Instant.ofEpochMilli(millis);
            if (millis < EPOCH_SECONDS_HINT && ts.isBefore(now.minus(maxAge))) {
                item.problem("timestamp", Reason.TOO_LATE, "older than " + maxAge.toSeconds()
                        + " s (too late); epoch seconds sent instead of milliseconds?");
                return null;
            }
        } else {
            p.skipChildren();
            item.problem("timestamp", Reason.BAD_TIMESTAMP,
                    "must be an ISO-8601 string with offset or epoch milliseconds");
            return null;
        }
        if (ts.isAfter(now.plus(maxFutureSkew))) {
            item.problem("timestamp", Reason.IN_FUTURE, "more than " + maxFutureSkew.toSeconds()
                    + " s in the future (device clock drift?)");
            return null;
        }
        if (ts.isBefore(now.minus(maxAge))) {
            item.problem("timestamp", Reason.TOO_LATE, "older than " + maxAge.toSeconds() + " s (too late)");
            return null;
        }
        item.present |= TIMESTAMP;
        return ts;
    }

    private static int integer(JsonParser p, JsonToken value, String field, int min, int max, int bit, Item item)
            throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            item.markNull(bit);
            return 0;
        }
        if (value != JsonToken.VALUE_NUMBER_INT) {
            p.skipChildren();
            item.problem(field, Reason.WRONG_TYPE, "must be an integer");
            return 0;
        }
        if (p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < min || p.getIntValue() > max) {
            item.problem(field, Reason.OUT_OF_RANGE, "must be between " + min + " and " + max);
            return 0;
        }
        item.present |= bit;
        return p.getIntValue();
    }

    private static double fraction(JsonParser p, JsonToken value, String field, Item item) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            item.markNull(FRACTION);
            return 0;
        }
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            p.skipChildren();
            item.problem(field, Reason.WRONG_TYPE, "must be a number");
            return 0;
        }
        double d = p.getDoubleValue();
        if (!Double.isFinite(d) || d < 0 || d > 1) {
            item.problem(field, Reason.OUT_OF_RANGE, "must be between 0 and 1");
            return 0;
        }
        item.present |= FRACTION;
        return d;
    }

    private static String truncate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
