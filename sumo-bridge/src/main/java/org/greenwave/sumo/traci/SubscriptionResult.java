package org.greenwave.sumo.traci;

import java.util.Map;

/**
 * The values of one subscribed object after a step.
 *
 * @param responseId the subscription response id (subscribe command + 0x10), i.e. the object's family
 * @param objectId   the object (lane, detector, traffic light, ...)
 * @param values     variable id to decoded value (see {@link TraciReader#readTypedValue()})
 */
public record SubscriptionResult(int responseId, String objectId, Map<Integer, Object> values) {

    public int intValue(int variable) {
        return ((Number) value(variable)).intValue();
    }

    public double doubleValue(int variable) {
        return ((Number) value(variable)).doubleValue();
    }

    public Object value(int variable) {
        Object v = values.get(variable);
        if (v == null) {
            throw new TraciException(String.format("no value of variable 0x%02x for %s", variable, objectId));
        }
        return v;
    }
}
