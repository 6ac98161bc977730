package org.greenwave.sumo.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.greenwave.contracts.EventSchemas;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.sumo.testing.TestScenarios;
import org.greenwave.sumo.twin.DetectorLayout;
import org.greenwave.sumo.twin.Intersections;
import org.greenwave.sumo.twin.VirtualDetector;
import org.greenwave.sumo.twin.VirtualDetectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network model read from net.xml: signals, links, conflicts, detectors and registry records. */
class NetReaderTest {

    @TempDir
    Path dir;

    private NetworkModel twoSignals() throws IOException {
        Path net = dir.resolve("two.net.xml");
        try (InputStream in = getClass().getResourceAsStream("/two-signals.net.xml")) {
            Files.copy(in, net);
        }
        return NetReader.read(net);
    }

    @Test
    void findsEverySignalWithProgramLinksAndPosition() throws IOException {
        NetworkModel net = twoSignals();
        assertThat(net.signals()).extracting(NetworkModel.Signal::id).containsExactly("A0", "B0");
        NetworkModel.Signal a0 = net.signal("A0");
        assertThat(a0.x()).isEqualTo(200.0);
        assertThat(a0.y()).isEqualTo(200.0);
        assertThat(a0.junctions()).containsExactly("A0");
        assertThat(a0.program().phases()).hasSize(4);
        assertThat(a0.program().phases().stream().filter(NetworkModel.ProgramPhase::isGreenPhase)).hasSize(2);
        assertThat(a0.links()).hasSize(16);
        assertThat(a0.links().get(0).fromLane()).isEqualTo("top0A0_0");
        assertThat(a0.links().get(0).viaLane()).startsWith(":A0_");
        assertThat(a0.incomingLanes()).hasSize(8).contains("left0A0_0", "B0A0_1");
        assertThat(a0.outgoingLanes()).contains("A0B0_0", "A0left0_1");
        assertThat(net.lane("left0A0_0").length()).isGreaterThan(150);
        assertThat(net.lane("left0A0_0").shape()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void conflictsComeFromTheJunctionAndExcludeWhatTheProgramShowsTogether() throws IOException {
        NetworkModel net = twoSignals();
        NetworkModel.Signal a0 = net.signal("A0");
        boolean[][] foes = Conflicts.matrix(net, a0);
        String ns = a0.program().phases().get(0).state();     // GGGgrrrrGGGgrrrr
        String ew = a0.program().phases().get(2).state();
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                assertThat(foes[i][j]).isEqualTo(foes[j][i]);
                boolean together = SignalStates.isGreenLight(ns.charAt(i)) && SignalStates.isGreenLight(ns.charAt(j))
                        || SignalStates.isGreenLight(ew.charAt(i)) && SignalStates.isGreenLight(ew.charAt(j));
                if (together) {
                    assertThat(foes[i][j]).as("links %d and %d are green together in the program", i, j).isFalse();
                }
            }
        }
        // a through movement of one phase conflicts with the crossing through movement of the other
        int nsThrough = a0.links().stream().filter(l -> l.fromLane().equals("top0A0_0") && l.direction().equals("s"))
                .findFirst().orElseThrow().index();
        int ewThrough = a0.links().stream().filter(l -> l.fromLane().equals("left0A0_0") && l.direction().equals("s"))
                .findFirst().orElseThrow().index();
        assertThat(foes[nsThrough][ewThrough]).isTrue();
        assertThat(Conflicts.clearanceSeconds(net, a0.links().get(nsThrough))).isBetween(1, 6);
    }

    @Test
    void placesDetectorZonesOnApproachesAndExits() throws IOException {
        NetworkModel net = twoSignals();
        List<VirtualDetector> detectors = VirtualDetectors.place(net, DetectorLayout.standard());
        VirtualDetector near = detectors.stream().filter(d -> d.id().equals("left0A0_0#0")).findFirst().orElseThrow();
        double length = net.lane("left0A0_0").length();
        assertThat(near.endPos()).isEqualTo(length);
        assertThat(near.startPos()).isEqualTo(length - 50);
        assertThat(near.nearStopLine()).isTrue();
        VirtualDetector far = detectors.stream().filter(d -> d.id().equals("left0A0_0#1")).findFirst().orElseThrow();
        assertThat(far.endPos()).isEqualTo(length - 50);
        assertThat(far.startPos()).isEqualTo(Math.max(0, length - 150));
        VirtualDetector exit = detectors.stream().filter(d -> d.id().equals("A0left0_0#out")).findFirst().orElseThrow();
        assertThat(exit.outgoing()).isTrue();
        assertThat(exit.startPos()).isZero();
        // 8 approach lanes x 2 zones + 8 exit lanes, per signal; A0B0 is an exit of A0 and an approach of B0
        assertThat(detectors.stream().filter(d -> d.intersectionId().equals("A0"))).hasSize(24);
        assertThat(detectors).extracting(VirtualDetector::id).doesNotHaveDuplicates();
    }

    @Test
    void registryRecordsValidateAgainstTheirSchema() throws IOException {
        NetworkModel net = twoSignals();
        List<VirtualDetector> detectors = VirtualDetectors.place(net, DetectorLayout.standard());
        for (Intersection intersection : Intersections.of(net, detectors).values()) {
            assertThat(EventSchemas.validateEvent(EventSchemas.INTERSECTION, intersection)).isEmpty();
            assertThat(intersection.phases()).hasSize(2);
            assertThat(intersection.fixedProgram()).hasSize(4);
            assertThat(intersection.detectors()).hasSize(24);
            assertThat(intersection.links()).allSatisfy(l -> assertThat(l.foes()).doesNotContain(l.index()));
            Intersection.Detector near = intersection.detectors().stream()
                    .filter(d -> d.id().endsWith("_0#0")).findFirst().orElseThrow();
            assertThat(near.role()).isEqualTo(Intersection.Detector.APPROACH);
            assertThat(near.fromMeters()).isZero();
            assertThat(near.toMeters()).isEqualTo(50.0);
            Intersection.Detector far = intersection.detectors().stream()
                    .filter(d -> d.id().endsWith("_0#1")).findFirst().orElseThrow();
            assertThat(far.fromMeters()).isEqualTo(50.0);
            assertThat(far.toMeters()).isEqualTo(Math.min(150.0, net.lane(far.lane()).length()));
            Intersection.Detector exit = intersection.detectors().stream()
                    .filter(d -> d.id().endsWith("#out")).findFirst().orElseThrow();
            assertThat(exit.role()).isEqualTo(Intersection.Detector.EXIT);
            assertThat(exit.fromMeters()).isZero();
            assertThat(exit.toMeters()).isEqualTo(50.0);
        }
    }

    @Test
    void readsTheDevScenarios() {
        for (String name : List.of("cologne1", "ingolstadt1")) {
            ScenarioConfig cfg = ScenarioConfig.read(TestScenarios.devScenario(name));
            NetworkModel net = NetReader.read(cfg);
            assertThat(net.signals()).hasSize(1);
            NetworkModel.Signal s = net.signals().get(0);
            assertThat(s.links()).hasSize(s.program().phases().get(0).state().length());
            assertThat(s.links()).allSatisfy(l -> assertThat(l.fromLane()).isNotEmpty());
            assertThat(cfg.end() - cfg.begin()).isEqualTo(3600);
            assertThat(cfg.routeFiles()).hasSize(1);
        }
    }
}
