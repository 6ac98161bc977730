package org.greenwave.ingest.service;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.greenwave.contracts.traffic.SensorStatus;

/**
 * What traffic-ingest knows about one detector or car park: where it belongs, which readings it already stored
 * (duplicate window), and its health (last reading, constant values, announced status). One lock per device:
 * readings of different devices never contend.
 */
public final class DeviceState {

    /** The two kinds of field device. */
    public enum Kind {
        DETECTOR("detector"), CAR_PARK("car-park");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Where the registry learned of a device. */
    public enum Origin { CONFIG, TWIN, DISCOVERED }

    /** The answer to a reading offered for storage. */
    public record Admission(DedupWindow.Verdict verdict, CompletableFuture<Void> original) {
        static final Admission NEW = new Admission(DedupWindow.Verdict.NEW, null);
        static final Admission CONFLICT = new Admission(DedupWindow.Verdict.CONFLICT, null);
        static final Admission OUTSIDE = new Admission(DedupWindow.Verdict.OUTSIDE, null);
        static final Admission STORED_DUPLICATE = new Admission(DedupWindow.Verdict.DUPLICATE, null);
    }

    private final String id;
    private final Kind kind;
    private final IntersectionClock group;
    /** The group's id, held here too: checked for every reading, one memory access fewer than through the group. */
    private final String parentId;
    /** The ids' bytes, for readings looked up by the bytes of a request body ({@link DetectorIndex}). */
    private final byte[] idBytes;
    private final byte[] parentIdBytes;
    private final long registeredAtMillis;
    private volatile Origin origin;

    private final DedupWindow window;

    // health (event time in epoch millis, arrival in wall-clock millis)
    private long lastEvent = Long.MIN_VALUE;
    private long lastArrival = Long.MIN_VALUE;
    private int lastValues;
    private boolean lastZero;
    private long constantSince;
    private int constantCount;
    private String status;
    private String announced;
    private volatile double lastEventSeconds = Double.NaN;

    DeviceState(String id, Kind kind, IntersectionClock group, Origin origin, int dedupWindow, long nowMillis) {
        this.id = id;
        this.kind = kind;
        this.group = group;
        this.parentId = group == null ? null : group.id();
        this.idBytes = DetectorIndex.bytes(id);
        this.parentIdBytes = parentId == null ? null : DetectorIndex.bytes(parentId);
        this.origin = origin;
        this.window = new DedupWindow(dedupWindow);
        this.registeredAtMillis = nowMillis;
    }

    public String id() {
        return id;
    }

    byte[] idBytes() {
        return idBytes;
    }

    /** The key of this device's records: its intersection's id (detector) or its own (car park), as bytes. */
    byte[] recordKey() {
        return parentIdBytes != null ? parentIdBytes : idBytes;
    }

    /** Whether {@code b[from, to)} are the bytes of this detector's intersection id. */
    boolean parentIs(byte[] b, int from, int to) {
        return parentIdBytes != null && parentIdBytes.length == to - from
                && Arrays.equals(parentIdBytes, 0, parentIdBytes.length, b, from, to);
    }

    public Kind kind() {
        return kind;
    }

    /** The intersection of a detector; null for a car park. */
    public String parentId() {
        return parentId;
    }

    IntersectionClock group() {
        return group;
    }

    public Origin origin() {
        return origin;
    }

    void origin(Origin origin) {
        this.origin = origin;
    }

    /** Event time of the newest reading, epoch seconds; NaN before the first (for the last-seen gauge). */
    public double lastEventSeconds() {
        return lastEventSeconds;
    }

    /** The current health status, null until known. */
    public synchronized String status() {
        return status;
    }

    /**
     * Offers a reading for storage.
     *
     * @param time      its event time, epoch millis
     * @param values    a hash of its values (same timestamp, different values = a conflict)
     * @param zero      true when it reports an empty detector / car park (never taken as stuck)
     * @param nowMillis wall clock
     * @param writes    the writes still in flight
     * @param write     the id of this reading's write there ({@link WritesInFlight#open}); duplicates arriving
     *                  before it is settled wait for it
     */
    public synchronized Admission admit(long time, int values, boolean zero, long nowMillis, WritesInFlight writes,
                                        int write) {
        DedupWindow.Verdict verdict = window.admit(time, values, write);
        switch (verdict) {
            case NEW -> {
                observe(time, values, zero, nowMillis);
                return Admission.NEW;
            }
            case DUPLICATE -> {
                CompletableFuture<Void> original = writes.find(window.found());
                // a write that completed normally is stored: a batch Kafka took whole is not settled reading by
                // reading (see settled), its readings keep their write's id until it is closed
                return original == null || (original.isDone() && !original.isCompletedExceptionally())
                        ? Admission.STORED_DUPLICATE : new Admission(DedupWindow.Verdict.DUPLICATE, original);
            }
            case CONFLICT -> {
                return Admission.CONFLICT;
            }
            default -> {
                return Admission.OUTSIDE;
            }
        }
    }

    /**
     * The write of the reading at {@code time} is settled; a failed one is forgotten so that a retry stores it. Needed
     * only when its batch failed (or for a reading whose write future may fail later): the readings of a batch that
     * completed normally count as stored without it.
     */
    public synchronized void settled(long time, boolean stored) {
        window.settle(time, stored);
    }

    private void observe(long time, int values, boolean zero, long nowMillis) {
        lastArrival = nowMillis;
        if (time <= lastEvent) {
            return; // a late reading: the device is alive, but it says nothing about the values now
        }
        if (lastEvent != Long.MIN_VALUE && values == lastValues) {
            constantCount++;
        } else {
            constantSince = time;
            constantCount = 1;
        }
        lastValues = values;
        lastZero = zero;
        lastEvent = time;
        lastEventSeconds = time / 1000.0;
        if (group != null) {
            // never ahead of the wall clock: one device whose clock runs fast must not make its neighbours stale
            group.advance(Math.min(time, nowMillis));
        }
    }

    /** Sets the status last announced on the status topic (read back at start). */
    synchronized void announced(String status) {
        this.announced = status;
    }

    /**
     * Re-evaluates health; returns the event to publish when the status changed in a way consumers must hear of
     * (never for a device first seen healthy: no news is good news), else null.
     */
    synchronized SensorStatus evaluate(HealthRules rules, long nowMillis) {
        long staleAfter = rules.staleAfter().toMillis();
        String next;
        long since;
        String reason;
        if (lastEvent == Long.MIN_VALUE) {
            if (nowMillis - registeredAtMillis < staleAfter) {
                return null;
            }
            next = SensorStatus.STALE;
            since = registeredAtMillis;
            reason = "no reading since it was registered";
        } else {
            long clock = group == null ? lastEvent : Math.max(lastEvent, group.watermark());
            long silentWall = nowMillis - lastArrival;
            long behind = clock - lastEvent;
            if (silentWall >= staleAfter) {
                next = SensorStatus.STALE;
                since = lastEvent;
                reason = "no reading for " + silentWall / 1000 + " s";
            } else if (behind >= staleAfter) {
                next = SensorStatus.STALE;
                since = lastEvent;
                reason = "newest reading " + behind / 1000 + " s (event time) behind intersection " + group.id()
                        + "'s: no data from it while its neighbours report, or its clock lags";
            } else if (!lastZero && constantCount >= rules.stuckMinReadings()
                    && lastEvent - constantSince >= rules.stuckAfter().toMillis()) {
                next = SensorStatus.STUCK;
                since = constantSince;
                reason = constantCount + " identical readings over " + (lastEvent - constantSince) / 1000 + " s";
            } else {
                next = SensorStatus.OK;
                since = lastEvent;
                reason = "reporting";
            }
        }
        status = next;
        if (next.equals(announced) || (announced == null && SensorStatus.OK.equals(next))) {
            return null;
        }
        announced = next;
        return new SensorStatus(id, kind.label(), parentId(), next, Instant.ofEpochMilli(since), reason,
                Instant.ofEpochMilli(nowMillis));
    }
}
