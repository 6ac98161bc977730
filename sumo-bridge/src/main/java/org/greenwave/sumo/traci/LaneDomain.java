package org.greenwave.sumo.traci;

import static org.greenwave.sumo.traci.TraciConstants.*;

import java.util.List;

/** Lane commands: geometry, vehicle counts, halting vehicles, vehicles on the lane. */
public final class LaneDomain extends Domain {

    public LaneDomain(TraciConnection connection) {
        super(connection, CMD_GET_LANE_VARIABLE, -1, CMD_SUBSCRIBE_LANE_VARIABLE);
    }

    public Query<Double> lengthQuery(String lane) {
        return get(VAR_LENGTH, lane, typedDouble());
    }

    public double length(String lane) {
        return lengthQuery(lane).run(connection);
    }

    public List<double[]> shape(String lane) {
        return get(VAR_SHAPE, lane, in -> {
            in.expectType(TYPE_POLYGON);
            return in.readPolygonBody();
        }).run(connection);
    }

    public Query<Integer> vehicleNumberQuery(String lane) {
        return get(LAST_STEP_VEHICLE_NUMBER, lane, typedInt());
    }

    /** Vehicles standing (below 0.1 m/s) on the lane in the last step. */
    public Query<Integer> haltingNumberQuery(String lane) {
        return get(LAST_STEP_VEHICLE_HALTING_NUMBER, lane, typedInt());
    }

    public int haltingNumber(String lane) {
        return haltingNumberQuery(lane).run(connection);
    }

    public Query<List<String>> vehicleIdsQuery(String lane) {
        return get(LAST_STEP_VEHICLE_ID_LIST, lane, typedStringList());
    }

    public List<String> vehicleIds(String lane) {
        return vehicleIdsQuery(lane).run(connection);
    }
}
