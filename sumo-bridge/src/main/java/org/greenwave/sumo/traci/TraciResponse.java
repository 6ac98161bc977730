package org.greenwave.sumo.traci;

import java.util.List;

/**
 * SUMO's answer to one command.
 *
 * @param commandId     the command answered
 * @param result        {@link TraciConstants#RTYPE_OK} (errors are thrown, never returned)
 * @param description   SUMO's status text (usually empty)
 * @param payload       the response command after its length field, for {@link TraciCommand.Reply#RESULT}; else null
 * @param subscriptions the subscription results, for {@link TraciCommand.Reply#STEP}; else empty
 */
public record TraciResponse(int commandId, int result, String description, byte[] payload,
                            List<SubscriptionResult> subscriptions) {

    /** A reader positioned at the start of the response command (its id). */
    public TraciReader reader() {
        if (payload == null) {
            throw new TraciException(String.format("command 0x%02x has no result", commandId));
        }
        return new TraciReader(payload);
    }
}
