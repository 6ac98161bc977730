package org.greenwave.sumo.traci;

import static org.greenwave.sumo.traci.TraciConstants.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Traffic light commands: programs, phases, state, controlled lanes and links. */
public final class TrafficLightDomain extends Domain {

    public TrafficLightDomain(TraciConnection connection) {
        super(connection, CMD_GET_TL_VARIABLE, CMD_SET_TL_VARIABLE, CMD_SUBSCRIBE_TL_VARIABLE);
    }

    /**
     * One controlled link of a signal.
     *
     * @param fromLane incoming lane
     * @param toLane   outgoing lane
     * @param viaLane  the internal lane across the junction (empty without internal lanes)
     */
    public record ControlledLink(String fromLane, String toLane, String viaLane) {
    }

    public List<String> idList() {
        return get(TRACI_ID_LIST, "", typedStringList()).run(connection);
    }

    public Query<String> stateQuery(String tls) {
        return get(TL_RED_YELLOW_GREEN_STATE, tls, typedString());
    }

    public String state(String tls) {
        return stateQuery(tls).run(connection);
    }

    public TraciCommand setStateCommand(String tls, String state) {
        return set(TL_RED_YELLOW_GREEN_STATE, tls, w -> w.writeTypedString(state));
    }

    /** Shows {@code state} from now until told otherwise (SUMO switches the signal to its "online" program). */
    public void setState(String tls, String state) {
        run(setStateCommand(tls, state));
    }

    public Query<Integer> phaseQuery(String tls) {
        return get(TL_CURRENT_PHASE, tls, typedInt());
    }

    /** The index of the current step in the running program. */
    public int phase(String tls) {
        return phaseQuery(tls).run(connection);
    }

    public void setPhase(String tls, int index) {
        run(set(TL_PHASE_INDEX, tls, w -> w.writeTypedInt(index)));
    }

    /** Sets the remaining duration of the current phase, seconds. */
    public void setPhaseDuration(String tls, double seconds) {
        run(set(TL_PHASE_DURATION, tls, w -> w.writeTypedDouble(seconds)));
    }

    public String program(String tls) {
        return get(TL_CURRENT_PROGRAM, tls, typedString()).run(connection);
    }

    /** Switches to one of the signal's programs by id (e.g. back to the network's own after external control). */
    public void setProgram(String tls, String programId) {
        run(set(TL_PROGRAM, tls, w -> w.writeTypedString(programId)));
    }

    /** Absolute simulation time of the next program switch, seconds. */
    public Query<Double> nextSwitchQuery(String tls) {
        return get(TL_NEXT_SWITCH, tls, typedDouble());
    }

    public double nextSwitch(String tls) {
        return nextSwitchQuery(tls).run(connection);
    }

    /** Duration of the current program step, seconds. */
    public Query<Double> phaseDurationQuery(String tls) {
        return get(TL_PHASE_DURATION, tls, typedDouble());
    }

    public List<String> controlledLanes(String tls) {
        return get(TL_CONTROLLED_LANES, tls, typedStringList()).run(connection);
    }

    /** The links by link index; an index can carry several links. */
    public List<List<ControlledLink>> controlledLinks(String tls) {
        return get(TL_CONTROLLED_LINKS, tls, TrafficLightDomain::decodeControlledLinks).run(connection);
    }

    static List<List<ControlledLink>> decodeControlledLinks(TraciReader in) {
        in.expectType(TYPE_COMPOUND);
        in.readInt(); // item count of the compound, not needed
        int signals = in.readTypedInt();
        List<List<ControlledLink>> links = new ArrayList<>(signals);
        for (int i = 0; i < signals; i++) {
            int n = in.readTypedInt();
            List<ControlledLink> sub = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                List<String> l = in.readTypedStringList();
                sub.add(new ControlledLink(l.get(0), l.get(1), l.size() > 2 ? l.get(2) : ""));
            }
            links.add(sub);
        }
        return links;
    }

    /** Every program the signal has, in SUMO's order. */
    public List<TrafficLightProgram> programs(String tls) {
        return get(TL_COMPLETE_DEFINITION_RYG, tls, TrafficLightDomain::decodePrograms).run(connection);
    }

    static List<TrafficLightProgram> decodePrograms(TraciReader in) {
        int count = in.readCompound();
        List<TrafficLightProgram> programs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            in.readCompound();
            String programId = in.readTypedString();
            int type = in.readTypedInt();
            int current = in.readTypedInt();
            int phaseCount = in.readCompound();
            List<TrafficLightProgram.Phase> phases = new ArrayList<>(phaseCount);
            for (int p = 0; p < phaseCount; p++) {
                in.readCompound();
                double duration = in.readTypedDouble();
                String state = in.readTypedString();
                double min = in.readTypedDouble();
                double max = in.readTypedDouble();
                int nextCount = in.readCompound();
                List<Integer> next = new ArrayList<>(nextCount);
                for (int k = 0; k < nextCount; k++) {
                    next.add(in.readTypedInt());
                }
                String name = in.readTypedString();
                phases.add(new TrafficLightProgram.Phase(duration, state, min, max, List.copyOf(next), name));
            }
            int paramCount = in.readCompound();
            Map<String, String> params = new LinkedHashMap<>();
            for (int k = 0; k < paramCount; k++) {
                List<String> kv = in.readTypedStringList();
                params.put(kv.get(0), kv.size() > 1 ? kv.get(1) : "");
            }
            programs.add(new TrafficLightProgram(programId, type, current, List.copyOf(phases), params));
        }
        return programs;
    }

    /** Installs a program (replacing one of the same id) and makes it the signal's active program. */
    public void setProgram(String tls, TrafficLightProgram program) {
        run(set(TL_COMPLETE_PROGRAM_RYG, tls, w -> encodeProgram(w, program)));
    }

    static void encodeProgram(TraciWriter w, TrafficLightProgram program) {
        w.writeCompoundHeader(5)
                .writeTypedString(program.programId())
                .writeTypedInt(program.type())
                .writeTypedInt(program.currentPhaseIndex())
                .writeCompoundHeader(program.phases().size());
        for (TrafficLightProgram.Phase p : program.phases()) {
            w.writeCompoundHeader(6)
                    .writeTypedDouble(p.duration())
                    .writeTypedString(p.state())
                    .writeTypedDouble(p.minDuration())
                    .writeTypedDouble(p.maxDuration())
                    .writeCompoundHeader(p.next().size());
            p.next().forEach(w::writeTypedInt);
            w.writeTypedString(p.name());
        }
        w.writeCompoundHeader(program.parameters().size());
        program.parameters().forEach((k, v) -> w.writeUByte(TYPE_STRINGLIST).writeStringList(List.of(k, v)));
    }
}
