package org.greenwave.cli.demo;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in the demo's feeds and twin: in short slices, so that stopping the demo never waits for a pause. */
final class Pause {

    /** Sleeps for {@code d}, or less once {@code stop} says so (or the thread is interrupted). */
    static void of(Duration d, BooleanSupplier stop) {
        long until = System.nanoTime() + d.toNanos();
        while (!stop.getAsBoolean()) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(200, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Pause() {
    }
}
