package org.greenwave.sumo.traci;

import java.util.List;

/** A TraCI conversation with one SUMO: commands go out in one message, their answers come back in order. */
@FunctionalInterface
public interface TraciConnection extends AutoCloseable {

    /** Sends the commands in one message (one round trip) and returns SUMO's answers in the same order. */
    List<TraciResponse> exchange(List<TraciCommand> commands);

    default TraciResponse exchange(TraciCommand command) {
        return exchange(List.of(command)).get(0);
    }

    /** Closes the conversation; SUMO ends the simulation and writes its outputs. */
    @Override
    default void close() {
    }
}
