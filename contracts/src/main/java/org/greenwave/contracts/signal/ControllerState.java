package org.greenwave.contracts.signal;

import java.time.Instant;

/**
 * What a signal controller shows and executes, reported by the controller (here: the digital twin) on
 * {@code signal.controller-states} (key intersectionId), every second or on change. The optimizer decides from it,
 * and the dashboard draws it.
 *
 * @param intersectionId the intersection
 * @param timestamp      when this was the state (controller clock; the twin's simulated time)
 * @param state          the signal state now, one character per controlled link
 * @param phaseIndex     program index of the green phase shown now, or of the phase being switched to during an
 *                       intergreen
 * @param inTransition   true during yellow or all-red
 * @param greenSeconds   how long the current green phase has shown green (0 during an intergreen)
 * @param planId         the plan being executed; null when running the fixed-time fallback
 * @param source         {@code PLAN} (executing greenwave's plan), {@code FALLBACK} (no valid plan recently: own
 *                       fixed-time program) or {@code LOCAL} (a controller's own control, e.g. a baseline)
 */
public record ControllerState(
        String intersectionId,
        Instant timestamp,
        String state,
        int phaseIndex,
        boolean inTransition,
        int greenSeconds,
        String planId,
        String source) {

    public static final String SCHEMA = "urn:greenwave:controller-state:1";
    public static final String PLAN = "PLAN";
    public static final String FALLBACK = "FALLBACK";
    public static final String LOCAL = "LOCAL";
}
