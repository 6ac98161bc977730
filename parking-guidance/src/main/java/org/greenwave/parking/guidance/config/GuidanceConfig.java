package org.greenwave.parking.guidance.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of parking-guidance ({@code greenwave.parking.*}): car parks, signs, thresholds, forecasting. */
@ConfigMapping(prefix = "greenwave.parking")
public interface GuidanceConfig {

    /** Local time zone of the city (opening hours, calendar). */
    @WithDefault("Europe/Berlin")
    String zone();

    /** Public holidays counted as Sundays by the forecaster: none, DE, DE-NW. */
    @WithDefault("DE-NW")
    String holidays();

    /** How often staleness and opening hours are re-checked (scheduler syntax, e.g. 10s). */
    @WithDefault("10s")
    String tick();

    /** Car parks by id. */
    @WithName("car-parks")
    Map<String, CarPark> carParks();

    /** Guidance signs by id. */
    Map<String, Sign> signs();

    Thresholds thresholds();

    Forecast forecast();

    /** Publisher identity in DATEX II. */
    Datex datex();

    interface CarPark {
        String name();

        /** Spaces in total (a reading's own capacity wins when it differs, e.g. during construction works). */
        int capacity();

        double latitude();

        double longitude();

        /** OpenStreetMap-style, e.g. {@code Mo-Sa 07:00-24:00; Su 10:00-20:00}; default {@code 24/7}. */
        @WithName("opening-hours")
        @WithDefault("24/7")
        String openingHours();

        /** No reading for longer than this: stale (overrides the default). */
        @WithName("stale-after")
        Optional<Duration> staleAfter();
    }

    interface Sign {
        String name();

        /**
         * Lines in display order, each {@code carParkId direction travelMinutes}, e.g. {@code P-Rathaus left 4}
         * (direction: left, right, straight; travel time from the sign to the car park).
         */
        List<String> lines();
    }

    interface Thresholds {
        @WithName("almost-full-enter")
        @WithDefault("0.90")
        double almostFullEnter();

        @WithName("almost-full-exit")
        @WithDefault("0.85")
        double almostFullExit();

        @WithName("full-enter")
        @WithDefault("0.98")
        double fullEnter();

        @WithName("full-exit")
        @WithDefault("0.94")
        double fullExit();

        /** Free spaces at or below which a car park counts as full whatever the rate. */
        @WithName("full-free-spaces")
        @WithDefault("5")
        int fullFreeSpaces();

        /** Shortest time a status is shown before it changes between open / almost full / full. */
        @WithName("min-hold")
        @WithDefault("PT3M")
        Duration minHold();

        /** A shown free-space count changes only when the real one moved at least this much. */
        @WithName("free-spaces-deadband")
        @WithDefault("2")
        int freeSpacesDeadband();

        /** Default stale limit of a car park's feed. */
        @WithName("stale-after")
        @WithDefault("PT20M")
        Duration staleAfter();

        @WithName("fallback-message")
        @WithDefault("Parking guidance unavailable: follow the signposting")
        String fallbackMessage();
    }

    interface Forecast {
        @WithDefault("30,60,120")
        List<Integer> horizons();

        /** How often forecasts are refreshed. */
        @WithDefault("PT1M")
        Duration refresh();

        /** How often the forecaster is retrained on the history kept in memory (first time shortly after start). */
        @WithName("retrain-every")
        @WithDefault("PT6H")
        Duration retrainEvery();

        /** Delay of the first training after start (e.g. 60s or PT1M). */
        @WithName("first-training")
        @WithDefault("60s")
        Duration firstTraining();

        /** How much history is kept for training. */
        @WithName("keep-history")
        @WithDefault("P70D")
        Duration keepHistory();

        /** A forecaster saved by {@code ./greenwave parking-backtest --save-model DIR}, used until retrained. */
        @WithName("model-dir")
        Optional<String> modelDir();

        /** A CSV history (carParkId,timestamp,capacity,occupied) loaded at start, e.g. a synthetic one for the demo. */
        @WithName("history-csv")
        Optional<String> historyCsv();

        /** Most training epochs per retraining. */
        @WithName("max-epochs")
        @WithDefault("12")
        int maxEpochs();

        /** Retrain at all (off in tests that need a deterministic cold start). */
        @WithDefault("true")
        boolean retrain();
    }

    interface Datex {
        @WithDefault("DE")
        String country();

        @WithName("national-identifier")
        @WithDefault("greenwave-bergheim")
        String nationalIdentifier();
    }
}
