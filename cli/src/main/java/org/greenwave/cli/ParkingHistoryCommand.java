package org.greenwave.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.greenwave.parking.synthetic.CityHistoryGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a SYNTHETIC car-park occupancy history (CSV) for trying the backtest, the forecaster and the demo. */
@Command(name = "parking-history", mixinStandardHelpOptions = true,
        description = "Generate a synthetic (clearly labelled, not real) car-park occupancy history as CSV: "
                + "carParkId,timestamp,capacity,occupied.")
public final class ParkingHistoryCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "CSV file to write.")
    Path out;

    @Option(names = "--seed", description = "Random seed; the same seed gives the same file (default: 1).")
    long seed = 1;

    @Option(names = "--start", description = "First day, ISO date (default: 2026-01-05).")
    LocalDate start = LocalDate.of(2026, 1, 5);

    @Option(names = "--days", description = "Number of days (default: 84).")
    int days = 84;

    @Option(names = "--faults", description = "Sensor fault level: 0 clean, 1 realistic, 2 bad (default: 1).")
    double faults = 1.0;

    @Option(names = "--zone", description = "Local time zone of the city (default: Europe/Berlin).")
    String zone = "Europe/Berlin";

    @Option(names = "--report-minutes", description = "Every counter reports about this often (default: each its own, 2-15).")
    double reportMinutes = 0;

    @Option(names = "--feed-hours", description = "Feeds report only in these local hours, e.g. 8-17 (default: 0-24).")
    String feedHours = "0-24";

    @Override
    public Integer call() {
        if (days < 1) {
            System.err.println("greenwave: --days must be at least 1");
            return 2;
        }
        String[] hours = feedHours.split("-");
        if (hours.length != 2) {
            System.err.println("greenwave: --feed-hours must look like 8-17");
            return 2;
        }
        var options = new CityHistoryGenerator.Options(seed, start, days, ZoneId.of(zone), faults,
                CityHistoryGenerator.demoCarParks(), reportMinutes, Integer.parseInt(hours[0].trim()),
                Integer.parseInt(hours[1].trim()));
        new CityHistoryGenerator(options).write(out);
        System.out.println("wrote synthetic history of " + options.carParks().size() + " car parks, " + days
                + " days from " + start + " to " + out);
        return 0;
    }
}
