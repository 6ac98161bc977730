package org.greenwave.parking.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads occupancy readings from a CSV file with a header row and a column mapping. Real exports are dirty, so
 * this reader is lenient where it can be and counts what it drops:
 * <ul>
 *   <li>lines starting with {@code #} are comments; {@code ,} or {@code ;} delimiters; quoted fields;</li>
 *   <li>timestamps: ISO-8601 with offset or {@code Z}, ISO-8601 local ({@code 2016-10-04 07:59:42} or with
 *       {@code T}), or epoch milliseconds; local timestamps are read in {@code zone} (UTC when none);</li>
 *   <li>exact duplicate rows (same car park, time, capacity and occupied) are dropped;</li>
 *   <li>negative counts, capacity below 1 and rows that cannot be parsed are dropped;</li>
 *   <li>occupied above capacity is kept (the rate is clipped later).</li>
 * </ul>
 * Wall-clock time for calendar features: when {@code zone} is given, the zone's offset at each instant; otherwise
 * the offset written in the timestamp (none written: UTC).
 */
public final class CsvReadings {

    /** Names of the four columns. */
    public record Columns(String id, String time, String capacity, String occupied) {
        public static final Columns DEFAULT = new Columns("carParkId", "timestamp", "capacity", "occupied");
    }

    /** What was read and what was dropped, by reason. */
    public record Result(List<Observation> readings, int rows, Map<String, Integer> dropped) {
        public int droppedTotal() {
            return dropped.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    /** German {@code 28.11.2026 07:00[:00]} and {@code 2026/11/28 07:00[:00]}: unambiguous, common in exports. */
    private static final DateTimeFormatter[] OTHER_LOCAL = {
        DateTimeFormatter.ofPattern("d.M.uuuu H:mm[:ss]", Locale.ROOT),
        DateTimeFormatter.ofPattern("uuuu/M/d H:mm[:ss]", Locale.ROOT)};

    private CsvReadings() {
    }

    public static Result read(Path file, Columns columns, ZoneId zone) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, columns, zone);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static Result read(BufferedReader in, Columns columns, ZoneId zone) throws IOException {
        String line;
        String[] header = null;
        char delimiter = ',';
        int idCol = -1;
        int timeCol = -1;
        int capCol = -1;
        int occCol = -1;
        int rows = 0;
        Map<String, Integer> dropped = new LinkedHashMap<>();
        List<Observation> out = new ArrayList<>();
        Map<String, String> ids = new HashMap<>(); // one String per car park, not per row
        while ((line = in.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header == null) {
                if (line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                delimiter = line.indexOf(';') >= 0 && line.indexOf(',') < 0 ? ';' : ',';
                header = split(line, delimiter);
                idCol = column(header, columns.id());
                timeCol = column(header, columns.time());
                capCol = column(header, columns.capacity());
                occCol = column(header, columns.occupied());
                continue;
            }
            rows++;
            String[] f = split(line, delimiter);
            if (f.length <= Math.max(Math.max(idCol, timeCol), Math.max(capCol, occCol))) {
                count(dropped, "too few fields");
                continue;
            }
            String id = f[idCol].trim();
            if (id.isEmpty()) {
                count(dropped, "no car park id");
                continue;
            }
            Long capacity = number(f[capCol]);
            Long occupied = number(f[occCol]);
            if (capacity == null || occupied == null) {
                count(dropped, "capacity or occupied not a number");
                continue;
            }
            if (occupied < 0) {
                count(dropped, "negative count");
                continue;
            }
            if (capacity < 1) {
                count(dropped, "capacity below 1");
                continue;
            }
            long[] time = timestamp(f[timeCol].trim(), zone);
            if (time == null) {
                count(dropped, "timestamp not understood");
                continue;
            }
            out.add(new Observation(ids.computeIfAbsent(id, k -> k), time[0], (int) time[1],
                    (int) Math.min(capacity, Integer.MAX_VALUE),
                    (int) Math.min(occupied, Integer.MAX_VALUE)));
        }
        if (header == null) {
            throw new IllegalArgumentException("no header row");
        }
        return new Result(withoutDuplicates(out, dropped), rows, dropped);
    }

    /** Drops exact duplicates (same car park, time, capacity, occupied); keeps the first, order otherwise kept. */
    private static List<Observation> withoutDuplicates(List<Observation> rows, Map<String, Integer> dropped) {
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> byValue = Comparator.<Integer, String>comparing(i -> rows.get(i).carParkId())
                .thenComparingLong(i -> rows.get(i).time())
                .thenComparingInt(i -> rows.get(i).capacity())
                .thenComparingInt(i -> rows.get(i).occupied());
        Arrays.sort(order, byValue.thenComparingInt(i -> i));
        BitSet duplicate = new BitSet(rows.size());
        for (int k = 1; k < order.length; k++) {
            if (byValue.compare(order[k - 1], order[k]) == 0) {
                duplicate.set(order[k]);
            }
        }
        if (duplicate.isEmpty()) {
            return rows;
        }
        dropped.put("exact duplicate", duplicate.cardinality());
        List<Observation> out = new ArrayList<>(rows.size() - duplicate.cardinality());
        for (int i = 0; i < rows.size(); i++) {
            if (!duplicate.get(i)) {
                out.add(rows.get(i));
            }
        }
        return out;
    }

    /** Groups readings by car park into sorted series (in first-seen order of the car parks). */
    public static Map<String, OccupancySeries> byCarPark(List<Observation> readings) {
        Map<String, List<Observation>> groups = new LinkedHashMap<>();
        for (Observation o : readings) {
            groups.computeIfAbsent(o.carParkId(), k -> new ArrayList<>()).add(o);
        }
        Map<String, OccupancySeries> out = new LinkedHashMap<>();
        groups.forEach((id, list) -> out.put(id, OccupancySeries.of(id, list)));
        return out;
    }

    /** Parses a timestamp into {epoch millis, offset seconds}; null when not understood. */
    static long[] timestamp(String text, ZoneId zone) {
        if (text.isEmpty()) {
            return null;
        }
        Instant instant;
        Integer writtenOffset = null;
        if (text.chars().allMatch(Character::isDigit)) {
            long v = Long.parseLong(text);
            instant = Instant.ofEpochMilli(v);
        } else {
            try {
                OffsetDateTime odt = OffsetDateTime.parse(text.replace(' ', 'T'));
                instant = odt.toInstant();
                writtenOffset = odt.getOffset().getTotalSeconds();
            } catch (DateTimeParseException e) {
                LocalDateTime local = local(text);
                if (local == null) {
                    return null;
                }
                instant = local.atZone(zone == null ? ZoneOffset.UTC : zone).toInstant();
            }
        }
        int offset = zone != null ? zone.getRules().getOffset(instant).getTotalSeconds()
                : writtenOffset != null ? writtenOffset : 0;
        return new long[] {instant.toEpochMilli(), offset};
    }

    private static LocalDateTime local(String text) {
        try {
            return LocalDateTime.parse(text, LOCAL);
        } catch (DateTimeParseException e) {
            for (DateTimeFormatter f : OTHER_LOCAL) {
                try {
                    return LocalDateTime.parse(text, f);
                } catch (DateTimeParseException e2) {
                    // try the next form
                }
            }
            return null;
        }
    }

    private static Long number(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(s);
                return Double.isFinite(d) ? Math.round(d) : null;
            } catch (NumberFormatException e2) {
                return null;
            }
        }
    }

    private static int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("column '" + name + "' not in header " + String.join(",", header)
                + " (map columns with --id-col, --time-col, --capacity-col, --occupied-col)");
    }

    private static void count(Map<String, Integer> dropped, String reason) {
        dropped.merge(reason, 1, Integer::sum);
    }

    /** Splits one CSV line; double quotes protect delimiters, "" is a literal quote. */
    static String[] split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }
}
