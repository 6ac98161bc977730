package org.greenwave.ingest.service;

/**
 * The timestamps (and a hash of the values) of one device's most recent readings, so that the same reading sent
 * twice is stored once. Bounded: it remembers the newest {@code capacity} timestamps; a reading older than all of
 * them cannot be checked and is refused ({@link Verdict#OUTSIDE}) rather than risk storing it twice.
 *
 * <p>A sorted ring of primitive longs (about 12 bytes per remembered reading): in-order arrival, the common case,
 * appends; a late reading is inserted in place. Not thread-safe: the owning {@link DeviceState} guards it.
 */
final class DedupWindow {

    enum Verdict {
        /** Not seen before: remembered now. */
        NEW,
        /** Same timestamp and same values as a remembered reading. */
        DUPLICATE,
        /** Same timestamp, different values. */
        CONFLICT,
        /** Older than everything remembered, with the window full: cannot tell. */
        OUTSIDE
    }

    private final long[] times;
    private final int[] hashes;
    private int head;
    private int size;

    DedupWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("dedup window must hold at least one reading");
        }
        times = new long[capacity];
        hashes = new int[capacity];
    }

    Verdict admit(long time, int hash) {
        int capacity = times.length;
        if (size == capacity && time < at(0)) {
            return Verdict.OUTSIDE;
        }
        int pos = search(time);
        if (pos >= 0) {
            return hashes[index(pos)] == hash ? Verdict.DUPLICATE : Verdict.CONFLICT;
        }
        int insert = -pos - 1;
        if (size == capacity) { // forget the oldest (time > oldest here, so insert >= 1)
            head = (head + 1) % capacity;
            size--;
            insert--;
        }
        for (int i = size; i > insert; i--) { // shift newer ones right; none when in order
            times[index(i)] = times[index(i - 1)];
            hashes[index(i)] = hashes[index(i - 1)];
        }
        times[index(insert)] = time;
        hashes[index(insert)] = hash;
        size++;
        return Verdict.NEW;
    }

    /** Forgets a timestamp again (its write failed, so a retry must be able to store it). */
    void forget(long time) {
        int pos = search(time);
        if (pos < 0) {
            return;
        }
        for (int i = pos; i < size - 1; i++) {
            times[index(i)] = times[index(i + 1)];
            hashes[index(i)] = hashes[index(i + 1)];
        }
        size--;
    }

    int size() {
        return size;
    }

    private long at(int logical) {
        return times[index(logical)];
    }

    private int index(int logical) {
        return (head + logical) % times.length;
    }

    /** Binary search over the logical order: the position, or -(insertion point) - 1. Checks the newest first. */
    private int search(long time) {
        if (size == 0 || time > at(size - 1)) {
            return -size - 1;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long t = at(mid);
            if (t < time) {
                lo = mid + 1;
            } else if (t > time) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }
}
