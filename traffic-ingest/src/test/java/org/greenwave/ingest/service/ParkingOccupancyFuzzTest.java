package org.greenwave.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.ingest.service.ReadingValidator.Outcome;
import org.greenwave.ingest.service.ReadingValidator.Problem;
import org.junit.jupiter.api.Test;

/**
 * Generated car-park occupancy items against the README's validation table: each field is drawn valid or broken in
 * one of the ways a field device breaks it, and the validator must accept exactly the items whose every field is
 * valid (storing what was sent, timestamp in UTC), and name a reason for each broken field and no other. Then the
 * bytes of valid items are cut and flipped at random: never an exception, always a verdict with a reason.
 */
class ParkingOccupancyFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-28T07:00:30Z");
    private static final int ITEMS = 20_000;
    private static final String ID_CHARS = "ABCXYZabcxyz0189_.:#-";

    private final ReadingValidator validator = new ReadingValidator(Duration.ofMinutes(5), Duration.ofHours(24), 2.0);

    /** A field as written into the item (null: left out) and the reasons a broken one may get (empty: valid). */
    private record Field(String json, Set<Reason> reasons) {
        boolean valid() {
            return reasons.isEmpty();
        }
    }

    private static Field ok(String json) {
        return new Field(json, EnumSet.noneOf(Reason.class));
    }

    private static Field bad(String json, Reason first, Reason... more) {
        return new Field(json, EnumSet.of(first, more));
    }

    @Test
    void exactlyTheItemsWithEveryFieldValidAreAcceptedAndEachBrokenFieldIsNamed() {
        Random random = new Random(20261129);
        Map<String, Integer> seen = new TreeMap<>();
        int accepted = 0;
        for (int n = 0; n < ITEMS; n++) {
            boolean allValid = random.nextInt(4) == 0; // a quarter clean, the rest with one or more broken fields
            String id = randomId(random);
            Instant time = NOW.minusSeconds(random.nextInt(24 * 3600 - 60)).plusSeconds(random.nextInt(240));
            int capacity = 1 + random.nextInt(random.nextBoolean() ? 1000 : 100_000);
            int occupied = random.nextInt((int) Math.min(200_001, 2L * capacity + 1));

            Field carPark = allValid || random.nextInt(3) > 0 ? ok(quote(id)) : carParkBroken(random);
            Field timestamp = allValid || random.nextInt(3) > 0 ? timestampValid(random, time) : timestampBroken(random);
            Field cap = allValid || random.nextInt(3) > 0 ? ok(Integer.toString(capacity)) : numberBroken(random, 100_000, 1);
            Field occ = allValid || random.nextInt(3) > 0 ? ok(Integer.toString(occupied)) : numberBroken(random, 200_000, 0);
            if (!allValid && cap.valid() && occ.valid() && random.nextInt(6) == 0 && 2L * capacity + 1 <= 200_000) {
                occ = bad(Integer.toString(Math.min(200_000, 2 * capacity + 1 + random.nextInt(1000))),
                        Reason.IMPLAUSIBLE);
            }
            List<String> members = new ArrayList<>();
            member(members, "carParkId", carPark);
            member(members, "timestamp", timestamp);
            member(members, "capacity", cap);
            member(members, "occupied", occ);
            Set<Reason> expected = EnumSet.noneOf(Reason.class);
            List<Field> fields = List.of(carPark, timestamp, cap, occ);
            if (!allValid && random.nextInt(8) == 0 && !members.isEmpty()) {
                members.add(members.get(random.nextInt(members.size())));
                expected.add(Reason.DUPLICATE_FIELD);
            }
            if (!allValid && random.nextInt(8) == 0) {
                members.add(random.nextInt(members.size() + 1), "\"floor\":" + random.nextInt(9));
                expected.add(Reason.UNKNOWN_FIELD);
            }
            java.util.Collections.shuffle(members, random);
            String json = "{" + String.join(",", members) + "}";

            Outcome<OccupancyReading> outcome = validator.parking(json.getBytes(StandardCharsets.UTF_8), NOW, "kafka");
            Set<Reason> actual = EnumSet.noneOf(Reason.class);
            for (Problem p : outcome.problems()) {
                actual.add(p.reason());
            }
            boolean shouldPass = expected.isEmpty() && fields.stream().allMatch(Field::valid);
            assertThat(outcome.valid()).as(json + " -> " + outcome.problems()).isEqualTo(shouldPass);
            if (shouldPass) {
                accepted++;
                assertThat(outcome.value()).as(json).isEqualTo(new OccupancyReading(id, parseTime(timestamp), capacity,
                        Integer.parseInt(occ.json()), NOW, "kafka"));
                assertThat(outcome.key()).isEqualTo(id);
                continue;
            }
            assertThat(outcome.reason()).as(json).isNotBlank();
            Set<Reason> allowed = EnumSet.copyOf(expected);
            allowed.add(Reason.DUPLICATE_FIELD); // a duplicated member may repeat a broken one
            for (Field f : fields) {
                allowed.addAll(f.reasons());
                if (!f.valid() && !expected.contains(Reason.DUPLICATE_FIELD)) {
                    assertThat(actual).as("a reason for the broken field " + f.json() + " in " + json)
                            .containsAnyElementsOf(f.reasons());
                }
            }
            for (Reason r : expected) {
                assertThat(actual).as(json).contains(r);
            }
            assertThat(allowed).as("no reason beyond the broken fields' in " + json + ": " + outcome.problems())
                    .containsAll(actual);
            actual.forEach(r -> seen.merge(r.code(), 1, Integer::sum));
        }
        // the generator really reaches every reason a car-park item can get from the validator alone
        assertThat(seen.keySet()).contains("required", "wrong-type", "out-of-range", "bad-id", "bad-timestamp",
                "in-future", "too-late", "implausible", "unknown-field", "duplicate-field");
        assertThat(accepted).isGreaterThan(ITEMS / 5);
    }

    @Test
    void cutAndFlippedBytesNeverThrowAndAlwaysGetAVerdictWithAReason() {
        Random random = new Random(7);
        String valid = "{\"carParkId\":\"P-Rathaus\",\"timestamp\":\"2026-11-28T08:00:00+01:00\",\"capacity\":577,"
                + "\"occupied\":61}";
        byte[] base = valid.getBytes(StandardCharsets.UTF_8);
        int stillValid = 0;
        for (int n = 0; n < ITEMS; n++) {
            byte[] bytes = random.nextBoolean() ? java.util.Arrays.copyOf(base, random.nextInt(base.length + 1))
                    : base.clone();
            for (int k = random.nextInt(4); k > 0 && bytes.length > 0; k--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            Outcome<OccupancyReading> outcome = validator.parking(bytes, NOW, "kafka");
            if (outcome.valid()) {
                stillValid++;
                OccupancyReading r = outcome.value();
                assertThat(r.carParkId()).matches("[A-Za-z0-9_.:#-]{1,128}");
                assertThat(r.capacity()).isBetween(1, 100_000);
                assertThat(r.occupied()).isBetween(0, 2 * r.capacity());
                assertThat(r.timestamp()).isBetween(NOW.minus(Duration.ofHours(24)), NOW.plus(Duration.ofMinutes(5)));
            } else {
                assertThat(outcome.reason()).isNotBlank();
            }
        }
        assertThat(stillValid).as("some flips hit only digits or letters of an id").isPositive();
    }

    private static void member(List<String> members, String name, Field f) {
        if (f.json() != null) {
            members.add("\"" + name + "\":" + f.json());
        }
    }

    private static String randomId(Random random) {
        int length = 1 + (random.nextInt(10) == 0 ? random.nextInt(128) : random.nextInt(12));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static Field carParkBroken(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> bad(null, Reason.REQUIRED);
            case 1 -> bad("null", Reason.REQUIRED);
            case 2 -> bad("\"\"", Reason.BAD_ID);
            case 3 -> bad(quote("P".repeat(129)), Reason.BAD_ID);
            case 4 -> bad(quote("P Rathaus"), Reason.BAD_ID);
            case 5 -> bad(quote("P-R\u00e4thaus"), Reason.BAD_ID);
            case 6 -> bad("42", Reason.WRONG_TYPE);
            default -> bad(random.nextBoolean() ? "[\"P1\"]" : "{\"id\":\"P1\"}", Reason.WRONG_TYPE);
        };
    }

    private static Field timestampValid(Random random, Instant time) {
        return switch (random.nextInt(3)) {
            case 0 -> ok(quote(time.toString()));
            case 1 -> ok(quote(time.atOffset(java.time.ZoneOffset.ofHours(1)).toString()));
            default -> ok(Long.toString(time.toEpochMilli()));
        };
    }

    private static Instant parseTime(Field timestamp) {
        String s = timestamp.json();
        return s.startsWith("\"") ? java.time.OffsetDateTime.parse(s.substring(1, s.length() - 1)).toInstant()
                : Instant.ofEpochMilli(Long.parseLong(s));
    }

    private static Field timestampBroken(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> bad(null, Reason.REQUIRED, Reason.BAD_TIMESTAMP);
            case 1 -> bad("null", Reason.REQUIRED, Reason.BAD_TIMESTAMP);
            case 2 -> bad(quote("2026-11-28T07:00:00"), Reason.BAD_TIMESTAMP); // no offset
            case 3 -> bad(quote("yesterday"), Reason.BAD_TIMESTAMP);
            case 4 -> bad(quote(NOW.plus(Duration.ofMinutes(10)).toString()), Reason.IN_FUTURE);
            case 5 -> bad(quote(NOW.minus(Duration.ofHours(25)).toString()), Reason.TOO_LATE);
            case 6 -> bad(Long.toString(NOW.getEpochSecond()), Reason.TOO_LATE); // epoch seconds by mistake
            case 7 -> bad("true", Reason.WRONG_TYPE, Reason.BAD_TIMESTAMP);
            default -> bad("[1]", Reason.WRONG_TYPE, Reason.BAD_TIMESTAMP);
        };
    }

    private static Field numberBroken(Random random, int max, int min) {
        return switch (random.nextInt(7)) {
            case 0 -> bad(null, Reason.REQUIRED);
            case 1 -> bad("null", Reason.REQUIRED);
            case 2 -> bad(Integer.toString(min - 1 - random.nextInt(1000)), Reason.OUT_OF_RANGE);
            case 3 -> bad(Integer.toString(max + 1 + random.nextInt(1000)), Reason.OUT_OF_RANGE);
            case 4 -> bad("2.0", Reason.WRONG_TYPE);
            case 5 -> bad(quote("12"), Reason.WRONG_TYPE);
            default -> bad("99999999999999999999", Reason.OUT_OF_RANGE, Reason.WRONG_TYPE);
        };
    }
}
