package org.greenwave.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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

    @Override
    public Integer call() {
        return Greenwave.notAvailable("parking-backtest (occupancy forecaster)", "issue #6");
    }
}
