package org.greenwave.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.ingest.service.ReadingValidator.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The plain-body reader against the general validator, on generated bodies: whenever the reader takes a body, the
 * validator (over Jackson, as traffic-ingest reads a body it declines) must find every item valid with exactly the
 * same reading, key and byte range. Fields are drawn from the shapes devices send, right and wrong (exponents,
 * leading zeros, escapes, offsets, epoch seconds, window edges to the millisecond, nulls, unknown and repeated
 * fields, odd whitespace), and some bodies are cut or have a byte flipped. The reader must also take every body
 * made only of plain shapes: a reader that declined everything would pass the first check and save nothing. Read
 * again with the registry's index by id bytes, a body gives the same readings and each item's registered detector,
 * and the record values written straight from the items' bytes are the contract's JSON of the same readings.
 */
class PlainDetectorBatchTest {

    private static final Instant NOW = Instant.parse("2026-11-28T07:00:30.123456789Z");
    private static final Duration MAX_AGE = Duration.ofHours(24);
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final int MAX_ITEMS = 6;
    private static final int BODIES = 30_000;

    private final ReadingValidator validator = new ReadingValidator(MAX_SKEW, MAX_AGE, 2.0);
    private final DeviceRegistry registry = new DeviceRegistry(DeviceRegistry.UnknownDevices.REGISTER, 1_000_000, 4,
            System::currentTimeMillis);

    /** One way to write a field's value; plain ones are what the reader must take. */
    private record Shape(String json, boolean plain) {
    }

    private static Shape plain(String json) {
        return new Shape(json, true);
    }

    private static Shape other(String json) {
        return new Shape(json, false);
    }

    @Test
    void whatTheReaderTakesTheValidatorReadsAlikeAndItTakesEveryPlainBody() {
        Random random = new Random(20261129);
        int taken = 0;
        int plainBodies = 0;
        int copied = 0;
        for (int n = 0; n < BODIES; n++) {
            boolean[] plainBody = {true};
            boolean clean = random.nextInt(3) == 0; // a third drawn from the plain shapes only
            String text = body(random, clean, plainBody);
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            int mutation = clean ? -1 : random.nextInt(10);
            if (mutation == 0 && body.length > 2) {
                body = Arrays.copyOf(body, random.nextInt(body.length));
                plainBody[0] = false;
            } else if (mutation == 1 && body.length > 0) {
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                plainBody[0] = false;
            }
            List<Outcome<?>> outcomes = new ArrayList<>();
            List<long[]> spans = new ArrayList<>();
            boolean took = PlainDetectorBatch.read(body, NOW, "http", NOW.minus(MAX_AGE).toEpochMilli(),
                    NOW.plus(MAX_SKEW).toEpochMilli(), MAX_ITEMS, outcomes, spans);
            String shown = new String(body, StandardCharsets.UTF_8);
            if (plainBody[0]) {
                plainBodies++;
                assertThat(took).as("a body of plain items only: %s", shown).isTrue();
            }
            if (!took) {
                assertThat(outcomes).isEmpty();
                assertThat(spans).isEmpty();
                continue;
            }
            taken++;
            List<Outcome<?>> expected = new ArrayList<>();
            List<long[]> expectedSpans = new ArrayList<>();
            assertThat(generalRead(body, expected, expectedSpans)).as("the validator takes the body %s", shown)
                    .isTrue();
            assertThat(outcomes).as(shown).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(expected.get(i).problems()).as("item %d of %s", i, shown).isEmpty();
                assertThat(outcomes.get(i)).as("item %d of %s", i, shown).isEqualTo(expected.get(i));
                assertThat(spans.get(i)).as("range of item %d of %s", i, shown).containsExactly(expectedSpans.get(i));
            }
            // again with the registry's index: the same readings, each with its detector where it is registered
            // under the item's intersection (ids are drawn from a small alphabet, so some detectors recur elsewhere)
            for (Outcome<?> o : outcomes) {
                DetectorReading r = (DetectorReading) o.value();
                registry.detector(r.intersectionId(), r.detectorId());
            }
            // and the record values written straight from the items' bytes (whole where an item is written as its record
            // begins, else value by value)
            List<Outcome<?>> again = new ArrayList<>();
            List<DeviceState> devices = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            assertThat(PlainDetectorBatch.read(body, NOW, "http", NOW.minus(MAX_AGE).toEpochMilli(),
                    NOW.plus(MAX_SKEW).toEpochMilli(), MAX_ITEMS, registry.detectorIndex(), again, new ArrayList<>(),
                    devices, ReadingJson.tail(NOW, "http"), values)).isTrue();
            assertThat(again).as(shown).isEqualTo(outcomes);
            for (int i = 0; i < again.size(); i++) {
                DetectorReading r = (DetectorReading) again.get(i).value();
                DeviceRegistry.Resolution resolution = registry.detector(r.intersectionId(), r.detectorId());
                assertThat(devices.get(i)).as("device of item %d of %s", i, shown).isSameAs(resolution.device());
                assertThat(values.get(i)).as("record of item %d of %s", i, shown).isNotNull();
                assertThat(new String(values.get(i), StandardCharsets.UTF_8)).as("record of item %d of %s", i,
                        shown).isEqualTo(new String(Json.toBytes(r), StandardCharsets.UTF_8));
                copied++;
            }
        }
        assertThat(plainBodies).isGreaterThan(BODIES / 20);
        assertThat(copied).as("records written from the items' bytes").isGreaterThan(BODIES / 10);
        assertThat(taken).isGreaterThanOrEqualTo(plainBodies);
    }

    @Test
    void theContractsExampleAndAPrettyPrintedBodyAreTaken() {
        String example = """
                [{"intersectionId":"A0","detectorId":"A0_w_0","timestamp":"2026-11-28T07:00:01Z",
                 "vehicleCount":2,"occupancy":0.35,"haltingVehicles":1}]""";
        String pretty = """
                [
                  {
                    "detectorId" : "A0_w_0",
                    "occupancy" : 1,
                    "vehicleCount" : 0,
                    "timestamp" : 1795845600000,
                    "intersectionId" : "A0"
                  }
                ]
                """;
        for (String body : List.of(example, pretty)) {
            List<Outcome<?>> outcomes = new ArrayList<>();
            boolean took = PlainDetectorBatch.read(body.getBytes(StandardCharsets.UTF_8), NOW, "http",
                    NOW.minus(MAX_AGE).toEpochMilli(), NOW.plus(MAX_SKEW).toEpochMilli(), MAX_ITEMS, outcomes,
                    new ArrayList<>());
            assertThat(took).as(body).isTrue();
            assertThat(outcomes).hasSize(1);
        }
    }

    /** What traffic-ingest does with a body the reader declines (IngestService's general path). */
    private boolean generalRead(byte[] body, List<Outcome<?>> outcomes, List<long[]> spans) {
        try (JsonParser p = ReadingValidator.JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return false;
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null || outcomes.size() == MAX_ITEMS) {
                    return false;
                }
                long start = p.currentTokenLocation().getByteOffset();
                outcomes.add(validator.detector(p, NOW, "http"));
                spans.add(new long[] {start, p.currentLocation().getByteOffset()});
            }
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ generated bodies

    private static String body(Random random, boolean clean, boolean[] plainBody) {
        StringBuilder sb = new StringBuilder();
        sb.append(space(random, plainBody)).append('[');
        int items = random.nextInt(10) == 0 ? MAX_ITEMS + 1 - random.nextInt(2) : 1 + random.nextInt(4);
        if (clean) {
            items = Math.min(items, MAX_ITEMS);
        }
        if (items > MAX_ITEMS) {
            plainBody[0] = false;
        }
        if (!clean && random.nextInt(200) == 0) {
            items = 0;
            plainBody[0] = false;
        }
        for (int i = 0; i < items; i++) {
            sb.append(i == 0 ? "" : ",").append(space(random, plainBody)).append(item(random, clean, plainBody))
                    .append(space(random, plainBody));
        }
        sb.append(']').append(space(random, plainBody));
        if (!clean && random.nextInt(100) == 0) {
            sb.append(random.nextBoolean() ? "[]" : "x");
            plainBody[0] = false;
        }
        return sb.toString();
    }

    private static String item(Random random, boolean clean, boolean[] plainBody) {
        List<String> fields = new ArrayList<>();
        fields.add(field("intersectionId", draw(random, clean, PlainDetectorBatchTest::id), plainBody));
        fields.add(field("detectorId", draw(random, clean, PlainDetectorBatchTest::id), plainBody));
        fields.add(field("timestamp", draw(random, clean, PlainDetectorBatchTest::timestamp), plainBody));
        fields.add(field("vehicleCount", draw(random, clean, PlainDetectorBatchTest::count), plainBody));
        fields.add(field("occupancy", draw(random, clean, PlainDetectorBatchTest::occupancy), plainBody));
        if (random.nextBoolean()) {
            fields.add(field("haltingVehicles", draw(random, clean, PlainDetectorBatchTest::count), plainBody));
        }
        int odd = clean ? -1 : random.nextInt(40);
        if (odd == 0) {
            fields.remove(random.nextInt(fields.size()));
            plainBody[0] = false; // a required one may be gone: the validator decides
        } else if (odd == 1) {
            fields.add(fields.get(random.nextInt(fields.size())));
            plainBody[0] = false;
        } else if (odd == 2) {
            fields.add("\"lane\":1");
            plainBody[0] = false;
        } else if (odd == 3) {
            fields.set(0, fields.get(0).replace("\"intersectionId\"", "\"intersection\\u0049d\""));
            plainBody[0] = false;
        }
        if (random.nextBoolean()) { // else in the contract's order
            java.util.Collections.shuffle(fields, random);
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < fields.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(space(random, plainBody)).append(fields.get(i))
                    .append(space(random, plainBody));
        }
        return sb.append('}').toString();
    }

    /** A shape of a field; only plain ones when {@code clean}. */
    private static Shape draw(Random random, boolean clean, java.util.function.Function<Random, Shape> shapes) {
        Shape shape = shapes.apply(random);
        while (clean && !shape.plain()) {
            shape = shapes.apply(random);
        }
        return shape;
    }

    private static String field(String name, Shape value, boolean[] plainBody) {
        if (!value.plain()) {
            plainBody[0] = false;
        }
        return "\"" + name + "\":" + value.json();
    }

    /** Whitespace between tokens: none mostly, JSON's four kinds sometimes, a form feed (not JSON) rarely. */
    private static String space(Random random, boolean[] plainBody) {
        int r = random.nextInt(30);
        if (r == 0) {
            return " \n\t\r ";
        }
        if (r == 1) {
            return " ";
        }
        if (r == 2 && random.nextInt(10) == 0 && !plainBody[0]) {
            plainBody[0] = false;
            return "\f";
        }
        return "";
    }

    private static final String ID_CHARS = "ABCXYZabcxyz0189_.:#-";

    private static Shape id(Random random) {
        return switch (random.nextInt(30)) {
            case 0 -> other("\"\"");
            case 1 -> plain("\"" + "a".repeat(128) + "\"");
            case 2 -> other("\"" + "a".repeat(129) + "\"");
            case 3 -> other("\"A0 w\"");
            case 4 -> other("\"A\\u0030\"");
            case 5 -> other("\"Bergheim-Süd\"");
            case 6 -> other("42");
            case 7 -> other("null");
            case 8 -> other("\"A0/1\"");
            default -> {
                StringBuilder sb = new StringBuilder("\"");
                int len = 1 + random.nextInt(12);
                for (int i = 0; i < len; i++) {
                    sb.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
                }
                yield plain(sb.append('"').toString());
            }
        };
    }

    private static Shape timestamp(Random random) {
        Instant earliest = NOW.minus(MAX_AGE);
        Instant latest = NOW.plus(MAX_SKEW);
        return switch (random.nextInt(24)) {
            case 0 -> other("\"" + earliest + "\""); // the edges: left to the validator
            case 1 -> other("\"" + latest + "\"");
            case 2 -> plain("\"" + earliest.plusMillis(1) + "\"");
            case 3 -> other("\"" + earliest.plusNanos(1) + "\"");
            case 4 -> other("\"" + latest.minusNanos(1) + "\"");
            case 5 -> plain("\"" + latest.minusMillis(2) + "\"");
            case 6 -> other("\"" + NOW.minus(Duration.ofDays(3)) + "\"");
            case 7 -> other("\"" + NOW.plus(Duration.ofHours(1)) + "\"");
            case 8 -> plain(Long.toString(NOW.minusSeconds(random.nextInt(80_000)).toEpochMilli()));
            case 9 -> other(Long.toString(NOW.getEpochSecond())); // seconds instead of milliseconds
            case 10 -> other(NOW.toEpochMilli() + ".5");
            case 11 -> other(NOW.toEpochMilli() + "e0");
            case 12 -> other("-" + NOW.toEpochMilli());
            case 13 -> other("\"2026-02-30T07:00:00Z\"");
            case 14 -> other("\"2026-11-28 07:00:00Z\"");
            case 15 -> other("\"2026-11-28T07:00:00\"");
            case 16 -> plain("\"2026-11-28T08:00:01+01:00\"");
            case 17 -> plain("\"2026-11-28T06:59:59.5+00:30\"");
            case 18 -> other("\"2026-11-28T07:00:00\\u005A\"");
            case 19 -> other("null");
            case 20 -> other("\"2026-11-28T07:00:00.1234567890Z\"");
            default -> {
                Instant t = NOW.minusSeconds(random.nextInt(80_000)).minusNanos(random.nextInt(1_000_000_000));
                int digits = random.nextInt(4) * 3;
                String text = t.toString();
                if (digits == 0) {
                    text = Instant.ofEpochSecond(t.getEpochSecond()).toString();
                } else if (random.nextBoolean()) {
                    String base = Instant.ofEpochSecond(t.getEpochSecond()).toString();
                    String fraction = String.format("%09d", t.getNano()).substring(0, 1 + random.nextInt(9));
                    text = base.substring(0, base.length() - 1) + "." + fraction + "Z";
                }
                yield plain("\"" + text + "\"");
            }
        };
    }

    private static Shape count(Random random) {
        return switch (random.nextInt(20)) {
            case 0 -> plain("10000");
            case 1 -> other("10001");
            case 2 -> other("01");
            case 3 -> other("-1");
            case 4 -> other("-0");
            case 5 -> other("1.0");
            case 6 -> other("1e2");
            case 7 -> other("99999999999");
            case 8 -> other("\"3\"");
            case 9 -> other("null");
            case 10 -> plain("0");
            default -> plain(Integer.toString(random.nextInt(60)));
        };
    }

    private static Shape occupancy(Random random) {
        return switch (random.nextInt(30)) {
            case 0 -> plain("0");
            case 1 -> plain("1");
            case 2 -> plain("1.0");
            case 3 -> plain("0.00000000000001");
            case 4 -> plain("0.99999999999999");
            case 5 -> other("0.999999999999999");
            case 6 -> other("1.00001");
            case 7 -> other("5e-1");
            case 8 -> other("0.5E0");
            case 9 -> other(".5");
            case 10 -> other("00.5");
            case 11 -> other("-0.0");
            case 12 -> other("2");
            case 13 -> other("0.");
            case 14 -> other("\"0.5\"");
            case 15 -> other("null");
            case 16 -> plain("0.1");
            case 17 -> plain("0.30000000000000004".substring(0, 16));
            default -> {
                int decimals = 1 + random.nextInt(5);
                long digits = (long) (random.nextDouble() * Math.pow(10, decimals));
                String text = "0." + String.format("%0" + decimals + "d", digits);
                yield plain(text);
            }
        };
    }
}
