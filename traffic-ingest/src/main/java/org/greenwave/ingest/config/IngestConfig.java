package org.greenwave.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenwave.ingest.service.DeviceRegistry.UnknownDevices;

/** Settings of traffic-ingest ({@code greenwave.ingest.*}); the README explains each rule. */
@ConfigMapping(prefix = "greenwave.ingest")
public interface IngestConfig {

    /** How far ahead of the server clock a reading's timestamp may be. */
    @WithDefault("PT5M")
    Duration maxFutureSkew();

    /** How old a reading may be when it arrives; older ones are rejected as too late. */
    @WithDefault("PT24H")
    Duration maxAge();

    /** Most items in one HTTP batch (more: 413). */
    @WithDefault("5000")
    int maxBatchItems();

    /** Largest HTTP body in bytes (more: 413). */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** A car park may report up to this many times its capacity as occupied; above, the reading is implausible. */
    @WithDefault("2.0")
    double overCapacityFactor();

    /** Readings for ids not registered: {@code register} them (demo) or {@code reject} them. */
    @WithDefault("register")
    UnknownDevices unknownDevices();

    /** Most devices the registry holds (bounds memory and per-device metrics). */
    @WithDefault("20000")
    int maxDevices();

    /** Readings per device remembered to recognise duplicates. */
    @WithDefault("512")
    int dedupWindow();

    /**
     * At start, read back the validated topics' records of this last stretch of time into the duplicate windows,
     * so that a retry of a batch accepted before a restart is still recognised. PT0S turns it off.
     */
    @WithDefault("PT15M")
    Duration dedupRestore();

    /** Publish a last-seen gauge per device (one time series each). */
    @WithDefault("true")
    boolean perDeviceMetrics();

    Registry registry();

    Health health();

    Producer producer();

    /** Devices known from configuration. */
    interface Registry {
        /** Intersection id to its detector ids, e.g. {@code greenwave.ingest.registry.intersections.A0=A0_w_0,A0_e_0}. */
        Map<String, List<String>> intersections();

        /** Car park ids. */
        Optional<List<String>> carParks();
    }

    /** Stale and stuck sensor detection. */
    interface Health {
        @WithDefault("PT1S")
        Duration checkInterval();

        @WithDefault("5")
        int stuckMinReadings();

        @WithDefault("PT3M")
        Duration detectorStaleAfter();

        @WithDefault("PT30M")
        Duration detectorStuckAfter();

        @WithDefault("PT15M")
        Duration carParkStaleAfter();

        @WithDefault("PT12H")
        Duration carParkStuckAfter();
    }

    /**
     * The Kafka producer of validated readings, dead letters and sensor status. acks=all and idempotence are not
     * settings: the 2xx promise depends on them.
     */
    interface Producer {
        @WithDefault("5")
        int lingerMs();

        @WithDefault("131072")
        int batchSize();

        /** none, lz4, zstd, snappy or gzip. */
        @WithDefault("lz4")
        String compression();

        @WithDefault("67108864")
        long bufferMemory();

        /** How long a write may take before the request answers 503 (the device retries). */
        @WithDefault("PT30S")
        Duration deliveryTimeout();

        /** How long a send may wait for buffer space before failing (never long: it runs on an I/O thread). */
        @WithDefault("PT1S")
        Duration maxBlock();
    }
}
