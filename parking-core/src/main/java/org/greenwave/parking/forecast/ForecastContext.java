package org.greenwave.parking.forecast;

import java.util.Map;
import org.greenwave.parking.data.Holidays;
import org.greenwave.parking.data.OccupancySeries;

/**
 * What a forecast is made against besides the car park's own recent readings: the seasonal profile and the
 * historical average, both built from history only (in a backtest: from the training period).
 */
public record ForecastContext(SeasonalProfile profile, HistoricalAverage average) {

    /** Builds both from every series' readings stamped in [from, to). */
    public static ForecastContext of(Map<String, OccupancySeries> history, long from, long to, Holidays holidays) {
        SeasonalProfile.Builder builder = SeasonalProfile.builder(holidays);
        HistoricalAverage average = new HistoricalAverage();
        for (OccupancySeries s : history.values()) {
            builder.add(s, from, to);
            average.add(s, from, to);
        }
        return new ForecastContext(builder.build(), average);
    }
}
