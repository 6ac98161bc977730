package org.greenwave.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of traffic-ingest ({@code greenwave.ingest.*}). */
@ConfigMapping(prefix = "greenwave.ingest")
public interface IngestConfig {

    /** How far ahead of the server clock a reading's timestamp may be. */
    @WithDefault("PT5M")
    Duration maxFutureSkew();

    /** How old a reading may be when it arrives; older ones are rejected as too late. */
    @WithDefault("PT24H")
    Duration maxAge();

    /** Most items in one HTTP batch. */
    @WithDefault("5000")
    int maxBatchItems();
}
