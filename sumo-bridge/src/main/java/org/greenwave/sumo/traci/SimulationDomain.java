package org.greenwave.sumo.traci;

import static org.greenwave.sumo.traci.TraciConstants.*;

import java.util.List;

/** Simulation commands: version, step, time, expected vehicles. */
public final class SimulationDomain extends Domain {

    public SimulationDomain(TraciConnection connection) {
        super(connection, CMD_GET_SIM_VARIABLE, -1, CMD_SUBSCRIBE_SIM_VARIABLE);
    }

    /** TraCI API version and SUMO's version text. */
    public record Version(int apiVersion, String sumoVersion) {
    }

    public static TraciCommand versionCommand() {
        return new TraciCommand(CMD_GETVERSION, new byte[0], TraciCommand.Reply.RESULT);
    }

    public static Version decodeVersion(TraciReader in) {
        int id = in.readUByte();
        if (id != CMD_GETVERSION) {
            throw new TraciException(String.format("answer 0x%02x to getVersion", id));
        }
        return new Version(in.readInt(), in.readString());
    }

    public Version version() {
        return decodeVersion(connection.exchange(versionCommand()).reader());
    }

    /** A step command: advance to {@code targetTime} seconds (0 = one step). */
    public static TraciCommand stepCommand(double targetTime) {
        return new TraciCommand(CMD_SIMSTEP, new TraciWriter().writeDouble(targetTime).toByteArray(),
                TraciCommand.Reply.STEP);
    }

    /** Advances the simulation; returns the results of every subscription. */
    public List<SubscriptionResult> step(double targetTime) {
        return connection.exchange(stepCommand(targetTime)).subscriptions();
    }

    public Query<Double> timeQuery() {
        return get(VAR_TIME, "", typedDouble());
    }

    public double time() {
        return timeQuery().run(connection);
    }

    public double deltaT() {
        return get(VAR_DELTA_T, "", typedDouble()).run(connection);
    }

    /** Vehicles in the network plus those still waiting to be inserted. */
    public int minExpectedNumber() {
        return get(VAR_MIN_EXPECTED_VEHICLES, "", typedInt()).run(connection);
    }
}
