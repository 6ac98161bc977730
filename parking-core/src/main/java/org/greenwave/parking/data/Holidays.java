package org.greenwave.parking.data;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public holidays, which behave like Sundays in a car park. Only regions we know are built in ({@code DE-NW},
 * North Rhine-Westphalia, where Bergheim is); {@code none} turns the feature off, which is the safe choice for data
 * from elsewhere (a wrong holiday calendar is worse than none).
 */
public final class Holidays {

    private final String region;
    private final ConcurrentHashMap<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    private Holidays(String region) {
        this.region = region;
    }

    public static final Holidays NONE = new Holidays("none");

    /** {@code none}, {@code DE} (nationwide) or {@code DE-NW}. */
    public static Holidays of(String region) {
        String r = region == null ? "none" : region.trim().toUpperCase(Locale.ROOT);
        return switch (r) {
            case "NONE", "" -> NONE;
            case "DE", "DE-NW" -> new Holidays(r);
            default -> throw new IllegalArgumentException("unknown holiday region " + region + " (none, DE, DE-NW)");
        };
    }

    public String region() {
        return region;
    }

    public boolean isHoliday(LocalDate date) {
        if (this == NONE) {
            return false;
        }
        return byYear.computeIfAbsent(date.getYear(), this::compute).contains(date);
    }

    private Set<LocalDate> compute(int year) {
        Set<LocalDate> days = new HashSet<>();
        for (MonthDay md : new MonthDay[] {MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(10, 3),
                MonthDay.of(12, 25), MonthDay.of(12, 26)}) {
            days.add(md.atYear(year));
        }
        LocalDate easter = easterSunday(year);
        days.add(easter.minusDays(2));
        days.add(easter.plusDays(1));
        days.add(easter.plusDays(39));
        days.add(easter.plusDays(50));
        if (region.equals("DE-NW")) {
            days.add(easter.plusDays(60)); // Corpus Christi
            days.add(MonthDay.of(11, 1).atYear(year));
        }
        return days;
    }

    /** Gregorian Easter Sunday (anonymous Gregorian algorithm). */
    static LocalDate easterSunday(int y) {
        int a = y % 19;
        int b = y / 100;
        int c = y % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(y, month, day);
    }
}
