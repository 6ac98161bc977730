package org.greenwave.ingest.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.SensorStatus;
import org.greenwave.ingest.service.DeviceState.Kind;
import org.greenwave.ingest.service.DeviceState.Origin;
import org.greenwave.ingest.service.ReadingValidator.Problem;

/**
 * The intersections, detectors and car parks traffic-ingest knows: from configuration, from what the digital twin
 * publishes on {@code registry.intersections}, and (when unknown devices are accepted) from readings themselves.
 * Bounded by {@code maxDevices}, so that a misbehaving device cannot grow it without limit.
 */
public final class DeviceRegistry {

    /** What to do with a reading for an id that is not registered. */
    public enum UnknownDevices { REGISTER, REJECT }

    /** A device for a reading, or why there is none. */
    public record Resolution(DeviceState device, Problem problem) {
    }

    private final UnknownDevices policy;
    private final int maxDevices;
    private final int dedupWindow;
    private final LongSupplier wallClock;
    private final ConcurrentHashMap<String, IntersectionClock> intersections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, DeviceState> detectors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, DeviceState> carParks = new ConcurrentHashMap<>();
    private final AtomicInteger devices = new AtomicInteger();
    /** Statuses announced before this process started, by kind:id, applied when the device appears. */
    private final ConcurrentHashMap<String, String> announcedBefore = new ConcurrentHashMap<>();
    private volatile Consumer<DeviceState> onNewDevice = d -> { };
    private final DetectorIndex index = new DetectorIndex();

    public DeviceRegistry(UnknownDevices policy, int maxDevices, int dedupWindow, LongSupplier wallClock) {
        this.policy = policy;
        this.maxDevices = maxDevices;
        this.dedupWindow = dedupWindow;
        this.wallClock = wallClock;
    }

    /** Called once for every device added (e.g. to register its last-seen gauge). */
    public void onNewDevice(Consumer<DeviceState> listener) {
        this.onNewDevice = listener;
    }

    /** The detector a reading is for; registers it when unknown devices are accepted. */
    public Resolution detector(String intersectionId, String detectorId) {
        DeviceState known = detectors.get(detectorId);
        if (known != null) {
            return known.parentId().equals(intersectionId) ? new Resolution(known, null)
                    : new Resolution(null, new Problem("intersectionId", Reason.WRONG_INTERSECTION,
                    "detector " + detectorId + " belongs to intersection " + known.parentId()));
        }
        IntersectionClock intersection = intersections.get(intersectionId);
        if (policy == UnknownDevices.REJECT) {
            return new Resolution(null, intersection == null
                    ? new Problem("intersectionId", Reason.UNKNOWN_DEVICE, "intersection " + intersectionId
                    + " is not registered")
                    : new Problem("detectorId", Reason.UNKNOWN_DEVICE, "detector " + detectorId
                    + " is not registered at intersection " + intersectionId));
        }
        if (intersection == null) {
            intersection = intersections.computeIfAbsent(intersectionId,
                    id -> new IntersectionClock(id, Origin.DISCOVERED));
        }
        return add(detectors, detectorId, Kind.DETECTOR, intersection, Origin.DISCOVERED);
    }

    /** The car park a reading is for; registers it when unknown devices are accepted. */
    public Resolution carPark(String carParkId) {
        DeviceState known = carParks.get(carParkId);
        if (known != null) {
            return new Resolution(known, null);
        }
        if (policy == UnknownDevices.REJECT) {
            return new Resolution(null, new Problem("carParkId", Reason.UNKNOWN_DEVICE,
                    "car park " + carParkId + " is not registered"));
        }
        return add(carParks, carParkId, Kind.CAR_PARK, null, Origin.DISCOVERED);
    }

    private Resolution add(ConcurrentHashMap<String, DeviceState> map, String id, Kind kind,
                           IntersectionClock group, Origin origin) {
        if (devices.get() >= maxDevices) {
            return new Resolution(null, new Problem(kind == Kind.DETECTOR ? "detectorId" : "carParkId",
                    Reason.REGISTRY_FULL, "the registry holds its maximum of " + maxDevices
                    + " devices; ask the operator to register this one"));
        }
        boolean[] added = new boolean[1];
        DeviceState state = map.computeIfAbsent(id, key -> {
            added[0] = true;
            return new DeviceState(key, kind, group, origin, dedupWindow, wallClock.getAsLong());
        });
        if (added[0]) {
            devices.incrementAndGet();
            if (kind == Kind.DETECTOR) {
                index.add(state);
            }
            String before = announcedBefore.remove(kind.label() + ":" + id);
            if (before != null) {
                state.announced(before);
            }
            onNewDevice.accept(state);
        }
        return new Resolution(state, null);
    }

    /** Registers an intersection and its detectors from configuration or the twin (authoritative over readings). */
    public void register(String intersectionId, Collection<String> detectorIds, Origin origin) {
        IntersectionClock intersection = intersections.computeIfAbsent(intersectionId,
                id -> new IntersectionClock(id, origin));
        if (intersection.origin() == Origin.DISCOVERED || origin == Origin.CONFIG) {
            intersection.origin(origin);
        }
        for (String detectorId : detectorIds) {
            DeviceState existing = detectors.get(detectorId);
            if (existing != null && !existing.parentId().equals(intersectionId)) {
                // the registry moved this detector: start it afresh under its new intersection
                if (detectors.remove(detectorId, existing)) {
                    devices.decrementAndGet();
                    index.rebuild(detectors.values());
                }
                existing = null;
            }
            if (existing == null) {
                DeviceState state = add(detectors, detectorId, Kind.DETECTOR, intersection, origin).device();
                if (state != null) {
                    state.origin(origin);
                }
            } else if (existing.origin() == Origin.DISCOVERED) {
                existing.origin(origin);
            }
        }
    }

    /** Registers an intersection as the twin publishes it on {@code registry.intersections}. */
    public void register(Intersection intersection, Origin origin) {
        List<String> ids = new ArrayList<>();
        if (intersection.detectors() != null) {
            intersection.detectors().forEach(d -> ids.add(d.id()));
        }
        register(intersection.id(), ids, origin);
    }

    /** Registers a car park from configuration. */
    public void registerCarPark(String carParkId, Origin origin) {
        DeviceState state = add(carParks, carParkId, Kind.CAR_PARK, null, origin).device();
        if (state != null && state.origin() == Origin.DISCOVERED) {
            state.origin(origin);
        }
    }

    /** Forgets an intersection the twin deleted (a tombstone), with its detectors the twin had registered. */
    public void unregister(String intersectionId) {
        IntersectionClock intersection = intersections.get(intersectionId);
        if (intersection == null || intersection.origin() != Origin.TWIN) {
            return;
        }
        intersections.remove(intersectionId);
        detectors.values().removeIf(d -> {
            boolean remove = intersectionId.equals(d.parentId()) && d.origin() == Origin.TWIN;
            if (remove) {
                devices.decrementAndGet();
            }
            return remove;
        });
        index.rebuild(detectors.values());
    }

    /** Detectors by the bytes of their id (a cache of this registry's detectors). */
    DetectorIndex detectorIndex() {
        return index;
    }

    public boolean knowsIntersection(String id) {
        return intersections.containsKey(id);
    }

    public DeviceState knownDetector(String id) {
        return detectors.get(id);
    }

    public DeviceState knownCarPark(String id) {
        return carParks.get(id);
    }

    public int size() {
        return devices.get();
    }

    /** Every device, for the health sweep. */
    public Iterable<DeviceState> all() {
        List<DeviceState> all = new ArrayList<>(detectors.size() + carParks.size());
        all.addAll(detectors.values());
        all.addAll(carParks.values());
        return all;
    }

    /** Re-evaluates every device's health; returns the status changes to announce. */
    public List<SensorStatus> sweep(HealthRules detectorRules, HealthRules carParkRules) {
        long now = wallClock.getAsLong();
        List<SensorStatus> changes = new ArrayList<>();
        for (DeviceState device : all()) {
            SensorStatus change = device.evaluate(device.kind() == Kind.DETECTOR ? detectorRules : carParkRules, now);
            if (change != null) {
                changes.add(change);
            }
        }
        return changes;
    }

    /** Remembers the last status announced for a device before this process started. */
    public void announcedBefore(String deviceId, String kind, String status) {
        DeviceState device = Kind.CAR_PARK.label().equals(kind) ? carParks.get(deviceId) : detectors.get(deviceId);
        if (device != null) {
            device.announced(status);
        } else {
            announcedBefore.put(kind + ":" + deviceId, status);
        }
    }
}
