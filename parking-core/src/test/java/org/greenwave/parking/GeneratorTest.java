package org.greenwave.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.greenwave.parking.data.Observation;
import org.greenwave.parking.synthetic.CityHistoryGenerator;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    private static List<Observation> generate(long seed) {
        return new CityHistoryGenerator(CityHistoryGenerator.defaults(seed, LocalDate.of(2026, 3, 2), 14)).generate();
    }

    @Test
    void sameSeedSameHistoryOtherSeedOtherHistory() {
        assertThat(generate(3)).isEqualTo(generate(3));
        assertThat(generate(3)).isNotEqualTo(generate(4));
    }

    @Test
    void containsTheFaultsRealFeedsHave() {
        List<Observation> rows = generate(5);
        Set<Observation> seen = new HashSet<>();
        long duplicates = rows.stream().filter(o -> !seen.add(o)).count();
        assertThat(duplicates).as("duplicated rows").isPositive();
        assertThat(rows).anyMatch(o -> o.occupied() > o.capacity());
        assertThat(rows).anyMatch(o -> o.occupied() < 0);
        assertThat(rows.stream().map(Observation::carParkId).distinct()).hasSize(8);
        // Irregular sampling: intervals between a car park's readings vary.
        List<Long> times = rows.stream().filter(o -> o.carParkId().equals("P-Rathaus")).map(Observation::time).toList();
        Set<Long> gaps = new HashSet<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add((times.get(i) - times.get(i - 1)) / 60_000);
        }
        assertThat(gaps.size()).isGreaterThan(3);
    }

    @Test
    void saturdaysInTheCentreAreBusierThanSundays() {
        List<Observation> rows = generate(6);
        double saturday = meanAtNoon(rows, java.time.DayOfWeek.SATURDAY);
        double sunday = meanAtNoon(rows, java.time.DayOfWeek.SUNDAY);
        assertThat(saturday).isGreaterThan(sunday + 0.3);
    }

    @Test
    void fileSaysItIsSynthetic() throws Exception {
        var gen = new CityHistoryGenerator(CityHistoryGenerator.defaults(1, LocalDate.of(2026, 3, 2), 1));
        StringWriter w = new StringWriter();
        gen.write(gen.generate(), w);
        String[] lines = w.toString().split("\n");
        assertThat(lines[0]).startsWith("# SYNTHETIC");
        assertThat(lines[2]).isEqualTo("carParkId,timestamp,capacity,occupied");
        assertThat(lines[3]).matches("P-[A-Za-z]+,2026-03-0[12]T\\d\\d:\\d\\d:\\d\\d\\+01:00,\\d+,-?\\d+");
    }

    @Test
    void demoFeedSplitsHistoryAndLiveReadingsAtNow() {
        java.time.Instant now = java.time.Instant.parse("2026-03-05T09:30:00Z");
        var feed = org.greenwave.parking.synthetic.SyntheticFeed.around(now, 3, 9, java.time.ZoneId.of("Europe/Berlin"));
        assertThat(feed.history()).isNotEmpty().allMatch(o -> o.time() < now.toEpochMilli());
        var live = feed.between(now, now.plusSeconds(600));
        assertThat(live).isNotEmpty().allMatch(o -> o.time() > now.toEpochMilli()
                && o.time() <= now.plusSeconds(600).toEpochMilli());
    }

    private static double meanAtNoon(List<Observation> rows, java.time.DayOfWeek day) {
        return rows.stream().filter(o -> o.carParkId().equals("P-Rathaus"))
                .filter(o -> {
                    var t = java.time.Instant.ofEpochMilli(o.localTime()).atZone(java.time.ZoneOffset.UTC);
                    return t.getDayOfWeek() == day && t.getHour() == 12;
                })
                .mapToDouble(Observation::rate).average().orElseThrow();
    }
}
