package org.greenwave.optimizer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of signal-optimizer ({@code greenwave.optimizer.*}). */
@ConfigMapping(prefix = "greenwave.optimizer")
public interface OptimizerConfig {

    /** Event time between two cycle plans for intersections whose controller does not report its state. */
    @WithDefault("PT5S")
    Duration decisionInterval();

    /** Detector readings older than this (in event time) are not used for a plan. */
    @WithDefault("PT120S")
    Duration staleAfter();

    /** Event time between two proposals in ADVISORY mode. */
    @WithDefault("PT5M")
    Duration advisoryInterval();

    /** Shortest green the optimizer gives (the safety validator's minimum stays authoritative). */
    @WithDefault("10")
    int minGreenSeconds();

    /**
     * A phase with waiting vehicles is served at the latest after this red time. A minute: a longer red lets a queue
     * reach back past the detectors into the junction upstream (or the network's edge), which no queue model here sees.
     */
    @WithDefault("60")
    int maxRedSeconds();

    /** {@code learned} (the discharge model) or {@code rules} (the heuristic, e.g. for an ablation). */
    @WithDefault("learned")
    String forecaster();

    /**
     * How the switch decision is made: {@code lookahead} (a rolling-horizon queue model over the next 90 s, with the
     * forecaster for the current green) or {@code pressure} (the forecaster against the other phases' pressure).
     */
    @WithDefault("lookahead")
    String decision();

    /** Directory of a trained model (from ./greenwave train-signals); the shipped default model when absent. */
    Optional<String> modelDir();

    /** Audit entries kept in memory per intersection for queries (all are in Kafka). */
    @WithDefault("2000")
    int auditEntriesPerIntersection();
}
