package org.greenwave.sumo.traci;

import static org.greenwave.sumo.traci.TraciConstants.*;

import java.util.List;

/** Lane-area (E2) detector commands: vehicles in the zone, occupancy, halting vehicles. */
public final class LaneAreaDomain extends Domain {

    public LaneAreaDomain(TraciConnection connection) {
        super(connection, CMD_GET_LANEAREA_VARIABLE, -1, CMD_SUBSCRIBE_LANEAREA_VARIABLE);
    }

    public List<String> idList() {
        return get(TRACI_ID_LIST, "", typedStringList()).run(connection);
    }

    public int vehicleNumber(String detector) {
        return get(LAST_STEP_VEHICLE_NUMBER, detector, typedInt()).run(connection);
    }

    /** Occupancy in percent (0..100), as SUMO reports it. */
    public double occupancyPercent(String detector) {
        return get(LAST_STEP_OCCUPANCY, detector, typedDouble()).run(connection);
    }

    public int haltingNumber(String detector) {
        return get(LAST_STEP_VEHICLE_HALTING_NUMBER, detector, typedInt()).run(connection);
    }

    public String lane(String detector) {
        return get(VAR_LANE_ID, detector, typedString()).run(connection);
    }

    public double length(String detector) {
        return get(VAR_LENGTH, detector, typedDouble()).run(connection);
    }
}
