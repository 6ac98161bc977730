package org.greenwave.signal.control;

import java.time.Instant;
import java.util.Arrays;

/**
 * When each controlled link of an intersection last showed green (protected or permissive), from the controller's
 * own reports: the basis of the fairness guard (no movement waits beyond the maximum red).
 */
public final class PhaseHistory {

    private final Instant[] lastGreen;
    private final Instant[] lastProtected;

    public PhaseHistory(int links, Instant start) {
        lastGreen = new Instant[links];
        lastProtected = new Instant[links];
        Arrays.fill(lastGreen, start);
        Arrays.fill(lastProtected, start);
    }

    /** Records the signal state shown at a moment. */
    public void shown(String state, Instant at) {
        for (int i = 0; i < state.length() && i < lastGreen.length; i++) {
            char c = state.charAt(i);
            if (c == 'G' || c == 'g' || c == 's') {
                lastGreen[i] = at;
            }
            if (c == 'G') {
                lastProtected[i] = at;
            }
        }
    }

    /** Seconds since the link last showed protected green ({@code G}). */
    public long protectedRedSeconds(int link, Instant now) {
        Instant last = link < lastProtected.length ? lastProtected[link] : null;
        return last == null ? 0 : Math.max(0, now.getEpochSecond() - last.getEpochSecond());
    }

    /** Seconds since the link last showed green. */
    public long redSeconds(int link, Instant now) {
        Instant last = link < lastGreen.length ? lastGreen[link] : null;
        return last == null ? 0 : Math.max(0, now.getEpochSecond() - last.getEpochSecond());
    }
}
