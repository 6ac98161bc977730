package org.greenwave.sumo.net;

/** Helpers for SUMO signal state strings ({@code G} protected green, {@code g} permissive, {@code y}, {@code r}, ...). */
public final class SignalStates {

    public static boolean isGreen(char c) {
        return c == 'G' || c == 'g' || c == 's';
    }

    /** Green in the baselines' sense (SPEC): {@code G} or {@code g}. */
    public static boolean isGreenLight(char c) {
        return c == 'G' || c == 'g';
    }

    /** A green phase: at least one {@code G}/{@code g} and no yellow ({@code y}/{@code Y}). */
    public static boolean isGreenPhase(String state) {
        return state.indexOf('y') < 0 && state.indexOf('Y') < 0 && (state.indexOf('G') >= 0 || state.indexOf('g') >= 0);
    }

    /** The yellow between two states: links green in {@code from} and not green in {@code to} show {@code y}. */
    public static String yellowBetween(String from, String to) {
        StringBuilder s = new StringBuilder(from.length());
        for (int i = 0; i < from.length(); i++) {
            char c = from.charAt(i);
            s.append(isGreenLight(c) && !isGreenLight(to.charAt(i)) ? 'y' : c);
        }
        return s.toString();
    }

    /**
     * The all-red between two states: links green in both stay as in {@code from}, every other link is red
     * (the newly green links of {@code to} still wait).
     */
    public static String allRedBetween(String from, String to) {
        StringBuilder s = new StringBuilder(from.length());
        for (int i = 0; i < from.length(); i++) {
            char c = from.charAt(i);
            s.append(isGreenLight(c) && isGreenLight(to.charAt(i)) ? c : 'r');
        }
        return s.toString();
    }

    private SignalStates() {
    }
}
