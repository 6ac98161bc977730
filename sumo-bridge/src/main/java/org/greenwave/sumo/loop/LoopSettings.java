package org.greenwave.sumo.loop;

import java.time.Duration;

/**
 * Pace of the closed loop, in simulation time.
 *
 * @param readingIntervalSeconds  how often every detector produces a reading (1 = every step)
 * @param decisionIntervalSeconds how often the twin sends its buffered readings and waits for plans
 * @param planWait                how long (wall clock) to wait at a decision step for every intersection's plan
 *                                based on data up to that step; zero: never wait (plans are taken as they come,
 *                                and the run is then no longer reproducible)
 * @param planTimeoutSeconds      simulation seconds without a valid plan before a signal returns to its fixed
 *                                program; 0 for the executor's default (max(2 cycles, 120 s))
 */
public record LoopSettings(int readingIntervalSeconds, int decisionIntervalSeconds, Duration planWait,
                           double planTimeoutSeconds) {

    public LoopSettings {
        if (readingIntervalSeconds < 1 || decisionIntervalSeconds < 1) {
            throw new IllegalArgumentException("reading and decision intervals must be at least 1 s");
        }
    }

    /** Readings every second, plans awaited every 5 s (the optimizer's decision interval) for up to 10 s. */
    public static LoopSettings defaults() {
        return new LoopSettings(1, 5, Duration.ofSeconds(10), 0);
    }
}
