package org.greenwave.parking.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.greenwave.parking.data.Holidays;
import org.greenwave.parking.data.Observation;

/**
 * Generates a SYNTHETIC occupancy history for a small city's car parks, for tests, the demo and benchmarks. It is
 * not real data and says so in the file it writes. It plays what real feeds do: weekday / weekend / time-of-day
 * profiles per kind of car park, shopping Saturdays (busier before Christmas), a shopping Sunday, events at the
 * leisure car park spilling into the centre, public holidays (NRW) like Sundays, closures, day-to-day weather
 * swings; and what real sensors do: irregular reporting intervals, feeds silent at night, dropouts, stuck values,
 * spikes, counters that drift (above capacity, even negative), duplicated rows, a capacity change for construction
 * works. Deterministic for a seed.
 */
public final class CityHistoryGenerator {

    /** What a car park is used for: decides its daily profile. */
    public enum Kind { CENTRE, COMMUTER, STATION, HOSPITAL, LEISURE }

    /**
     * @param reportMinutes mean interval between reports of the counter
     * @param nightSilent   the feed stops overnight (00:30-06:00)
     */
    public record CarPark(String id, int capacity, Kind kind, double reportMinutes, boolean nightSilent) {
    }

    /**
     * @param faults        scale of sensor faults (0 = clean feeds, 1 = realistic, 2 = bad)
     * @param reportMinutes when above 0, every counter reports at this mean interval instead of its own
     * @param feedFromHour  feeds report only from this local hour ...
     * @param feedToHour    ... until this one (0-24: around the clock), like feeds that stop overnight
     */
    public record Options(long seed, LocalDate start, int days, ZoneId zone, double faults, List<CarPark> carParks,
                          double reportMinutes, int feedFromHour, int feedToHour) {
        public Options(long seed, LocalDate start, int days, ZoneId zone, double faults, List<CarPark> carParks) {
            this(seed, start, days, zone, faults, carParks, 0, 0, 24);
        }
    }

    /** Eight fictional car parks of a Bergheim-sized town (ids shared with the demo configuration). */
    public static List<CarPark> demoCarParks() {
        return List.of(
                new CarPark("P-Rathaus", 420, Kind.CENTRE, 5, false),
                new CarPark("P-Marktplatz", 180, Kind.CENTRE, 2, true),
                new CarPark("P-Hauptstrasse", 260, Kind.CENTRE, 10, false),
                new CarPark("P-Bahnhof", 577, Kind.STATION, 5, false),
                new CarPark("P-Kreishaus", 350, Kind.COMMUTER, 15, true),
                new CarPark("P-Klinikum", 300, Kind.HOSPITAL, 5, false),
                new CarPark("P-Medio", 450, Kind.LEISURE, 3, false),
                new CarPark("P-Erftpark", 150, Kind.COMMUTER, 10, false));
    }

    public static Options defaults(long seed, LocalDate start, int days) {
        return new Options(seed, start, days, ZoneId.of("Europe/Berlin"), 1.0, demoCarParks());
    }

    private final Options options;
    private final Holidays holidays = Holidays.of("DE-NW");

    public CityHistoryGenerator(Options options) {
        this.options = options;
    }

    /** All readings of all car parks, sorted by time. Negative counts are kept (the reader drops them). */
    public List<Observation> generate() {
        SplittableRandom root = new SplittableRandom(options.seed());
        int days = options.days();
        // City-wide day factors (weather, school holidays ...), shared by every car park.
        double[] cityDay = new double[days];
        double ar = 0;
        for (int d = 0; d < days; d++) {
            ar = 0.6 * ar + root.nextGaussian() * 0.07;
            cityDay[d] = Math.exp(ar);
        }
        boolean[] event = new boolean[days];
        double[] eventStart = new double[days];
        double[] eventSize = new double[days];
        for (int d = 0; d < days; d++) {
            DayOfWeek dow = options.start().plusDays(d).getDayOfWeek();
            double p = dow == DayOfWeek.FRIDAY || dow == DayOfWeek.SATURDAY ? 0.3 : 0.08;
            if (root.nextDouble() < p) {
                event[d] = true;
                eventStart[d] = 18 + root.nextInt(3) + (root.nextBoolean() ? 0.5 : 0);
                eventSize[d] = 0.25 + 0.45 * root.nextDouble();
            }
        }
        List<Observation> out = new ArrayList<>();
        for (CarPark park : options.carParks()) {
            generate(park, root.split(), cityDay, event, eventStart, eventSize, out);
        }
        out.sort(Comparator.comparingLong(Observation::time));
        return out;
    }

    private void generate(CarPark park, SplittableRandom rnd, double[] cityDay, boolean[] event, double[] eventStart,
                          double[] eventSize, List<Observation> out) {
        double faults = options.faults();
        ZoneId zone = options.zone();
        long startMillis = options.start().atStartOfDay(zone).toInstant().toEpochMilli();
        long endMillis = options.start().plusDays(options.days()).atStartOfDay(zone).toInstant().toEpochMilli();
        int minutes = (int) ((endMillis - startMillis) / 60_000);

        // Day-level state: own swing, closure days, a construction period with fewer spaces.
        double[] ownDay = new double[options.days()];
        boolean[] closed = new boolean[options.days()];
        for (int d = 0; d < options.days(); d++) {
            ownDay[d] = Math.exp(rnd.nextGaussian() * 0.05);
            closed[d] = rnd.nextDouble() < 0.012;
        }
        int constructionFrom = rnd.nextDouble() < 0.4 ? rnd.nextInt(Math.max(1, options.days())) : -1;
        int constructionDays = 7 + rnd.nextInt(21);

        // Faults, as intervals in minutes from the start.
        List<long[]> dropouts = intervals(rnd, minutes, 0.10 * faults, 30, 12 * 60);
        List<long[]> stuck = intervals(rnd, minutes, 0.05 * faults, 60, 8 * 60);

        double noise = 0;
        double drift = 0;
        double latent = 0;
        double interval = options.reportMinutes() > 0 ? options.reportMinutes() : park.reportMinutes();
        double nextReport = rnd.nextDouble() * interval;
        int stuckValue = -1;
        for (int m = 0; m < minutes; m++) {
            long time = startMillis + m * 60_000L;
            ZonedDateTime local = Instant.ofEpochMilli(time).atZone(zone);
            int d = (int) java.time.temporal.ChronoUnit.DAYS.between(options.start(), local.toLocalDate());
            if (d < 0 || d >= options.days()) {
                continue;
            }
            double hour = local.getHour() + local.getMinute() / 60.0;
            LocalDate date = local.toLocalDate();
            if (hour == 3.0) {
                drift = 0; // counters are recalibrated at night
            }
            noise = noise * Math.exp(-1 / 45.0) + rnd.nextGaussian() * 0.03 * Math.sqrt(2 / 45.0);
            drift += rnd.nextGaussian() * 0.04 * faults;
            double target = closed[d] ? 0.0
                    : profile(park.kind(), date, hour) * cityDay[d] * ownDay[d] + noise
                      + eventBump(park.kind(), hour, event[d], eventStart[d], eventSize[d]);
            // Occupancy moves towards its target with inertia (cars do not appear at once).
            latent += (target - latent) * 0.15;
            double rate = Math.max(0, Math.min(1.06, latent));
            int capacity = park.capacity();
            if (constructionFrom >= 0 && d >= constructionFrom && d < constructionFrom + constructionDays) {
                capacity = (int) Math.round(park.capacity() * 0.8);
            }
            if (m < nextReport) {
                continue;
            }
            nextReport = m + interval * (0.6 + 0.8 * rnd.nextDouble());
            if (park.nightSilent() && (hour >= 0.5 && hour < 6.0)
                    || hour < options.feedFromHour() || hour >= options.feedToHour()) {
                continue;
            }
            if (inside(dropouts, m)) {
                continue;
            }
            int occupied = (int) Math.round(rate * capacity + drift + rnd.nextGaussian() * 1.2);
            if (inside(stuck, m)) {
                if (stuckValue < 0) {
                    stuckValue = Math.max(0, occupied);
                }
                occupied = stuckValue;
            } else {
                stuckValue = -1;
            }
            if (rnd.nextDouble() < 0.002 * faults) {
                occupied = rnd.nextInt((int) (capacity * 1.3) + 1); // a spike: one garbage value
            }
            if (rnd.nextDouble() < 0.0005 * faults) {
                occupied = -1 - rnd.nextInt(5); // a negative count, as some controllers send
            }
            Observation o = new Observation(park.id(), time + rnd.nextInt(60) * 1000L, local.getOffset().getTotalSeconds(),
                    capacity, occupied);
            out.add(o);
            if (rnd.nextDouble() < 0.01 * faults) {
                out.add(o); // duplicated by a retrying gateway
            }
        }
    }

    /** Typical occupancy rate by kind of car park, date (weekday, holidays, pre-Christmas) and hour. */
    double profile(Kind kind, LocalDate date, double h) {
        DayOfWeek dow = date.getDayOfWeek();
        boolean holiday = holidays.isHoliday(date);
        boolean sunday = dow == DayOfWeek.SUNDAY || holiday;
        boolean saturday = dow == DayOfWeek.SATURDAY && !holiday;
        boolean shoppingSunday = sunday && !holiday && date.getMonthValue() == 10
                && date.equals(date.with(TemporalAdjusters.firstInMonth(DayOfWeek.SUNDAY)));
        boolean advent = date.getMonthValue() == 12 && date.getDayOfMonth() <= 23
                || date.getMonthValue() == 11 && date.getDayOfMonth() >= 25;
        double shopping = advent ? 1.2 : 1.0;
        // First Saturday of a month: the busy "long shopping Saturday".
        if (saturday && date.getDayOfMonth() <= 7) {
            shopping *= 1.12;
        }
        return switch (kind) {
            case CENTRE -> {
                if (sunday && !shoppingSunday) {
                    yield 0.05 + 0.15 * bump(h, 15, 2.5);
                }
                if (saturday || shoppingSunday) {
                    yield Math.min(1.04, 0.06 + 0.88 * shopping * bump(h, 13, 3.2));
                }
                yield 0.06 + shopping * (0.5 * bump(h, 11.5, 2.2) + 0.35 * bump(h, 16.5, 2.0));
            }
            case COMMUTER -> {
                if (sunday) {
                    yield 0.04;
                }
                if (saturday) {
                    yield 0.05 + 0.2 * bump(h, 12, 2.5);
                }
                yield 0.05 + 0.88 * rise(h, 7.6, 0.6) * (1 - rise(h, 16.8, 0.8));
            }
            case STATION -> {
                double day = sunday ? 0.3 : saturday ? 0.4 : 0.75;
                yield 0.12 + day * rise(h, 6.5, 0.7) * (1 - rise(h, 19.0, 1.2)) + 0.1 * bump(h, 21, 1.5);
            }
            case HOSPITAL -> {
                double staff = sunday || saturday ? 0.3 : 0.5;
                yield 0.2 + staff * rise(h, 6.8, 0.5) * (1 - rise(h, 16.0, 1.0))
                        + 0.3 * bump(h, sunday || saturday ? 15.5 : 17.5, 1.5);
            }
            case LEISURE -> {
                double evening = dow == DayOfWeek.FRIDAY || saturday ? 0.7 : 0.4;
                yield 0.05 + evening * bump(h, 20.5, 1.6) + (sunday || saturday ? 0.45 * bump(h, 15, 2.2) : 0.1 * bump(h, 12.5, 1.5));
            }
        };
    }

    private static double eventBump(Kind kind, double h, boolean event, double start, double size) {
        if (!event) {
            return 0;
        }
        double share = switch (kind) {
            case LEISURE -> 1.0;
            case CENTRE -> 0.35;
            case STATION -> 0.2;
            default -> 0.0;
        };
        return share * size * rise(h, start - 0.5, 0.3) * (1 - rise(h, start + 3, 0.4));
    }

    private static double bump(double h, double centre, double width) {
        double z = (h - centre) / width;
        return Math.exp(-0.5 * z * z);
    }

    private static double rise(double h, double at, double width) {
        return 1 / (1 + Math.exp(-(h - at) / width));
    }

    private static List<long[]> intervals(SplittableRandom rnd, int minutes, double perDay, int minLen, int maxLen) {
        List<long[]> out = new ArrayList<>();
        int count = (int) Math.round(perDay * minutes / 1440.0 + rnd.nextDouble() - 0.5);
        for (int i = 0; i < count; i++) {
            long from = rnd.nextInt(Math.max(1, minutes));
            out.add(new long[] {from, from + minLen + rnd.nextInt(maxLen - minLen + 1)});
        }
        return out;
    }

    private static boolean inside(List<long[]> intervals, long m) {
        for (long[] iv : intervals) {
            if (m >= iv[0] && m < iv[1]) {
                return true;
            }
        }
        return false;
    }

    /** Writes the CSV ({@code carParkId,timestamp,capacity,occupied}) with a header comment saying it is synthetic. */
    public void write(Path file) {
        List<Observation> rows = generate();
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                write(rows, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public void write(List<Observation> rows, Writer w) throws IOException {
        w.write("# SYNTHETIC occupancy history generated by greenwave (CityHistoryGenerator), not real data.\n");
        w.write(String.format(java.util.Locale.ROOT,
                "# seed=%d start=%s days=%d zone=%s faults=%.2f car parks=%d report-minutes=%s feed-hours=%d-%d%n",
                options.seed(), options.start(), options.days(), options.zone(), options.faults(),
                options.carParks().size(), options.reportMinutes() > 0 ? options.reportMinutes() : "own",
                options.feedFromHour(), options.feedToHour()));
        w.write("carParkId,timestamp,capacity,occupied\n");
        StringBuilder line = new StringBuilder(64);
        for (Observation o : rows) {
            line.setLength(0);
            line.append(o.carParkId()).append(',')
                    .append(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochMilli(o.time())
                            .atOffset(java.time.ZoneOffset.ofTotalSeconds(o.offsetSeconds()))))
                    .append(',').append(o.capacity()).append(',').append(o.occupied()).append('\n');
            w.write(line.toString());
        }
    }
}
