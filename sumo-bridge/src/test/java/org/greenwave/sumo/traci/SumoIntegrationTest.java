package org.greenwave.sumo.traci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.testing.TestScenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TraCI client against a real SUMO 1.15 on a small generated network. */
class SumoIntegrationTest {

    @TempDir
    static Path dir;
    static Path cfg;

    @BeforeAll
    static void scenario() {
        TestScenarios.assumeSumo();
        cfg = TestScenarios.twoSignals(dir, 200, 300);
    }

    private static Sumo start() {
        return Sumo.start(List.of("-c", cfg.toString(), "--no-step-log", "true"), dir.resolve("sumo.log"));
    }

    @Test
    void connectsChecksVersionAndSteps() {
        try (Sumo sumo = start()) {
            assertThat(sumo.version()).contains("1.15");
            assertThat(sumo.simulation().time()).isEqualTo(0.0);
            sumo.simulation().step(0);
            assertThat(sumo.simulation().time()).isEqualTo(1.0);
            sumo.simulation().step(10);
            assertThat(sumo.simulation().time()).isEqualTo(10.0);
            assertThat(sumo.simulation().minExpectedNumber()).isPositive();
            assertThat(sumo.simulation().deltaT()).isEqualTo(1.0);
        }
    }

    @Test
    void trafficLightsMatchTheNetworkFile() {
        NetworkModel net = NetReader.read(ScenarioConfig.read(cfg).netFile());
        try (Sumo sumo = start()) {
            assertThat(sumo.trafficLights().idList()).containsExactly("A0", "B0");
            for (NetworkModel.Signal signal : net.signals()) {
                List<TrafficLightProgram> programs = sumo.trafficLights().programs(signal.id());
                assertThat(programs).hasSize(1);
                TrafficLightProgram p = programs.get(0);
                assertThat(p.programId()).isEqualTo(signal.program().programId());
                assertThat(p.phases()).extracting(TrafficLightProgram.Phase::state)
                        .containsExactlyElementsOf(signal.program().phases().stream()
                                .map(NetworkModel.ProgramPhase::state).toList());
                assertThat(p.phases()).extracting(TrafficLightProgram.Phase::duration)
                        .containsExactlyElementsOf(signal.program().phases().stream()
                                .map(NetworkModel.ProgramPhase::duration).toList());

                List<List<TrafficLightDomain.ControlledLink>> links = sumo.trafficLights().controlledLinks(signal.id());
                assertThat(links).hasSize(signal.linkCount());
                for (NetworkModel.Link link : signal.links()) {
                    TrafficLightDomain.ControlledLink l = links.get(link.index()).get(0);
                    assertThat(l.fromLane()).isEqualTo(link.fromLane());
                    assertThat(l.toLane()).isEqualTo(link.toLane());
                    assertThat(l.viaLane()).isEqualTo(link.viaLane());
                }
                assertThat(sumo.trafficLights().controlledLanes(signal.id()))
                        .containsAll(signal.incomingLanes());
                assertThat(sumo.lanes().length(signal.incomingLanes().get(0)))
                        .isEqualTo(net.lane(signal.incomingLanes().get(0)).length());
                assertThat(sumo.lanes().shape(signal.incomingLanes().get(0))).hasSizeGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void setsStatesAndProgramsAndReadsThemBack() {
        try (Sumo sumo = start()) {
            TrafficLightDomain tl = sumo.trafficLights();
            tl.setState("A0", "rrrrrrrrrrrrrrrr");
            sumo.simulation().step(0);
            assertThat(tl.state("A0")).isEqualTo("rrrrrrrrrrrrrrrr");

            TrafficLightProgram original = tl.programs("B0").get(0);
            TrafficLightProgram custom = new TrafficLightProgram("greenwave", 0, 0, List.of(
                    new TrafficLightProgram.Phase(7, "GGGgrrrrGGGgrrrr", 7, 7, List.of(), "east-west"),
                    new TrafficLightProgram.Phase(3, "yyyyrrrryyyyrrrr", 3, 3, List.of(), ""),
                    new TrafficLightProgram.Phase(9, "rrrrGGGgrrrrGGGg", 9, 9, List.of(), "north-south"),
                    new TrafficLightProgram.Phase(3, "rrrryyyyrrrryyyy", 3, 3, List.of(), "")),
                    java.util.Map.of());
            tl.setProgram("B0", custom);
            assertThat(tl.program("B0")).isEqualTo("greenwave");
            assertThat(tl.programs("B0")).extracting(TrafficLightProgram::programId)
                    .contains("greenwave", original.programId());
            sumo.simulation().step(sumo.simulation().time() + 8);
            assertThat(tl.phase("B0")).isEqualTo(1);
            assertThat(tl.state("B0")).isEqualTo("yyyyrrrryyyyrrrr");
            tl.setProgram("B0", original.programId());
            assertThat(tl.program("B0")).isEqualTo(original.programId());
            tl.setPhase("B0", 2);
            assertThat(tl.state("B0")).isEqualTo("rrrrGGGgrrrrGGGg");
        }
    }

    @Test
    void batchedQueriesAndSubscriptionsAgreeWithSingleGets() {
        try (Sumo sumo = start()) {
            sumo.simulation().step(120);
            List<String> lanes = List.of("left0A0_0", "left0A0_1", "right0B0_0", "right0B0_1", "top0A0_0");
            sumo.lanes().subscribeAll(lanes, TraciConstants.LAST_STEP_VEHICLE_HALTING_NUMBER,
                    TraciConstants.LAST_STEP_VEHICLE_NUMBER);
            List<SubscriptionResult> step = sumo.simulation().step(0);
            assertThat(step).hasSize(lanes.size());
            List<Integer> halting = Query.runAll(sumo.connection(),
                    lanes.stream().map(sumo.lanes()::haltingNumberQuery).toList());
            List<Integer> vehicles = Query.runAll(sumo.connection(),
                    lanes.stream().map(sumo.lanes()::vehicleNumberQuery).toList());
            for (SubscriptionResult r : step) {
                int i = lanes.indexOf(r.objectId());
                assertThat(r.intValue(TraciConstants.LAST_STEP_VEHICLE_HALTING_NUMBER)).isEqualTo(halting.get(i))
                        .isEqualTo(sumo.lanes().haltingNumber(r.objectId()));
                assertThat(r.intValue(TraciConstants.LAST_STEP_VEHICLE_NUMBER)).isEqualTo(vehicles.get(i));
                assertThat(sumo.lanes().vehicleIds(r.objectId())).hasSize(vehicles.get(i));
            }
            assertThat(vehicles.stream().mapToInt(Integer::intValue).sum()).isPositive();
            String vehicle = lanes.stream().flatMap(l -> sumo.lanes().vehicleIds(l).stream()).findFirst().orElseThrow();
            String lane = sumo.vehicles().laneId(vehicle);
            assertThat(sumo.vehicles().lanePosition(vehicle)).isBetween(0.0, sumo.lanes().length(lane));
        }
    }

    @Test
    void refusedCommandsThrowAndTheConnectionStaysUsable() {
        try (Sumo sumo = start()) {
            assertThatThrownBy(() -> sumo.trafficLights().state("no-such-signal"))
                    .isInstanceOf(TraciException.class).hasMessageContaining("no-such-signal");
            assertThat(sumo.simulation().time()).isEqualTo(0.0);
        }
    }
}
