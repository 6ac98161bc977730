package org.greenwave.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.contracts.traffic.DetectorReading;

/**
 * Validates field-device input item by item (rules in this module's README). Plain Java: no framework types,
 * so every rule is unit-testable in milliseconds.
 */
public final class ReadingValidator {

    /** Ids: 1-128 letters, digits and {@code _ . : # -} (SUMO ids fit). */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:#-]{1,128}");
    private static final Set<String> DETECTOR_FIELDS =
            Set.of("intersectionId", "detectorId", "timestamp", "vehicleCount", "occupancy", "haltingVehicles");
    private static final Set<String> PARKING_FIELDS = Set.of("carParkId", "timestamp", "capacity", "occupied");
    static final int MAX_COUNT = 10_000;
    static final int MAX_CAPACITY = 100_000;

    /** One thing wrong with an item. */
    public record Problem(String field, String reason) {
        @Override
        public String toString() {
            return field == null ? reason : field + ": " + reason;
        }
    }

    /** The result of validating one item: the reading, or what is wrong with it. */
    public record Outcome<T>(T value, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }

        /** All problems as one line, for the dead-letter header. */
        public String reason() {
            return String.join("; ", problems.stream().map(Problem::toString).toList());
        }
    }

    private final Duration maxFutureSkew;
    private final Duration maxAge;

    /**
     * @param maxFutureSkew how far ahead of our clock a device's timestamp may be (clock drift)
     * @param maxAge        how old a reading may be when it arrives (late data beyond it is rejected)
     */
    public ReadingValidator(Duration maxFutureSkew, Duration maxAge) {
        this.maxFutureSkew = maxFutureSkew;
        this.maxAge = maxAge;
    }

    public Outcome<DetectorReading> detector(JsonNode item, Instant now, String source) {
        List<Problem> problems = new ArrayList<>();
        if (item == null || !item.isObject()) {
            return new Outcome<>(null, List.of(new Problem(null, "item must be a JSON object")));
        }
        unknownFields(item, DETECTOR_FIELDS, problems);
        String intersectionId = id(item, "intersectionId", problems);
        String detectorId = id(item, "detectorId", problems);
        Instant timestamp = timestamp(item, now, problems);
        Integer vehicleCount = integer(item, "vehicleCount", 0, MAX_COUNT, true, problems);
        Double occupancy = fraction(item, "occupancy", problems);
        Integer halting = integer(item, "haltingVehicles", 0, MAX_COUNT, false, problems);
        if (!problems.isEmpty()) {
            return new Outcome<>(null, List.copyOf(problems));
        }
        return new Outcome<>(new DetectorReading(intersectionId, detectorId, timestamp, vehicleCount, occupancy,
                halting, now, source), List.of());
    }

    public Outcome<OccupancyReading> parking(JsonNode item, Instant now, String source) {
        List<Problem> problems = new ArrayList<>();
        if (item == null || !item.isObject()) {
            return new Outcome<>(null, List.of(new Problem(null, "item must be a JSON object")));
        }
        unknownFields(item, PARKING_FIELDS, problems);
        String carParkId = id(item, "carParkId", problems);
        Instant timestamp = timestamp(item, now, problems);
        Integer capacity = integer(item, "capacity", 1, MAX_CAPACITY, true, problems);
        // Above capacity is accepted on purpose (cars on aisles, drifting counters); only absurd values are not.
        Integer occupied = integer(item, "occupied", 0, 2 * MAX_CAPACITY, true, problems);
        if (!problems.isEmpty()) {
            return new Outcome<>(null, List.copyOf(problems));
        }
        return new Outcome<>(new OccupancyReading(carParkId, timestamp, capacity, occupied, now, source), List.of());
    }

    private static void unknownFields(JsonNode item, Set<String> known, List<Problem> problems) {
        item.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(new Problem(truncate(name), "unknown field"));
            }
        });
    }

    private static String id(JsonNode item, String field, List<Problem> problems) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            problems.add(new Problem(field, "required"));
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new Problem(field, "must be a string"));
            return null;
        }
        String value = node.textValue();
        if (!ID.matcher(value).matches()) {
            problems.add(new Problem(field, "must be 1-128 characters of letters, digits and _ . : # -"));
            return null;
        }
        return value;
    }

    private Instant timestamp(JsonNode item, Instant now, List<Problem> problems) {
        JsonNode node = item.get("timestamp");
        Instant value;
        if (node == null || node.isNull()) {
            problems.add(new Problem("timestamp", "required"));
            return null;
        } else if (node.isTextual()) {
            try {
                value = OffsetDateTime.parse(node.textValue()).toInstant();
            } catch (DateTimeException e) {
                problems.add(new Problem("timestamp", "must be ISO-8601 with offset (e.g. 2026-11-28T07:00:01Z)"
                        + " or epoch milliseconds"));
                return null;
            }
        } else if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
            value = Instant.ofEpochMilli(node.longValue());
        } else {
            problems.add(new Problem("timestamp", "must be an ISO-8601 string with offset or epoch milliseconds"));
            return null;
        }
        if (value.isAfter(now.plus(maxFutureSkew))) {
            problems.add(new Problem("timestamp", "more than " + maxFutureSkew.toSeconds()
                    + " s in the future (device clock drift?)"));
            return null;
        }
        if (value.isBefore(now.minus(maxAge))) {
            problems.add(new Problem("timestamp", "older than " + maxAge.toSeconds() + " s (too late)"));
            return null;
        }
        return value;
    }

    private static Integer integer(JsonNode item, String field, int min, int max, boolean required,
                                   List<Problem> problems) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new Problem(field, "required"));
            }
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problems.add(new Problem(field, "must be an integer"));
            return null;
        }
        int value = node.intValue();
        if (value < min || value > max) {
            problems.add(new Problem(field, "must be between " + min + " and " + max));
            return null;
        }
        return value;
    }

    private static Double fraction(JsonNode item, String field, List<Problem> problems) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            problems.add(new Problem(field, "required"));
            return null;
        }
        if (!node.isNumber()) {
            problems.add(new Problem(field, "must be a number"));
            return null;
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value) || value < 0 || value > 1) {
            problems.add(new Problem(field, "must be between 0 and 1"));
            return null;
        }
        return value;
    }

    private static String truncate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
