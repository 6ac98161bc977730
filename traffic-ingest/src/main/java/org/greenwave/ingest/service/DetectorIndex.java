package org.greenwave.ingest.service;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Detectors by the bytes of their id, for readings read straight off a request body: the lookup needs no String of
 * the id, and a reading found here reuses its detector's own id strings. A cache beside the registry's map, which
 * stays the authority: detectors are added as the registry adds them, and the whole index is rebuilt when the
 * registry removes one (rare: the twin deleting an intersection, a detector moving). A reader may miss a detector
 * being added (it then takes the registry's way) but never finds one under another id.
 */
final class DetectorIndex {

    private volatile AtomicReferenceArray<DeviceState> table = new AtomicReferenceArray<>(1024);
    /** Guarded by this. */
    private int size;

    /** The hash of an id's bytes, as {@link #find} expects it: {@code String.hashCode} of an ASCII id. */
    static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + (b[i] & 0xff);
        }
        return h;
    }

    /** The detector whose id is {@code b[from, to)} ({@code hash} of those bytes), or null when not indexed. */
    DeviceState find(byte[] b, int from, int to, int hash) {
        AtomicReferenceArray<DeviceState> t = table;
        int mask = t.length() - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            DeviceState d = t.get(i);
            if (d == null) {
                return null;
            }
            byte[] id = d.idBytes();
            if (id.length == to - from && Arrays.equals(id, 0, id.length, b, from, to)) {
                return d;
            }
        }
    }

    synchronized void add(DeviceState device) {
        AtomicReferenceArray<DeviceState> t = table;
        if (2 * (size + 1) > t.length()) { // at most half full: probe chains stay short
            AtomicReferenceArray<DeviceState> bigger = new AtomicReferenceArray<>(2 * t.length());
            for (int i = 0; i < t.length(); i++) {
                DeviceState d = t.get(i);
                if (d != null) {
                    insert(bigger, d);
                }
            }
            table = bigger;
            t = bigger;
        }
        insert(t, device);
        size++;
    }

    /** Starts afresh from the registry's detectors (after it removed one). */
    synchronized void rebuild(Iterable<DeviceState> detectors) {
        int n = 0;
        for (DeviceState ignored : detectors) {
            n++;
        }
        int capacity = 1024;
        while (capacity < 2 * n) {
            capacity *= 2;
        }
        AtomicReferenceArray<DeviceState> fresh = new AtomicReferenceArray<>(capacity);
        int added = 0;
        for (DeviceState d : detectors) {
            if (added < capacity / 2) { // the registry may have grown meanwhile: the rest takes its way
                insert(fresh, d);
                added++;
            }
        }
        table = fresh;
        size = added;
    }

    private static void insert(AtomicReferenceArray<DeviceState> t, DeviceState device) {
        byte[] id = device.idBytes();
        int mask = t.length() - 1;
        int i = spread(hash(id, 0, id.length)) & mask;
        while (t.get(i) != null) {
            i = (i + 1) & mask;
        }
        t.set(i, device);
    }

    /** Ids differing in their last characters (A0_n_0, A0_n_1) must not fill neighbouring slots. */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The bytes an id is looked up by. */
    static byte[] bytes(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }
}
