package org.greenwave.ingest.service;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An intersection as the registry knows it, with its event-time clock: the newest timestamp any of its detectors
 * reported. Staleness of a detector is judged against it, so that replayed or simulated data (stamped in the past,
 * arriving faster than real time) is judged on its own clock.
 */
public final class IntersectionClock {

    private final String id;
    private final AtomicLong watermark = new AtomicLong(Long.MIN_VALUE);
    private volatile DeviceState.Origin origin;

    IntersectionClock(String id, DeviceState.Origin origin) {
        this.id = id;
        this.origin = origin;
    }

    public String id() {
        return id;
    }

    public DeviceState.Origin origin() {
        return origin;
    }

    void origin(DeviceState.Origin origin) {
        this.origin = origin;
    }

    long watermark() {
        return watermark.get();
    }

    void advance(long time) {
        long current = watermark.get();
        while (time > current && !watermark.compareAndSet(current, time)) {
            current = watermark.get();
        }
    }
}
