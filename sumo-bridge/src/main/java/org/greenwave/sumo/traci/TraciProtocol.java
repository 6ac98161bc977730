package org.greenwave.sumo.traci;

import static org.greenwave.sumo.traci.TraciConstants.RTYPE_OK;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TraCI's message format, as pure functions over bytes. A message is a 4-byte total length (itself included)
 * followed by commands; SUMO answers each command with a status response and, depending on the command, a result.
 */
public final class TraciProtocol {

    /** Encodes commands into one message, length prefix included. */
    public static byte[] encodeMessage(List<TraciCommand> commands) {
        TraciWriter body = new TraciWriter();
        commands.forEach(c -> c.encode(body));
        TraciWriter message = new TraciWriter();
        message.writeInt(body.size() + 4).writeBytes(body.toByteArray());
        return message.toByteArray();
    }

    /**
     * Decodes SUMO's answer to {@code commands}.
     *
     * @param body the message after its 4-byte length
     * @throws TraciException when SUMO reports an error for a command, or the answer does not match the commands
     */
    public static List<TraciResponse> decodeMessage(byte[] body, List<TraciCommand> commands) {
        TraciReader in = new TraciReader(body);
        List<TraciResponse> responses = new ArrayList<>(commands.size());
        for (TraciCommand command : commands) {
            int start = in.position();
            int length = in.readLength();
            int commandId = in.readUByte();
            int result = in.readUByte();
            String description = in.readString();
            in.position(start + length);
            if (commandId != command.id()) {
                throw new TraciException(String.format("answer for command 0x%02x where 0x%02x was expected",
                        commandId, command.id()));
            }
            if (result != RTYPE_OK) {
                throw new TraciException(String.format("SUMO refused command 0x%02x (%s): %s", commandId,
                        result == TraciConstants.RTYPE_NOTIMPLEMENTED ? "not implemented" : "error", description));
            }
            switch (command.reply()) {
                case STATUS_ONLY -> responses.add(new TraciResponse(commandId, result, description, null, List.of()));
                case RESULT -> {
                    int resultStart = in.position();
                    int resultLength = in.readLength();
                    byte[] payload = Arrays.copyOfRange(body, in.position(), resultStart + resultLength);
                    in.position(resultStart + resultLength);
                    responses.add(new TraciResponse(commandId, result, description, payload, List.of()));
                }
                case STEP -> {
                    int count = in.readInt();
                    List<SubscriptionResult> subscriptions = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        int subStart = in.position();
                        int subLength = in.readLength();
                        subscriptions.add(readSubscription(in));
                        in.position(subStart + subLength);
                    }
                    responses.add(new TraciResponse(commandId, result, description, null, subscriptions));
                }
                default -> throw new IllegalStateException();
            }
        }
        return responses;
    }

    /**
     * A variable subscription result after its length field: response id, object id, variable count, then per
     * variable its id, a status byte and the typed value (an error text when the status is not OK).
     */
    public static SubscriptionResult readSubscription(TraciReader in) {
        int responseId = in.readUByte();
        String objectId = in.readString();
        int variables = in.readUByte();
        Map<Integer, Object> values = new HashMap<>(variables * 2);
        for (int i = 0; i < variables; i++) {
            int variable = in.readUByte();
            int status = in.readUByte();
            Object value = in.readTypedValue();
            if (status == RTYPE_OK) {
                values.put(variable, value);
            }
        }
        return new SubscriptionResult(responseId, objectId, values);
    }

    private TraciProtocol() {
    }
}
