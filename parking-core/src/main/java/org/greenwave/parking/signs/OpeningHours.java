package org.greenwave.parking.signs;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Opening hours in a small subset of the OpenStreetMap syntax: {@code 24/7}, or rules separated by {@code ;} such
 * as {@code Mo-Sa 07:00-24:00; Su 10:00-20:00}, {@code Su off}. Days not named are closed. A range ending after
 * midnight ({@code 22:00-02:00}) runs into the next day.
 */
public final class OpeningHours {

    private static final List<String> DAYS = List.of("mo", "tu", "we", "th", "fr", "sa", "su");
    private final String text;
    private final Map<DayOfWeek, List<LocalTime[]>> ranges;
    private final boolean always;

    private OpeningHours(String text, Map<DayOfWeek, List<LocalTime[]>> ranges, boolean always) {
        this.text = text;
        this.ranges = ranges;
        this.always = always;
    }

    public static final OpeningHours ALWAYS = new OpeningHours("24/7", Map.of(), true);

    public static OpeningHours parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equals("24/7")) {
            return ALWAYS;
        }
        Map<DayOfWeek, List<LocalTime[]>> ranges = new EnumMap<>(DayOfWeek.class);
        for (String rule : t.split(";")) {
            String r = rule.trim();
            if (r.isEmpty()) {
                continue;
            }
            String[] parts = r.split("\\s+", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("opening hours rule '" + r + "': expected e.g. 'Mo-Fr 07:00-20:00'");
            }
            List<DayOfWeek> days = days(parts[0]);
            if (parts[1].equalsIgnoreCase("off") || parts[1].equalsIgnoreCase("closed")) {
                days.forEach(d -> ranges.put(d, new ArrayList<>()));
                continue;
            }
            for (String span : parts[1].split(",")) {
                String[] hm = span.trim().split("-");
                if (hm.length != 2) {
                    throw new IllegalArgumentException("opening hours range '" + span + "': expected HH:MM-HH:MM");
                }
                LocalTime from = time(hm[0]);
                LocalTime to = hm[1].trim().equals("24:00") ? LocalTime.MAX : time(hm[1]);
                for (DayOfWeek d : days) {
                    ranges.computeIfAbsent(d, k -> new ArrayList<>()).add(new LocalTime[] {from, to});
                }
            }
        }
        return new OpeningHours(t, ranges, false);
    }

    public boolean isOpen(ZonedDateTime at) {
        if (always) {
            return true;
        }
        LocalTime time = at.toLocalTime();
        for (LocalTime[] r : ranges.getOrDefault(at.getDayOfWeek(), List.of())) {
            if (r[1].isAfter(r[0]) ? !time.isBefore(r[0]) && time.isBefore(r[1]) : !time.isBefore(r[0])) {
                return true;
            }
        }
        // Ranges of the day before that run past midnight.
        for (LocalTime[] r : ranges.getOrDefault(at.getDayOfWeek().minus(1), List.of())) {
            if (!r[1].isAfter(r[0]) && time.isBefore(r[1])) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<DayOfWeek> days(String spec) {
        List<DayOfWeek> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] range = part.trim().toLowerCase(Locale.ROOT).split("-");
            int from = day(range[0]);
            int to = range.length > 1 ? day(range[1]) : from;
            for (int d = from; ; d = (d + 1) % 7) {
                out.add(DayOfWeek.of(d + 1));
                if (d == to) {
                    break;
                }
            }
        }
        return out;
    }

    private static int day(String s) {
        int i = DAYS.indexOf(s.trim());
        if (i < 0) {
            throw new IllegalArgumentException("unknown day '" + s + "' (Mo Tu We Th Fr Sa Su)");
        }
        return i;
    }

    private static LocalTime time(String s) {
        return LocalTime.parse(s.trim().length() == 4 ? "0" + s.trim() : s.trim());
    }
}
