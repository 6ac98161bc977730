package org.greenwave.ingest.service;

/**
 * The timestamps (and a hash of the values) of one device's most recent readings, so that the same reading sent
 * twice is stored once. Bounded: it remembers the newest {@code capacity} timestamps; a reading older than all of
 * them cannot be checked and is refused ({@link Verdict#OUTSIDE}) rather than risk storing it twice.
 *
 * <p>A sorted ring of primitive longs (16 bytes per remembered reading): in-order arrival, the common case,
 * appends; a late reading is inserted in place. Each slot also holds the id of the write still in flight for that
 * reading ({@link WritesInFlight}; 0 once settled), so that a duplicate arriving meanwhile can wait for it. Not
 * thread-safe: the owning {@link DeviceState} guards it.
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

    /**
     * Each remembered reading as two longs side by side: {@code [2i]} its time, {@code [2i+1]} its values hash (high
     * half) and its write's id (low half). One cache line for all of it, where a window per device and thousands of
     * devices do not stay in the CPU's cache.
     */
    private final long[] slots;
    private int head;
    private int size;
    /** The write id of the reading found by the last {@link #admit} that returned DUPLICATE. */
    private int found;

    private final int capacity;
    private final int mask;

    /** A window of at least {@code capacity} readings (rounded up to a power of two). */
    DedupWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("dedup window must hold at least one reading");
        }
        int size = Integer.highestOneBit(capacity);
        size = size < capacity ? size << 1 : size;
        slots = new long[2 * size];
        this.capacity = size;
        mask = size - 1;
    }

    Verdict admit(long time, int hash) {
        return admit(time, hash, WritesInFlight.NONE);
    }

    /** Offers a reading; a NEW one is remembered with the id of its write in flight ({@code write}, 0: none). */
    Verdict admit(long time, int hash, int write) {
        if (size == capacity && time < at(0)) {
            return Verdict.OUTSIDE;
        }
        int pos = search(time);
        if (pos >= 0) {
            long entry = slots[2 * index(pos) + 1];
            found = (int) entry;
            return (int) (entry >>> 32) == hash ? Verdict.DUPLICATE : Verdict.CONFLICT;
        }
        int insert = -pos - 1;
        if (size == capacity) { // forget the oldest (time > oldest here, so insert >= 1)
            head = (head + 1) & mask;
            size--;
            insert--;
        }
        for (int i = size; i > insert; i--) { // shift newer ones right; none when in order
            move(index(i - 1), index(i));
        }
        int at = index(insert);
        slots[2 * at] = time;
        slots[2 * at + 1] = (long) hash << 32 | (write & 0xFFFF_FFFFL);
        size++;
        return Verdict.NEW;
    }

    /** The write id of the reading the last DUPLICATE verdict was about; 0 when it is stored. */
    int found() {
        return found;
    }

    /** The write of the reading at {@code time} is settled: stored (kept), or failed (forgotten for a retry). */
    void settle(long time, boolean stored) {
        if (!stored) {
            forget(time);
            return;
        }
        int pos = search(time);
        if (pos >= 0) {
            slots[2 * index(pos) + 1] &= 0xFFFF_FFFF_0000_0000L;
        }
    }

    /** Forgets a timestamp again (its write failed, so a retry must be able to store it). */
    void forget(long time) {
        int pos = search(time);
        if (pos < 0) {
            return;
        }
        for (int i = pos; i < size - 1; i++) {
            move(index(i + 1), index(i));
        }
        size--;
    }

    int size() {
        return size;
    }

    private long at(int logical) {
        return slots[2 * index(logical)];
    }

    private void move(int from, int to) {
        slots[2 * to] = slots[2 * from];
        slots[2 * to + 1] = slots[2 * from + 1];
    }

    private int index(int logical) {
        return (head + logical) & mask;
    }

    /**
     * Binary search over the logical order: the position, or -(insertion point) - 1. Looks at the newest few first:
     * a new reading comes after them, and the one being settled is almost always among them.
     */
    private int search(long time) {
        if (size == 0 || time > at(size - 1)) {
            return -size - 1;
        }
        int stop = Math.max(0, size - 4);
        for (int i = size - 1; i >= stop; i--) {
            long t = at(i);
            if (t == time) {
                return i;
            }
            if (t < time) {
                return -(i + 1) - 1;
            }
        }
        int lo = 0;
        int hi = stop - 1;
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
