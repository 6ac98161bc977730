package org.greenwave.cli.demo;

import static org.greenwave.sumo.traci.TraciConstants.CMD_GET_SIM_VARIABLE;
import static org.greenwave.sumo.traci.TraciConstants.CMD_SUBSCRIBE_SIM_VARIABLE;
import static org.greenwave.sumo.traci.TraciConstants.VAR_ARRIVED_VEHICLES_NUMBER;
import static org.greenwave.sumo.traci.TraciConstants.VAR_DEPARTED_VEHICLES_NUMBER;

import java.util.List;
import org.greenwave.sumo.traci.Domain;
import org.greenwave.sumo.traci.Query;
import org.greenwave.sumo.traci.TraciConnection;

/** Vehicles that departed and arrived in the last step (one TraCI round trip), summed over a run. */
final class SimCounts extends Domain {

    private long departed;
    private long arrived;

    SimCounts(TraciConnection connection) {
        super(connection, CMD_GET_SIM_VARIABLE, -1, CMD_SUBSCRIBE_SIM_VARIABLE);
    }

    void afterStep() {
        List<Integer> counts = Query.runAll(connection, List.of(
                get(VAR_DEPARTED_VEHICLES_NUMBER, "", typedInt()),
                get(VAR_ARRIVED_VEHICLES_NUMBER, "", typedInt())));
        departed += counts.get(0);
        arrived += counts.get(1);
    }

    long departed() {
        return departed;
    }

    long arrived() {
        return arrived;
    }

    int running() {
        return (int) Math.max(0, departed - arrived);
    }
}
