package org.greenwave.ingest.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.greenwave.contracts.traffic.SensorStatus;
import org.greenwave.ingest.service.DeviceState.Kind;

/**
 * traffic-ingest's Micrometer meters (README "Metrics"). Counters are looked up once and kept, so that the hot
 * path only increments.
 */
public final class IngestMetrics {

    private final MeterRegistry registry;
    private final boolean perDevice;
    private final Map<Kind, PerKind> kinds = new EnumMap<>(Kind.class);
    private final Map<String, AtomicInteger> sensorsByStatus = new ConcurrentHashMap<>();
    private final Map<String, Counter> statusChanges = new ConcurrentHashMap<>();
    private final Counter sendFailures;
    private final Counter overCapacity;

    /** The meters of one kind of reading. */
    final class PerKind {
        final Counter accepted;
        final Counter duplicates;
        final Map<Reason, Counter> rejected = new EnumMap<>(Reason.class);
        final Counter deadLetters;
        final DistributionSummary httpBatch;
        final DistributionSummary kafkaBatch;
        final Timer eventToAck;
        final Timer requestToAck;

        PerKind(Kind kind) {
            String k = kind.label();
            accepted = Counter.builder("greenwave.ingest.readings").description("Readings by outcome")
                    .tags("kind", k, "result", "accepted", "reason", "valid").register(registry);
            duplicates = Counter.builder("greenwave.ingest.readings").description("Readings by outcome")
                    .tags("kind", k, "result", "duplicate", "reason", "already-stored").register(registry);
            for (Reason reason : Reason.values()) {
                rejected.put(reason, Counter.builder("greenwave.ingest.readings")
                        .description("Readings by outcome")
                        .tags("kind", k, "result", "rejected", "reason", reason.code()).register(registry));
            }
            deadLetters = Counter.builder("greenwave.ingest.dead.letters")
                    .description("Records written to the dead-letter topic").tags("kind", k).register(registry);
            httpBatch = batch(k, "http");
            kafkaBatch = batch(k, "kafka");
            eventToAck = Timer.builder("greenwave.ingest.latency")
                    .description("Device timestamp to Kafka acknowledgement, per reading (includes device"
                            + " and network delay; hours for replayed data)")
                    .tags("kind", k, "span", "event-to-ack")
                    .serviceLevelObjectives(ms(100), ms(250), ms(500), ms(1000), ms(2500), ms(5000), ms(10_000),
                            ms(30_000), ms(60_000), ms(300_000), ms(900_000), ms(3_600_000), ms(21_600_000),
                            ms(86_400_000))
                    .register(registry);
            requestToAck = Timer.builder("greenwave.ingest.latency")
                    .description("Request (or poll) received to every reading of it acknowledged by Kafka")
                    .tags("kind", k, "span", "request-to-ack")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry);
        }

        private DistributionSummary batch(String kind, String source) {
            return DistributionSummary.builder("greenwave.ingest.batch.size")
                    .description("Readings per HTTP request or per Kafka poll")
                    .tags("kind", kind, "source", source)
                    .serviceLevelObjectives(1, 10, 50, 100, 250, 500, 1000, 2500, 5000)
                    .register(registry);
        }

        void rejected(Reason reason) {
            rejected.get(reason).increment();
        }
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    public IngestMetrics(MeterRegistry registry, boolean perDevice) {
        this.registry = registry;
        this.perDevice = perDevice;
        for (Kind kind : Kind.values()) {
            kinds.put(kind, new PerKind(kind));
        }
        for (String status : new String[] {SensorStatus.OK, SensorStatus.STALE, SensorStatus.STUCK}) {
            AtomicInteger count = new AtomicInteger();
            sensorsByStatus.put(status, count);
            Gauge.builder("greenwave.ingest.sensors", count, AtomicInteger::get)
                    .description("Registered sensors by health status").tags("status", status).register(registry);
            statusChanges.put(status, Counter.builder("greenwave.ingest.sensor.status.changes")
                    .description("Announced sensor status changes, by new status").tags("status", status)
                    .register(registry));
        }
        sendFailures = Counter.builder("greenwave.ingest.kafka.send.failures")
                .description("Records Kafka did not acknowledge (the request answered 503)").register(registry);
        overCapacity = Counter.builder("greenwave.ingest.parking.over.capacity")
                .description("Accepted car-park readings with more cars than spaces").register(registry);
    }

    PerKind of(Kind kind) {
        return kinds.get(kind);
    }

    void sendFailed() {
        sendFailures.increment();
    }

    void overCapacity() {
        overCapacity.increment();
    }

    /** Registers the last-seen gauge of a new device (when per-device metrics are on). */
    public void device(DeviceState device) {
        if (!perDevice) {
            return;
        }
        Gauge.builder("greenwave.ingest.device.last.reading", device, DeviceState::lastEventSeconds)
                .description("Event time of the device's newest reading, epoch seconds")
                .tags("kind", device.kind().label(), "device", device.id(),
                        "intersection", device.parentId() == null ? "" : device.parentId())
                .baseUnit("seconds")
                .register(registry);
    }

    /** Sets the sensors-by-status gauges from a sweep and counts the announced changes. */
    public void sensors(Iterable<DeviceState> devices, Iterable<SensorStatus> changes) {
        int ok = 0;
        int stale = 0;
        int stuck = 0;
        for (DeviceState d : devices) {
            String s = d.status();
            if (SensorStatus.OK.equals(s)) {
                ok++;
            } else if (SensorStatus.STALE.equals(s)) {
                stale++;
            } else if (SensorStatus.STUCK.equals(s)) {
                stuck++;
            }
        }
        sensorsByStatus.get(SensorStatus.OK).set(ok);
        sensorsByStatus.get(SensorStatus.STALE).set(stale);
        sensorsByStatus.get(SensorStatus.STUCK).set(stuck);
        for (SensorStatus change : changes) {
            statusChanges.get(change.status()).increment();
        }
    }
}
