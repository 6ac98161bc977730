package org.greenwave.ingest.service;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An intersection as the registry knows it, with its event-time clock: the newest timestamp any of its detectors
 * reported. Staleness of a detector is judged against it, so that replayed or simulated data (stamped in the past,
 * arriving faster than real time) is judged on its own clock.
 */
public final class IntersectionClock {

    private final String id;
    /** A field of this object (not an AtomicLong beside it): one memory access fewer for every reading. */
    private volatile long watermark = Long.MIN_VALUE;
    private static final VarHandle WATERMARK;

    static {
        try {
            WATERMARK = MethodHandles.lookup().findVarHandle(IntersectionClock.class, "watermark", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
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
        return watermark;
    }

    void advance(long time) {
        long current = watermark;
        while (time > current && !WATERMARK.compareAndSet(this, current, time)) {
            current = watermark;
        }
    }
}
