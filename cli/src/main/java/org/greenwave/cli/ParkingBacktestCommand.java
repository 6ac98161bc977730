package org.greenwave.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.greenwave.parking.backtest.Backtest;
import org.greenwave.parking.backtest.BacktestReport;
import org.greenwave.parking.data.CsvReadings;
import org.greenwave.parking.data.Holidays;
import org.greenwave.parking.data.OccupancySeries;
import org.greenwave.parking.forecast.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "parking-backtest", mixinStandardHelpOptions = true,
        description = "Train the occupancy forecaster on readings before --train-until and score it against baselines.")
public final class ParkingBacktestCommand implements Callable<Integer> {

    @Option(names = "--csv", required = true, description = "Occupancy readings (CSV).")
    Path csv;

    @Option(names = "--train-until", required = true, description = "ISO-8601 timestamp: train before, score at or after.")
    String trainUntil;

    @Option(names = "--horizons", split = ",", description = "Forecast horizons in minutes (default: 30,60,120).")
    List<Integer> horizons = List.of(30, 60, 120);

    @Option(names = "--id-col", description = "Car-park id column (default: carParkId).")
    String idCol = "carParkId";

    @Option(names = "--capacity-col", description = "Capacity column (default: capacity).")
    String capacityCol = "capacity";

    @Option(names = "--occupied-col", description = "Occupied column (default: occupied).")
    String occupiedCol = "occupied";

    @Option(names = "--time-col", description = "Timestamp column (default: timestamp).")
    String timeCol = "timestamp";

    @Option(names = "--out", description = "Output directory (default: parking-backtest).")
    Path out = Path.of("parking-backtest");

    @Option(names = "--zone", description = "Time zone for weekday and time of day, and for timestamps without "
            + "offset (default: the offset written in each timestamp; none written: UTC).")
    String zone;

    @Option(names = "--holidays", description = "Public holidays treated like Sundays: none, DE, DE-NW (default: none).")
    String holidays = "none";

    @Option(names = "--seed", description = "Random seed of training (default: 42).")
    long seed = 42;

    @Option(names = "--max-epochs", description = "Most training epochs (early stopping ends sooner; default: 20).")
    int maxEpochs = 20;

    @Option(names = "--save-model", description = "Also write the trained forecaster to this directory.")
    Path saveModel;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        ZoneId z = zone == null ? null : ZoneId.of(zone);
        Instant cut;
        try {
            cut = parseTime(trainUntil, z);
        } catch (DateTimeParseException e) {
            System.err.println("greenwave: --train-until '" + trainUntil + "' is not an ISO-8601 timestamp");
            return 2;
        }
        if (horizons.isEmpty() || horizons.stream().anyMatch(h -> h <= 0)) {
            System.err.println("greenwave: --horizons must be positive minutes");
            return 2;
        }
        System.err.println("reading " + csv + " ...");
        CsvReadings.Result data;
        try {
            data = CsvReadings.read(csv, new CsvReadings.Columns(idCol, timeCol, capacityCol, occupiedCol), z);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("greenwave: " + e.getMessage());
            return 2;
        }
        Map<String, OccupancySeries> series = CsvReadings.byCarPark(data.readings());
        System.err.printf("read %,d rows: %,d readings of %d car parks kept, %,d dropped %s%n", data.rows(),
                data.readings().size(), series.size(), data.droppedTotal(), data.dropped());
        long before = data.readings().stream().filter(o -> o.time() < cut.toEpochMilli()).count();
        if (before == 0 || before == data.readings().size()) {
            System.err.println("greenwave: --train-until " + cut + " leaves " + (before == 0 ? "no training" : "no test")
                    + " readings");
            return 2;
        }
        Trainer.Options options = Trainer.Options.defaults(List.copyOf(horizons))
                .withHolidays(Holidays.of(holidays));
        options = new Trainer.Options(options.horizons(), options.holidays(), seed, maxEpochs, options.patience(),
                options.maxSamples(), options.hidden(), options.batchSize());
        Backtest.Outcome outcome = Backtest.run(series, cut.toEpochMilli(), options,
                message -> System.err.printf("[%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, message));

        Map<String, Object> input = new LinkedHashMap<>();
        input.put("csv", csv.toString());
        input.put("trainUntil", cut.toString());
        input.put("horizons", horizons);
        input.put("zone", zone == null ? "as written" : zone);
        input.put("holidays", holidays);
        input.put("seed", seed);
        input.put("rows", data.rows());
        input.put("readings", data.readings().size());
        input.put("dropped", data.dropped());
        input.put("seconds", Math.round((System.nanoTime() - started) / 1e9));
        BacktestReport.write(out, outcome, input);
        if (saveModel != null) {
            outcome.forecaster().save(saveModel);
            System.err.println("saved the forecaster to " + saveModel);
        }
        System.out.print(BacktestReport.table(outcome));
        System.out.println("wrote " + out.resolve("summary.json") + ", details.json, report.html");
        return 0;
    }

    static Instant parseTime(String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            ZoneId z = zone == null ? ZoneOffset.UTC : zone;
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).atZone(z).toInstant();
            } catch (DateTimeParseException e2) {
                return LocalDate.parse(text).atStartOfDay(z).toInstant();
            }
        }
    }
}
