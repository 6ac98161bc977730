package org.greenwave.sumo.traci;

import java.util.List;
import java.util.Map;

/**
 * A traffic light program as TraCI describes it ({@code TL_COMPLETE_DEFINITION_RYG}).
 *
 * @param programId         the program's id ({@code 0} for most networks)
 * @param type              0 static, 3 actuated, ... (SUMO's TrafficLightType)
 * @param currentPhaseIndex the phase running now
 * @param phases            the phases in program order
 * @param parameters        the program's generic parameters
 */
public record TrafficLightProgram(String programId, int type, int currentPhaseIndex, List<Phase> phases,
                                  Map<String, String> parameters) {

    /**
     * One program step.
     *
     * @param duration    seconds
     * @param state       one signal character per link index
     * @param minDuration minimum duration (actuated programs), else as SUMO reports it
     * @param maxDuration maximum duration (actuated programs)
     * @param next        explicit successor phases (usually empty)
     * @param name        the phase's name, may be empty
     */
    public record Phase(double duration, String state, double minDuration, double maxDuration, List<Integer> next,
                        String name) {
    }
}
