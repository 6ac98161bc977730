package org.greenwave.dashboard.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.contracts.traffic.SensorStatus;
import org.greenwave.contracts.twin.TwinMetrics;
import org.greenwave.dashboard.config.DashboardConfig;

/**
 * What the dashboard knows from the topics: the registry (to put readings on approaches), the newest reading of
 * each detector, what each signal shows, sensor health, dead-letter counts, occupancy history and the twin's live
 * numbers. Thread-safe; everything is bounded (per detector, per device, per car park, per controller).
 */
@ApplicationScoped
public class LiveState {

    /** Readings older than this behind their intersection's newest one are not counted in its queue. */
    static final long READING_MAX_LAG_MILLIS = 60_000;
    /** One point of a twin's delay series per this many simulated seconds. */
    static final double SERIES_STEP_SECONDS = 30;

    /** A detector placed on an approach (or an exit) of an intersection. */
    record Placement(String intersectionId, String lane, String edge, String role) {
    }

    /** Queue on one approach (an incoming road) of an intersection. */
    public record Approach(String edge, int lanes, int halting, int vehicles) {
    }

    /** Queues of an intersection from its detectors. */
    public record Queues(int halting, int vehicles, int approachLanes, int exitHalting, List<Approach> approaches,
                         Instant dataUntil) {
    }

    private final Map<String, Intersection> registry = new ConcurrentHashMap<>();
    private final Map<String, Placement> placements = new ConcurrentHashMap<>();
    private final Map<String, DetectorReading> readings = new ConcurrentHashMap<>();
    private final Map<String, Instant> newestReading = new ConcurrentHashMap<>();
    private final Map<String, ControllerState> controllerStates = new ConcurrentHashMap<>();
    private final Map<String, SensorStatus> sensors = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> deadLetters = new ConcurrentHashMap<>();
    private final AtomicLong lastDeadLetterMillis = new AtomicLong();
    private final Map<String, Deque<long[]>> occupancy = new ConcurrentHashMap<>();
    private final Map<String, TwinMetrics> twin = new ConcurrentHashMap<>();
    private final Map<String, List<double[]>> twinSeries = new ConcurrentHashMap<>();
    private final AtomicLong twinVersion = new AtomicLong();
    private volatile String twinRun;
    private final long occupancyHistoryMillis;

    public LiveState(DashboardConfig config) {
        this.occupancyHistoryMillis = config.occupancyHistory().toMillis();
    }

    // ------------------------------------------------------------------ registry and readings

    public void register(Intersection intersection) {
        registry.put(intersection.id(), intersection);
        placements.values().removeIf(p -> p.intersectionId().equals(intersection.id()));
        for (Intersection.Detector d : intersection.detectors()) {
            placements.put(d.id(), new Placement(intersection.id(), d.lane(), edgeOf(d.lane()),
                    d.role() == null ? Intersection.Detector.APPROACH : d.role()));
        }
    }

    public void forget(String intersectionId) {
        if (intersectionId != null) {
            registry.remove(intersectionId);
            placements.values().removeIf(p -> p.intersectionId().equals(intersectionId));
        }
    }

    /** Registered intersection ids, sorted. */
    public List<String> intersectionIds() {
        return registry.keySet().stream().sorted().toList();
    }

    public Optional<Intersection> intersection(String id) {
        return Optional.ofNullable(registry.get(id));
    }

    public void reading(DetectorReading r) {
        readings.merge(r.detectorId(), r, (a, b) -> b.timestamp().isBefore(a.timestamp()) ? a : b);
        newestReading.merge(r.intersectionId(), r.timestamp(), (a, b) -> b.isAfter(a) ? b : a);
    }

    /** Queues of an intersection from its detectors' newest readings; empty without registry or readings. */
    public Optional<Queues> queues(String intersectionId) {
        Intersection intersection = registry.get(intersectionId);
        Instant newest = newestReading.get(intersectionId);
        if (intersection == null || newest == null) {
            return Optional.empty();
        }
        Map<String, int[]> byEdge = new TreeMap<>();
        Map<String, java.util.Set<String>> lanesByEdge = new TreeMap<>();
        int exitHalting = 0;
        for (Intersection.Detector d : intersection.detectors()) {
            DetectorReading r = readings.get(d.id());
            if (r == null || newest.toEpochMilli() - r.timestamp().toEpochMilli() > READING_MAX_LAG_MILLIS) {
                continue;
            }
            int halting = r.haltingVehicles() == null ? 0 : r.haltingVehicles();
            if (Intersection.Detector.EXIT.equals(d.role())) {
                exitHalting += halting;
                continue;
            }
            String edge = edgeOf(d.lane());
            int[] sums = byEdge.computeIfAbsent(edge, e -> new int[2]);
            sums[0] += halting;
            sums[1] += r.vehicleCount();
            lanesByEdge.computeIfAbsent(edge, e -> new java.util.TreeSet<>()).add(d.lane());
        }
        List<Approach> approaches = new ArrayList<>();
        int halting = 0;
        int vehicles = 0;
        int lanes = 0;
        for (var e : byEdge.entrySet()) {
            int n = lanesByEdge.get(e.getKey()).size();
            approaches.add(new Approach(e.getKey(), n, e.getValue()[0], e.getValue()[1]));
            halting += e.getValue()[0];
            vehicles += e.getValue()[1];
            lanes += n;
        }
        return Optional.of(new Queues(halting, vehicles, lanes, exitHalting, approaches, newest));
    }

    /** The edge (road) of a SUMO-style lane id ({@code edge_index}); the lane itself otherwise. */
    static String edgeOf(String lane) {
        int i = lane.lastIndexOf('_');
        if (i > 0 && i < lane.length() - 1 && lane.substring(i + 1).chars().allMatch(Character::isDigit)) {
            return lane.substring(0, i);
        }
        return lane;
    }

    // ------------------------------------------------------------------ signals

    public void controllerState(ControllerState s) {
        controllerStates.merge(s.intersectionId(), s, (a, b) -> b.timestamp().isBefore(a.timestamp()) ? a : b);
    }

    public Optional<ControllerState> controllerState(String intersectionId) {
        return Optional.ofNullable(controllerStates.get(intersectionId));
    }

    // ------------------------------------------------------------------ sensors and dead letters

    public void sensorStatus(SensorStatus s) {
        sensors.merge(s.deviceId(), s, (a, b) -> b.observedAt() != null && a.observedAt() != null
                && b.observedAt().isBefore(a.observedAt()) ? a : b);
    }

    /** Sensors whose latest status is not OK, worst first (stuck, then stale), then by id. */
    public List<SensorStatus> unhealthySensors() {
        return sensors.values().stream().filter(s -> !SensorStatus.OK.equals(s.status()))
                .sorted(Comparator.comparing(SensorStatus::status).thenComparing(SensorStatus::deviceId)).toList();
    }

    public void deadLetter(String topic, String reason, long timestamp) {
        deadLetters.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).merge(reason, 1L, Long::sum);
        lastDeadLetterMillis.accumulateAndGet(timestamp, Math::max);
    }

    /** Dead letters per topic and reason. */
    public Map<String, Map<String, Long>> deadLetters() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        deadLetters.forEach((topic, reasons) -> out.put(topic, new TreeMap<>(reasons)));
        return out;
    }

    public Optional<Instant> lastDeadLetter() {
        long t = lastDeadLetterMillis.get();
        return t == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t));
    }

    // ------------------------------------------------------------------ car parks

    public void occupancy(OccupancyReading r) {
        Deque<long[]> series = occupancy.computeIfAbsent(r.carParkId(), id -> new ArrayDeque<>());
        synchronized (series) {
            long t = r.timestamp().toEpochMilli();
            if (!series.isEmpty() && series.peekLast()[0] > t) {
                return; // late reading: the chart shows the feed in time order
            }
            series.addLast(new long[]{t, r.occupied(), r.capacity()});
            while (!series.isEmpty() && series.peekFirst()[0] < t - occupancyHistoryMillis) {
                series.removeFirst();
            }
        }
    }

    /** A car park's recent readings as [epochMillis, occupied, capacity], oldest first. */
    public List<long[]> occupancyHistory(String carParkId) {
        Deque<long[]> series = occupancy.get(carParkId);
        if (series == null) {
            return List.of();
        }
        synchronized (series) {
            return List.copyOf(series);
        }
    }

    // ------------------------------------------------------------------ twin

    public void twin(TwinMetrics m) {
        if (twinRun == null || !twinRun.equals(m.runId())) {
            if (twinRun != null && twin.values().stream().anyMatch(t -> t.timestamp().isAfter(m.timestamp()))) {
                return; // a late record of an older run
            }
            twinRun = m.runId();
            twin.clear();
            twinSeries.clear();
        }
        twin.put(m.controller(), m);
        if (m.meanDelaySeconds() != null) {
            List<double[]> series = twinSeries.computeIfAbsent(m.controller(), c -> new ArrayList<>());
            synchronized (series) {
                if (series.isEmpty() || m.simTime() - series.get(series.size() - 1)[0] >= SERIES_STEP_SECONDS) {
                    series.add(new double[]{m.simTime(), round1(m.meanDelaySeconds())});
                }
            }
        }
        twinVersion.incrementAndGet();
    }

    public long twinVersion() {
        return twinVersion.get();
    }

    /** The twin's latest numbers per controller and the delay series of the current run. */
    public Map<String, Object> twinView() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", twinRun);
        out.put("controllers", new TreeMap<>(twin));
        Map<String, List<double[]>> series = new TreeMap<>();
        twinSeries.forEach((c, s) -> {
            synchronized (s) {
                series.put(c, List.copyOf(s));
            }
        });
        out.put("series", series);
        return out;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
