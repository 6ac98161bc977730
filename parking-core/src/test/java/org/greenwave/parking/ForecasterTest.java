package org.greenwave.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.greenwave.parking.backtest.Backtest;
import org.greenwave.parking.data.Calendar;
import org.greenwave.parking.data.CsvReadings;
import org.greenwave.parking.data.Holidays;
import org.greenwave.parking.data.Observation;
import org.greenwave.parking.data.OccupancySeries;
import org.greenwave.parking.forecast.ForecastContext;
import org.greenwave.parking.forecast.OccupancyForecaster;
import org.greenwave.parking.forecast.Prediction;
import org.greenwave.parking.forecast.Trainer;
import org.greenwave.parking.synthetic.CityHistoryGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small data and few epochs: this checks behaviour, the benchmark checks accuracy (docs/benchmarks.md). */
class ForecasterTest {

    private static final List<Integer> HORIZONS = List.of(30, 60, 120);
    private static Map<String, OccupancySeries> history;
    private static long trainUntil;
    private static Trainer.Result trained;

    @BeforeAll
    static void train() {
        var options = new CityHistoryGenerator.Options(11, LocalDate.of(2026, 2, 2), 24,
                java.time.ZoneId.of("Europe/Berlin"), 1.0, CityHistoryGenerator.demoCarParks().subList(0, 3));
        List<Observation> rows = new CityHistoryGenerator(options).generate().stream()
                .filter(o -> o.occupied() >= 0).toList();
        history = CsvReadings.byCarPark(rows);
        trainUntil = Instant.parse("2026-02-22T23:00:00Z").toEpochMilli();
        trained = Trainer.train(history, trainUntil, Trainer.Options.defaults(HORIZONS).withEpochs(3, 20_000), m -> { });
    }

    @Test
    void trainsANetworkAndBlendsIt() {
        assertThat(trained.forecaster().trained()).isTrue();
        assertThat(trained.report().epochs()).isBetween(1, 3);
        trained.forecaster().blendWeights().forEach((h, w) ->
                assertThat(w.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                        org.assertj.core.data.Offset.offset(1e-6)));
    }

    @Test
    void aForecastNeverSeesReadingsAfterItsOrigin() {
        OccupancySeries s = history.get("P-Rathaus");
        ForecastContext ctx = ForecastContext.of(history, 0, trainUntil, Holidays.NONE);
        long origin = Instant.parse("2026-02-24T10:07:00Z").toEpochMilli();
        List<Prediction> honest = trained.forecaster().forecast(s, ctx, origin, HORIZONS);

        // Same readings up to the origin, wildly different ones after it (including the targets).
        List<Observation> tampered = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            int occupied = s.time(i) > origin ? (s.capacity(i) - s.occupied(i)) : s.occupied(i);
            tampered.add(new Observation(s.carParkId(), s.time(i), s.offsetSeconds(i), s.capacity(i), occupied));
        }
        tampered.add(new Observation(s.carParkId(), origin + 1, 3600, s.capacity(0), 0));
        List<Prediction> after = trained.forecaster().forecast(OccupancySeries.of(s.carParkId(), tampered), ctx,
                origin, HORIZONS);
        assertThat(after).isEqualTo(honest);
        assertThat(honest).allSatisfy(p -> {
            assertThat(p.low()).isLessThanOrEqualTo(p.rate());
            assertThat(p.high()).isGreaterThanOrEqualTo(p.rate());
            assertThat(p.rate()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void savedForecasterPredictsTheSame(@TempDir Path dir) {
        OccupancySeries s = history.get("P-Marktplatz");
        ForecastContext ctx = ForecastContext.of(history, 0, trainUntil, Holidays.NONE);
        long origin = trainUntil + 30 * Calendar.HOUR;
        trained.forecaster().save(dir);
        OccupancyForecaster loaded = OccupancyForecaster.load(dir);
        assertThat(loaded.forecast(s, ctx, origin, HORIZONS)).isEqualTo(trained.forecaster().forecast(s, ctx, origin, HORIZONS));
    }

    @Test
    void coldStartFollowsTheProfileOfOtherCarParks() {
        ForecastContext ctx = ForecastContext.of(history, 0, trainUntil, Holidays.NONE);
        // A car park never seen before, one reading: forecasts exist and stay within [0, 1].
        OccupancySeries newcomer = OccupancySeries.of("P-New", List.of(
                new Observation("P-New", trainUntil + 10 * Calendar.HOUR, 3600, 100, 20)));
        List<Prediction> p = trained.forecaster().forecast(newcomer, ctx, trainUntil + 10 * Calendar.HOUR, HORIZONS);
        assertThat(p).hasSize(3).allSatisfy(x -> assertThat(x.rate()).isBetween(0.0, 1.0));
        List<Prediction> cold = OccupancyForecaster.coldStart(Holidays.NONE).forecast(newcomer, ctx,
                trainUntil + 10 * Calendar.HOUR, HORIZONS);
        assertThat(cold).hasSize(3).allSatisfy(x -> assertThat(x.high() - x.low()).isPositive());
    }

    @Test
    void backtestScoresEveryMethodOnTheSameTargets() {
        var outcome = Backtest.run(history, trainUntil, Trainer.Options.defaults(HORIZONS).withEpochs(1, 5_000), m -> { });
        long targets = history.values().stream().mapToLong(s -> s.size() - s.indexAtOrAfter(trainUntil)).sum();
        assertThat(outcome.results().keySet()).containsExactly("model", "persistence", "seasonal-naive",
                "historical-average");
        outcome.results().values().forEach(byH -> byH.forEach((h, score) -> {
            assertThat(score.n()).isEqualTo(targets);
            assertThat(score.rmse()).isGreaterThanOrEqualTo(score.mae());
        }));
        // Seasonal-naive does not depend on the horizon (target minus 7 days is before every origin here).
        var sn = outcome.results().get("seasonal-naive");
        assertThat(sn.get(30).mae()).isEqualTo(sn.get(120).mae());
        // Persistence gets worse with the horizon.
        var pe = outcome.results().get("persistence");
        assertThat(pe.get(120).mae()).isGreaterThan(pe.get(30).mae());
    }
}
