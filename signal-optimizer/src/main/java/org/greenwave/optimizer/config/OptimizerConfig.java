package org.greenwave.optimizer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of signal-optimizer ({@code greenwave.optimizer.*}). */
@ConfigMapping(prefix = "greenwave.optimizer")
public interface OptimizerConfig {

    /** Event time between two plans for one intersection. */
    @WithDefault("PT5S")
    Duration decisionInterval();

    /** Detector readings older than this (in event time) are not used for a plan. */
    @WithDefault("PT120S")
    Duration staleAfter();
}
