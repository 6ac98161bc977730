package org.greenwave.sumo.loop;

import java.util.List;
import org.greenwave.contracts.signal.ControllerState;

/** Where the twin's signal controllers report what they show and execute ({@code signal.controller-states}). */
public interface ControllerStateSink extends AutoCloseable {

    /** Hands states over; they may be sent later, but before {@link #flush()} returns. */
    void publish(List<ControllerState> states);

    /** Returns once everything published so far is delivered. */
    default void flush() {
    }

    @Override
    default void close() {
    }

    /** Reports nowhere. */
    ControllerStateSink NONE = states -> {
    };
}
