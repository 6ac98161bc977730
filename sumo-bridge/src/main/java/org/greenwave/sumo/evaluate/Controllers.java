package org.greenwave.sumo.evaluate;

import java.util.List;
import java.util.Optional;
import org.greenwave.sumo.control.FixedTimeController;
import org.greenwave.sumo.control.PhaseChoiceController;
import org.greenwave.sumo.control.SignalController;

/** The controllers {@code ./greenwave evaluate} knows by name. */
public final class Controllers {

    public static final String FIXED = "fixed";
    public static final String MAX_PRESSURE = "max-pressure";
    public static final String GREEDY = "greedy";
    public static final String GREENWAVE = "greenwave";

    /** Every controller name, in report order. */
    public static final List<String> ALL = List.of(FIXED, MAX_PRESSURE, GREEDY, GREENWAVE);

    /** A fresh controller for one run; empty for a known controller this build cannot run. */
    public static Optional<SignalController> create(String name) {
        return switch (name) {
            case FIXED -> Optional.of(new FixedTimeController());
            case MAX_PRESSURE -> Optional.of(new PhaseChoiceController(PhaseChoiceController.Score.MAX_PRESSURE));
            case GREEDY -> Optional.of(new PhaseChoiceController(PhaseChoiceController.Score.GREEDY));
            case GREENWAVE -> Optional.empty();
            default -> throw new IllegalArgumentException("unknown controller '" + name + "'; known: "
                    + String.join(", ", ALL));
        };
    }

    /** Why a known controller cannot run in this build. */
    public static String unavailableReason(String name) {
        return GREENWAVE.equals(name)
                ? "the greenwave closed loop (signal-optimizer over Kafka) is not wired into evaluate yet"
                : name + " is not available";
    }

    private Controllers() {
    }
}
