package org.greenwave.ingest.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writes to Kafka not yet settled (one per batch), by a small id that the duplicate windows keep beside each
 * reading instead of a reference: a reading's window slot is then one pair of numbers, which matters where thousands
 * of devices' windows do not stay in the CPU's cache. A duplicate of a reading whose write is still open waits for
 * it; a write that is closed (or an id of 0) is stored. Ids wrap after 2^32 writes: a reading remembered that long
 * could at worst make a duplicate wait for an unrelated write, and still be answered as a duplicate.
 */
final class WritesInFlight {

    /** The id of "no write in flight": stored already. */
    static final int NONE = 0;

    private final ConcurrentHashMap<Integer, CompletableFuture<Void>> open = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    /** Opens a write before any of its readings is admitted; returns its id (never {@link #NONE}). */
    int open(CompletableFuture<Void> write) {
        int id;
        do {
            id = next.incrementAndGet();
        } while (id == NONE);
        open.put(id, write);
        return id;
    }

    /** The write still open under {@code id}; null when it is closed (its readings are settled) or NONE. */
    CompletableFuture<Void> find(int id) {
        return id == NONE ? null : open.get(id);
    }

    /** Closes a write once its readings are settled: every one of them stored, or failed and forgotten. */
    void close(int id) {
        open.remove(id);
    }

    int size() {
        return open.size();
    }
}
