package org.greenwave.signal.control;

import java.time.Instant;
import java.util.Arrays;

/** When each phase of an intersection last showed green, from the controller's own reports (for fairness). */
public final class PhaseHistory {

    private final Instant[] lastGreen;

    public PhaseHistory(int phases, Instant start) {
        lastGreen = new Instant[phases];
        Arrays.fill(lastGreen, start);
    }

    public void green(int position, Instant at) {
        if (position >= 0 && position < lastGreen.length) {
            lastGreen[position] = at;
        }
    }

    /** Seconds since the phase last showed green. */
    public long redSeconds(int position, Instant now) {
        Instant last = lastGreen[position];
        return last == null ? 0 : Math.max(0, now.getEpochSecond() - last.getEpochSecond());
    }
}
