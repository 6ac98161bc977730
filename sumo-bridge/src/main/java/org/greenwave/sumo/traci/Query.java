package org.greenwave.sumo.traci;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A get command with the decoder of its answer. Queries can be sent one by one or many in one message
 * ({@link #runAll}), which saves round trips when a controller reads dozens of lanes at once.
 *
 * @param command the get command
 * @param decoder reads the answer from the response command's start
 */
public record Query<T>(TraciCommand command, Function<TraciReader, T> decoder) {

    public T run(TraciConnection connection) {
        return decoder.apply(connection.exchange(command).reader());
    }

    /** Runs all queries in one round trip; answers in the same order. */
    public static <T> List<T> runAll(TraciConnection connection, List<Query<T>> queries) {
        if (queries.isEmpty()) {
            return List.of();
        }
        List<TraciCommand> commands = new ArrayList<>(queries.size());
        queries.forEach(q -> commands.add(q.command()));
        List<TraciResponse> responses = connection.exchange(commands);
        List<T> answers = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            answers.add(queries.get(i).decoder().apply(responses.get(i).reader()));
        }
        return answers;
    }
}
