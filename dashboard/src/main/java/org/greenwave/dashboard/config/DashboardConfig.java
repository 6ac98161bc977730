package org.greenwave.dashboard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the dashboard ({@code greenwave.dashboard.*}). */
@ConfigMapping(prefix = "greenwave.dashboard")
public interface DashboardConfig {

    /** Base URL of signal-optimizer (intersections, plans, audit, engineer actions). */
    @WithDefault("http://localhost:8082")
    String signalOptimizerUrl();

    /** Base URL of parking-guidance (car parks, forecasts, signs). */
    @WithDefault("http://localhost:8083")
    String parkingGuidanceUrl();

    /** Base URL of traffic-ingest (health only: readings reach the dashboard through Kafka). */
    @WithDefault("http://localhost:8081")
    String trafficIngestUrl();

    /** The network map (JSON written by {@code ./greenwave demo} from the SUMO network); none: no street map. */
    Optional<String> networkMap();

    /** How often the browsers get the intersections' state. */
    @WithDefault("PT1S")
    Duration pushInterval();

    /** How often the services' health, sensors and dead letters are refreshed for the browsers. */
    @WithDefault("PT5S")
    Duration healthInterval();

    /** How often the car parks' states and forecasts are refreshed for the browsers (besides each reading). */
    @WithDefault("PT15S")
    Duration parkingInterval();

    /** Occupancy history kept per car park for the charts (event time). */
    @WithDefault("PT6H")
    Duration occupancyHistory();

    /** Timeout of calls to the services. */
    @WithDefault("PT5S")
    Duration upstreamTimeout();
}
