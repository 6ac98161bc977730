package org.greenwave.ingest.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.Header;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.SensorStatus;
import org.greenwave.ingest.config.IngestConfig;
import org.greenwave.ingest.service.DeviceRegistry;
import org.greenwave.ingest.service.DeviceState;
import org.greenwave.ingest.service.DeviceState.Origin;
import org.greenwave.ingest.service.HealthRules;
import org.greenwave.ingest.service.IngestService;
import org.jboss.logging.Logger;

/**
 * Keeps the registry in step with {@code registry.intersections} (what configuration tools and the digital twin
 * publish), and announces sensor health changes on {@code traffic.sensor-status}. At start it reads back the
 * statuses announced before, so that a restart neither repeats them nor forgets to clear them.
 */
@ApplicationScoped
public class RegistryAndHealth {

    private static final Logger LOG = Logger.getLogger(RegistryAndHealth.class);
    private static final Header SCHEMA = KafkaWriter.schemaHeader(SensorStatus.SCHEMA);

    private final IngestService ingest;
    private final KafkaWriter writer;
    private final IngestConfig config;
    private final Map<String, Object> kafka;
    private TopicReader intersections;
    private TopicReader statuses;
    private final java.util.List<TopicReader> restores = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean restoring = true;
    private ScheduledExecutorService sweeper;

    public RegistryAndHealth(IngestService ingest, KafkaWriter writer, IngestConfig config,
                             @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.ingest = ingest;
        this.writer = writer;
        this.config = config;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent event) {
        DeviceRegistry registry = ingest.registry();
        intersections = new TopicReader(kafka, Topics.INTERSECTIONS, true, record -> {
            String id = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                if (id != null) {
                    registry.unregister(id);
                }
                return;
            }
            registry.register(Json.fromBytes(record.value(), Intersection.class), Origin.TWIN);
        }).start(() -> {
            LOG.infof("registry: %d devices known", registry.size());
            restoreDuplicateWindows();
            checkReady();
        });
        statuses = new TopicReader(kafka, Topics.SENSOR_STATUS, false, record -> {
            SensorStatus s = Json.fromBytes(record.value(), SensorStatus.class);
            registry.announcedBefore(s.deviceId(), s.kind(), s.status());
        }).start(() -> {
            startSweeps();
            checkReady();
        });
    }

    /**
     * Once the registry is loaded (so that restored readings resolve to the devices it knows), reads the validated
     * topics' recent records back into the duplicate windows.
     */
    private void restoreDuplicateWindows() {
        long seconds = config.dedupRestore().toSeconds();
        if (seconds <= 0) {
            restoring = false;
            return;
        }
        long from = System.currentTimeMillis() - config.dedupRestore().toMillis();
        java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger(2);
        java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
        Runnable done = () -> {
            if (pending.decrementAndGet() == 0) {
                restoring = false;
                LOG.infof("duplicate windows: %d readings of the last %d s restored", count.get(), seconds);
                checkReady();
            }
        };
        restores.add(new TopicReader(kafka, Topics.DETECTOR_READINGS, false, record -> {
            ingest.restore(DeviceState.Kind.DETECTOR, record.value());
            count.incrementAndGet();
        }).from(from).start(done));
        restores.add(new TopicReader(kafka, Topics.PARKING_OCCUPANCY, false, record -> {
            ingest.restore(DeviceState.Kind.CAR_PARK, record.value());
            count.incrementAndGet();
        }).from(from).start(done));
    }

    private synchronized void checkReady() {
        if (ready()) {
            ingest.markReady();
        }
    }

    /** Registry loaded, duplicate windows restored, earlier statuses read: readings may be judged. */
    public boolean ready() {
        return intersections != null && intersections.caughtUp() && statuses.caughtUp() && !restoring;
    }

    private void startSweeps() {
        IngestConfig.Health h = config.health();
        HealthRules detectors = new HealthRules(h.detectorStaleAfter(), h.detectorStuckAfter(), h.stuckMinReadings());
        HealthRules carParks = new HealthRules(h.carParkStaleAfter(), h.carParkStuckAfter(), h.stuckMinReadings());
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sensor-health");
            t.setDaemon(true);
            return t;
        });
        long every = h.checkInterval().toMillis();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                DeviceRegistry registry = ingest.registry();
                List<SensorStatus> changes = registry.sweep(detectors, carParks);
                for (SensorStatus change : changes) {
                    writer.send(Topics.SENSOR_STATUS, change.deviceId(), Json.toBytes(change), SCHEMA, (md, e) -> {
                        if (e != null) {
                            LOG.warnf("sensor status of %s not published: %s", change.deviceId(), e.getMessage());
                        }
                    });
                }
                ingest.metrics().sensors(registry.all(), changes);
            } catch (RuntimeException e) {
                LOG.warn("sensor health sweep failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (intersections != null) {
            intersections.close();
        }
        if (statuses != null) {
            statuses.close();
        }
        restores.forEach(TopicReader::close);
    }
}
