package org.greenwave.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Generated malformed and hostile detector readings, each with its class. Deterministic for a seed. Items are
 * single JSON values (for a batch or a raw-topic record); bodies are whole request bodies or record values that
 * are broken as a whole (not JSON, invalid UTF-8, too deep, too big).
 */
final class Hostile {

    record Input(String kind, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static final List<String> ITEM_KINDS = List.of("wrong-type", "missing-field", "extra-field", "huge-string",
            "nested-value", "infinity", "odd-unicode", "injection", "far-future", "too-old", "huge-number",
            "duplicate-key", "not-an-object", "negative", "conflicting-replay");
    static final List<String> BODY_KINDS = List.of("not-json", "truncated-json", "empty", "object-not-array",
            "deep-nesting", "nan-literal", "invalid-utf8", "control-chars", "trailing-garbage", "null");

    private static final String[] INJECTIONS = {"' OR '1'='1' --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "../../../../etc/passwd", "\"; DROP TABLE readings; --", "{{7*7}}", "%s%s%s%n", "$(reboot)",
            "A0\r\nX-Injected: 1", "javascript:alert(1)"};
    private static final String[] UNICODE = {"A0\\u202Eevil", "A0\\u200B", "\\uD800", "A0\\uDFFF", "\\u0000",
            "🚦🚦", "Ａ０", "A0\\u0301", "\\uFEFFA0", "ꙮ", "Ä0", "A\\u00A00"};

    private final Random random;
    private final String run;
    private final Instant now;
    private int serial;

    Hostile(long seed, String run, Instant now) {
        this.random = new Random(seed);
        this.run = run;
        this.now = now;
    }

    private String id() {
        return run + "-h" + (serial++);
    }

    private static String reading(String intersection, String detector, String timestamp, String count,
                                  String occupancy) {
        return "{\"intersectionId\":" + intersection + ",\"detectorId\":" + detector + ",\"timestamp\":" + timestamp
                + ",\"vehicleCount\":" + count + ",\"occupancy\":" + occupancy + "}";
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    /** A hostile single reading (a JSON value that parses); {@code replayOf} is a stored reading to contradict. */
    Input item(String kind, String[] replayOf) {
        String i = id();
        String d = i + "_d";
        String ts = q(now.minusSeconds(60 + random.nextInt(600)).toString());
        String text = switch (kind) {
            case "wrong-type" -> switch (random.nextInt(5)) {
                case 0 -> reading(q(i), q(d), ts, "\"7\"", "0.2");
                case 1 -> reading("42", q(d), ts, "7", "0.2");
                case 2 -> reading(q(i), q(d), "[2026,11,28]", "7", "0.2");
                case 3 -> reading(q(i), q(d), ts, "7.5", "true");
                default -> reading(q(i), "null", ts, "7", "\"high\"");
            };
            case "missing-field" -> switch (random.nextInt(3)) {
                case 0 -> "{\"intersectionId\":" + q(i) + ",\"timestamp\":" + ts + ",\"vehicleCount\":1,\"occupancy\":0.1}";
                case 1 -> "{\"intersectionId\":" + q(i) + ",\"detectorId\":" + q(d) + ",\"vehicleCount\":1}";
                default -> "{}";
            };
            case "extra-field" -> reading(q(i), q(d), ts, "1", "0.1").replace("}",
                    ",\"" + (random.nextBoolean() ? "__proto__" : "isAdmin") + "\":true}");
            case "huge-string" -> reading(q(i + "x".repeat(20_000 + random.nextInt(20_000))), q(d), ts, "1", "0.1");
            case "nested-value" -> reading(q(i), q(d), ts, "[".repeat(60) + "1" + "]".repeat(60),
                    "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}");
            case "infinity" -> reading(q(i), q(d), ts, "1", random.nextBoolean() ? "1e999" : "-1e999");
            case "odd-unicode" -> reading(q(UNICODE[random.nextInt(UNICODE.length)] + serial), q(d), ts, "1", "0.1");
            case "injection" -> reading(q(INJECTIONS[random.nextInt(INJECTIONS.length)].replace("\\", "\\\\")
                    .replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n")), q(d), ts, "1", "0.1");
            case "far-future" -> reading(q(i), q(d), random.nextBoolean() ? q("9999-12-31T23:59:59Z")
                    : q(now.plusSeconds(86_400 + random.nextInt(100_000)).toString()), "1", "0.1");
            case "too-old" -> reading(q(i), q(d), random.nextBoolean()
                    ? Long.toString(now.getEpochSecond()) // epoch seconds sent as millis: 1970
                    : q("1999-01-01T00:00:00Z"), "1", "0.1");
            case "huge-number" -> reading(q(i), q(d), ts, random.nextBoolean() ? "99999999999999999999999" : "1e308",
                    "0.1");
            case "duplicate-key" -> "{\"intersectionId\":" + q(i) + ",\"detectorId\":" + q(d) + ",\"timestamp\":" + ts
                    + ",\"vehicleCount\":1,\"vehicleCount\":9000,\"occupancy\":0.1}";
            case "not-an-object" -> List.of("42", "\"reading\"", "null", "[1,2,3]", "true").get(random.nextInt(5));
            case "negative" -> reading(q(i), q(d), ts, "-" + (1 + random.nextInt(100)), "-0.5");
            case "conflicting-replay" -> reading(q(replayOf[0]), q(replayOf[1]), q(replayOf[2]),
                    Integer.toString(Integer.parseInt(replayOf[3]) + 1 + random.nextInt(5)), "0.9");
            default -> throw new IllegalArgumentException(kind);
        };
        return new Input(kind, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body (or record value) broken as a whole. */
    Input body(String kind) {
        String i = id();
        byte[] bytes = switch (kind) {
            case "not-json" -> List.of("hello", "<xml/>", "intersectionId=A0&count=1", "\u0000\u0001\u0002")
                    .get(random.nextInt(4)).getBytes(StandardCharsets.UTF_8);
            case "truncated-json" -> ("[{\"intersectionId\":\"" + i + "\",\"detectorId\":\"").getBytes(StandardCharsets.UTF_8);
            case "empty" -> new byte[0];
            case "object-not-array" -> ("{\"readings\":[{\"intersectionId\":\"" + i + "\"}]}").getBytes(StandardCharsets.UTF_8);
            case "deep-nesting" -> ("[".repeat(50_000 + random.nextInt(50_000))).getBytes(StandardCharsets.UTF_8);
            case "nan-literal" -> ("[{\"intersectionId\":\"" + i + "\",\"detectorId\":\"" + i
                    + "_d\",\"timestamp\":\"" + now.minusSeconds(30) + "\",\"vehicleCount\":1,\"occupancy\":NaN}]")
                    .getBytes(StandardCharsets.UTF_8);
            case "invalid-utf8" -> concat(("[{\"intersectionId\":\"" + i).getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE},
                    ("\",\"detectorId\":\"d\",\"timestamp\":\"" + now.minusSeconds(30)
                            + "\",\"vehicleCount\":1,\"occupancy\":0.1}]").getBytes(StandardCharsets.UTF_8));
            case "control-chars" -> ("[{\"intersectionId\":\"" + i + "\u0007\u0000\",\"detectorId\":\"d\"}]")
                    .getBytes(StandardCharsets.UTF_8);
            case "trailing-garbage" -> ("[]]]}{" + i).getBytes(StandardCharsets.UTF_8);
            case "null" -> "null".getBytes(StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException(kind);
        };
        return new Input(kind, bytes);
    }

    /** The raw-topic form of a body: one object instead of an array where that makes a difference. */
    static byte[] asRecord(Input body) {
        String kind = body.kind();
        if (kind.equals("nan-literal") || kind.equals("invalid-utf8") || kind.equals("control-chars")) {
            byte[] b = body.bytes();
            return java.util.Arrays.copyOfRange(b, 1, b.length - 1); // strip [ and ]
        }
        return body.bytes();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    String kind(List<String> kinds) {
        return kinds.get(random.nextInt(kinds.size()));
    }
}
