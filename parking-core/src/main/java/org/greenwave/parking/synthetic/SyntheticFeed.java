package org.greenwave.parking.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.greenwave.parking.data.Observation;

/**
 * A SYNTHETIC city around "now", for the demo: the past weeks as a history (to preload parking-guidance with
 * {@code greenwave.parking.forecast.history-csv}, so forecasts are trained from the start) and the coming hours as
 * readings to replay in real time (to traffic-ingest or {@code field.parking-occupancy}). Same seed, same city.
 */
public final class SyntheticFeed {

    private final Instant now;
    private final CityHistoryGenerator generator;
    private final List<Observation> all;

    private SyntheticFeed(Instant now, CityHistoryGenerator generator) {
        this.now = now;
        this.generator = generator;
        this.all = generator.generate();
    }

    /** Generates {@code pastDays} before today and two days from today, in the city's zone. */
    public static SyntheticFeed around(Instant now, int pastDays, long seed, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        var options = new CityHistoryGenerator.Options(seed, today.minusDays(pastDays), pastDays + 2, zone, 1.0,
                CityHistoryGenerator.demoCarParks());
        return new SyntheticFeed(now, new CityHistoryGenerator(options));
    }

    /** Readings stamped before now. */
    public List<Observation> history() {
        return all.stream().filter(o -> o.time() < now.toEpochMilli()).toList();
    }

    /** Readings stamped in (from, to], in time order, for replaying as time passes. */
    public List<Observation> between(Instant from, Instant to) {
        return all.stream().filter(o -> o.time() > from.toEpochMilli() && o.time() <= to.toEpochMilli()).toList();
    }

    /** Writes {@link #history()} as a labelled synthetic CSV. */
    public void writeHistory(Path csv) {
        try {
            if (csv.toAbsolutePath().getParent() != null) {
                Files.createDirectories(csv.toAbsolutePath().getParent());
            }
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                generator.write(history(), w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv, e);
        }
    }
}
