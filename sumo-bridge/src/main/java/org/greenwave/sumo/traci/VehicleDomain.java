package org.greenwave.sumo.traci;

import static org.greenwave.sumo.traci.TraciConstants.*;

/** Vehicle commands the controllers need: where a vehicle is on its lane. */
public final class VehicleDomain extends Domain {

    public VehicleDomain(TraciConnection connection) {
        super(connection, CMD_GET_VEHICLE_VARIABLE, -1, CMD_SUBSCRIBE_VEHICLE_VARIABLE);
    }

    /** Distance of the vehicle's front from the start of its lane, metres. */
    public Query<Double> lanePositionQuery(String vehicle) {
        return get(VAR_LANEPOSITION, vehicle, typedDouble());
    }

    public double lanePosition(String vehicle) {
        return lanePositionQuery(vehicle).run(connection);
    }

    public String laneId(String vehicle) {
        return get(VAR_LANE_ID, vehicle, typedString()).run(connection);
    }
}
