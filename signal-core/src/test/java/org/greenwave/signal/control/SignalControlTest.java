package org.greenwave.signal.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;
import org.greenwave.signal.policy.GreenwaveStrategy;
import org.greenwave.signal.policy.HeuristicDischarge;
import org.greenwave.signal.policy.PressurePolicy;
import org.greenwave.signal.safety.SafetyValidator;
import org.junit.jupiter.api.Test;

/** The event-time loop: when it decides, and what it sees when it does. */
class SignalControlTest {

    static final Instant T0 = Instant.parse("2026-11-28T07:00:00Z");

    /** Two approaches, one zone each: phase 0 serves west, phase 2 serves north. */
    static Intersection cross() {
        return new Intersection("X", "X", 0, 0,
                List.of(new Intersection.Link(0, "w_0", "e_0", false, List.of(1), 0),
                        new Intersection.Link(1, "n_0", "s_0", false, List.of(0), 0)),
                List.of(new Intersection.Phase(0, "Gr", 30), new Intersection.Phase(2, "rG", 30)),
                List.of(new Intersection.Detector("w", "w_0", "area", 80, 0, 80, Intersection.Detector.APPROACH),
                        new Intersection.Detector("n", "n_0", "area", 80, 0, 80, Intersection.Detector.APPROACH)),
                List.of(new Intersection.ProgramStep("Gr", 30), new Intersection.ProgramStep("yr", 3),
                        new Intersection.ProgramStep("rG", 30), new Intersection.ProgramStep("ry", 3)),
                Intersection.SafetyLimits.defaults());
    }

    /** The product's strategy, remembering what each decision saw. */
    static final class Recording implements PlanningStrategy {
        final PlanningStrategy inner = new GreenwaveStrategy(
                new PressurePolicy(new HeuristicDischarge(), PressurePolicy.Settings.defaults()));
        final List<TrafficSnapshot> seen = new ArrayList<>();

        @Override
        public String version() {
            return inner.version();
        }

        @Override
        public TimingPlan propose(IntersectionModel model, TrafficSnapshot snapshot, ControllerState state,
                                  PhaseHistory history) {
            seen.add(snapshot);
            return inner.propose(model, snapshot, state, history);
        }
    }

    static DetectorReading reading(String detector, int second, int vehicles, int halting) {
        Instant t = T0.plusSeconds(second);
        return new DetectorReading("X", detector, t, vehicles, 0.1, halting, t, "test");
    }

    static ControllerState controller(int second, int greenSeconds) {
        return new ControllerState("X", T0.plusSeconds(second), "Gr", 0, false, greenSeconds, null, ControllerState.PLAN);
    }

    static SignalControl control(Recording strategy) {
        SignalControl control = new SignalControl(strategy, new SafetyValidator(), SignalControl.Settings.defaults());
        control.register(cross());
        return control;
    }

    @Test
    void decidesOnceTheControllerAndEveryDetectorHaveReportedTheSecond() {
        Recording strategy = new Recording();
        SignalControl control = control(strategy);
        assertThat(control.onControllerState(controller(100, 20))).isEmpty();
        assertThat(control.onReading(reading("w", 100, 4, 0))).as("north has not reported second 100").isEmpty();
        List<Decision> decisions = control.onReading(reading("n", 100, 3, 3));
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).action()).isEqualTo(Decision.Action.PUBLISH);
        assertThat(strategy.seen.get(0).asOf()).isEqualTo(T0.plusSeconds(100));
        assertThat(control.onReading(reading("n", 100, 3, 3))).as("the same second is not decided twice").isEmpty();
    }

    @Test
    void aControllerReportingLateStillGetsTheDetectorsAsTheyWereAtItsSecond() {
        // in order: the controller's second 100, then the detectors
        Recording inOrder = new Recording();
        SignalControl a = control(inOrder);
        a.onControllerState(controller(100, 20));
        a.onReading(reading("w", 100, 4, 0));
        List<Decision> first = a.onReading(reading("n", 100, 3, 3));

        // the controller's report for second 100 comes after west already sent second 101 (a different count)
        Recording late = new Recording();
        SignalControl b = control(late);
        b.onReading(reading("w", 100, 4, 0));
        b.onReading(reading("n", 100, 3, 3));
        b.onReading(reading("w", 101, 9, 5));
        List<Decision> second = b.onControllerState(controller(100, 20));

        assertThat(second).hasSize(1);
        TrafficSnapshot seen = late.seen.get(0);
        assertThat(seen.asOf()).isEqualTo(T0.plusSeconds(100));
        assertThat(seen.reading("w")).as("west as it was at second 100, not missing").isNotNull();
        assertThat(seen.reading("w").vehicleCount()).isEqualTo(4);
        assertThat(seen.reading("n").vehicleCount()).isEqualTo(3);
        assertThat(second.get(0).plan().phases()).isEqualTo(first.get(0).plan().phases());
        assertThat(second.get(0).plan().explanation()).isEqualTo(first.get(0).plan().explanation());
    }

    @Test
    void aSilentDetectorDropsOutOnceItsLastReadingIsStale() {
        Recording strategy = new Recording();
        SignalControl control = control(strategy);
        control.onReading(reading("n", 0, 2, 2));
        control.onControllerState(controller(200, 20));
        control.onReading(reading("w", 200, 4, 0));
        control.onReading(reading("w", 201, 4, 0)); // north never reports again: a later reading shows it will not
        assertThat(strategy.seen).hasSize(1);
        assertThat(strategy.seen.get(0).reading("w")).isNotNull();
        assertThat(strategy.seen.get(0).reading("n")).as("200 s old: beyond the 120-s staleness limit").isNull();
    }
}
