package org.greenwave.signal.safety;

/**
 * One reason a plan is unsafe or malformed.
 *
 * @param rule    a stable rule name, used as a metric tag (e.g. {@code min-green}, {@code conflicting-greens})
 * @param message a sentence for traffic engineers
 */
public record Violation(String rule, String message) {

    public static final String SHAPE = "shape";
    public static final String CONFLICTING_GREENS = "conflicting-greens";
    public static final String MIN_GREEN = "min-green";
    public static final String PEDESTRIAN_MIN_GREEN = "pedestrian-min-green";
    public static final String GREEN_RANGE = "green-range";
    public static final String YELLOW = "yellow";
    public static final String INTERGREEN = "intergreen";
    public static final String CYCLE = "cycle";
    public static final String MAX_CYCLE = "max-cycle";
    public static final String OFFSET = "offset";
    public static final String UNSERVED_MOVEMENT = "unserved-movement";

    @Override
    public String toString() {
        return rule + ": " + message;
    }
}
