package org.greenwave.sumo.traci;

import static org.greenwave.sumo.traci.TraciConstants.INVALID_DOUBLE_VALUE;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A TraCI command family (lanes, traffic lights, ...): builds its get, set and subscribe commands. Get answers
 * are {@code [get id + 0x10][variable][object id][typed value]}; the header is checked before the value is read.
 */
public abstract class Domain {

    protected final TraciConnection connection;
    private final int getId;
    private final int setId;
    private final int subscribeId;

    protected Domain(TraciConnection connection, int getId, int setId, int subscribeId) {
        this.connection = connection;
        this.getId = getId;
        this.setId = setId;
        this.subscribeId = subscribeId;
    }

    /** The response id of this family's variable subscriptions (to pick its results from a step). */
    public int subscriptionResponseId() {
        return subscribeId + 0x10;
    }

    protected <T> Query<T> get(int variable, String objectId, Function<TraciReader, T> value) {
        return get(variable, objectId, null, value);
    }

    protected <T> Query<T> get(int variable, String objectId, Consumer<TraciWriter> parameter,
                               Function<TraciReader, T> value) {
        TraciWriter content = new TraciWriter().writeUByte(variable).writeString(objectId);
        if (parameter != null) {
            parameter.accept(content);
        }
        TraciCommand command = new TraciCommand(getId, content.toByteArray(), TraciCommand.Reply.RESULT);
        return new Query<>(command, in -> {
            int responseId = in.readUByte();
            int responseVariable = in.readUByte();
            String responseObject = in.readString();
            if (responseId != getId + 0x10 || responseVariable != variable || !responseObject.equals(objectId)) {
                throw new TraciException(String.format("answer 0x%02x/0x%02x/%s does not match get 0x%02x/0x%02x/%s",
                        responseId, responseVariable, responseObject, getId, variable, objectId));
            }
            return value.apply(in);
        });
    }

    protected TraciCommand set(int variable, String objectId, Consumer<TraciWriter> value) {
        if (setId < 0) {
            throw new UnsupportedOperationException("this family has no set commands here");
        }
        TraciWriter content = new TraciWriter().writeUByte(variable).writeString(objectId);
        value.accept(content);
        return new TraciCommand(setId, content.toByteArray(), TraciCommand.Reply.STATUS_ONLY);
    }

    /** A variable subscription for the whole run: SUMO then sends these variables with every step's answer. */
    public TraciCommand subscribeCommand(String objectId, int... variables) {
        TraciWriter content = new TraciWriter()
                .writeDouble(INVALID_DOUBLE_VALUE).writeDouble(INVALID_DOUBLE_VALUE)
                .writeString(objectId)
                .writeUByte(variables.length);
        for (int v : variables) {
            content.writeUByte(v);
        }
        return new TraciCommand(subscribeId, content.toByteArray(), TraciCommand.Reply.RESULT);
    }

    /** Subscribes now; returns the current values. */
    public SubscriptionResult subscribe(String objectId, int... variables) {
        return TraciProtocol.readSubscription(connection.exchange(subscribeCommand(objectId, variables)).reader());
    }

    /** Subscribes many objects in one round trip. */
    public void subscribeAll(List<String> objectIds, int... variables) {
        if (!objectIds.isEmpty()) {
            connection.exchange(objectIds.stream().map(id -> subscribeCommand(id, variables)).toList());
        }
    }

    protected void run(TraciCommand command) {
        connection.exchange(command);
    }

    protected static Function<TraciReader, Integer> typedInt() {
        return TraciReader::readTypedInt;
    }

    protected static Function<TraciReader, Double> typedDouble() {
        return TraciReader::readTypedDouble;
    }

    protected static Function<TraciReader, String> typedString() {
        return TraciReader::readTypedString;
    }

    protected static Function<TraciReader, List<String>> typedStringList() {
        return TraciReader::readTypedStringList;
    }
}
