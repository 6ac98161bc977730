package org.greenwave.signal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.control.Decision;
import org.greenwave.signal.control.SignalControl;
import org.greenwave.signal.safety.SafetyValidator;
import org.junit.jupiter.api.Test;

class GreenwaveStrategyTest {

    static final Instant T0 = Instant.parse("2026-11-28T07:00:00Z");

    /** Cross junction: phase 0 serves west (link 0), phase 2 serves north (link 1); two approach zones per lane. */
    static Intersection cross() {
        List<Intersection.Detector> detectors = new ArrayList<>();
        for (String lane : List.of("w_0", "n_0")) {
            detectors.add(new Intersection.Detector(lane + "#0", lane, "area", 50, 0, 50, Intersection.Detector.APPROACH));
            detectors.add(new Intersection.Detector(lane + "#1", lane, "area", 100, 50, 150, Intersection.Detector.APPROACH));
        }
        return new Intersection("X", "X", 0, 0,
                List.of(new Intersection.Link(0, "w_0", "e_0", false, List.of(1), 0),
                        new Intersection.Link(1, "n_0", "s_0", false, List.of(0), 0)),
                List.of(new Intersection.Phase(0, "Gr", 30), new Intersection.Phase(2, "rG", 30)),
                detectors,
                List.of(new Intersection.ProgramStep("Gr", 30), new Intersection.ProgramStep("yr", 3),
                        new Intersection.ProgramStep("rG", 30), new Intersection.ProgramStep("ry", 3)),
                Intersection.SafetyLimits.defaults());
    }

    private final SignalControl control = new SignalControl(
            new GreenwaveStrategy(new PressurePolicy(new HeuristicDischarge(), PressurePolicy.Settings.defaults())),
            new SafetyValidator(), SignalControl.Settings.defaults());

    private Decision step(int second, int greenSeconds, int[] west, int[] north) {
        Instant t = T0.plusSeconds(second);
        control.register(cross());
        control.onControllerState(new ControllerState("X", t, "Gr", 0, false, greenSeconds, null, ControllerState.PLAN));
        return report(control, t, west, north);
    }

    /** Every detector of the junction reports (vehicles, halting per zone); the one decision that follows. */
    static Decision report(SignalControl control, Instant t, int[] west, int[] north) {
        List<Decision> out = new ArrayList<>();
        out.addAll(control.onReading(reading("w_0#0", t, west[0], west[1])));
        out.addAll(control.onReading(reading("w_0#1", t, west[2], west[3])));
        out.addAll(control.onReading(reading("n_0#0", t, north[0], north[1])));
        out.addAll(control.onReading(reading("n_0#1", t, north[2], north[3])));
        assertThat(out).as("exactly one decision once every detector reported").hasSize(1);
        return out.get(0);
    }

    static DetectorReading reading(String id, Instant t, int vehicles, int halting) {
        return new DetectorReading("X", id, t, vehicles, 0.1, halting, t, "twin");
    }

    @Test
    void keepsGreenWhileVehiclesStillFlowAndSwitchesWhenTheQueueElsewhereOutweighsThem() {
        // west green for 15 s, 6 vehicles moving near the stop line; north: 2 queued
        Decision keep = step(100, 15, new int[] {6, 0, 2, 0}, new int[] {2, 2, 0, 0});
        assertThat(keep.action()).isEqualTo(Decision.Action.PUBLISH);
        TimingPlan plan = keep.plan();
        assertThat(plan.phases().get(0).phaseIndex()).isZero();
        assertThat(plan.phases().get(0).greenSeconds()).isEqualTo(16);
        assertThat(plan.explanation()).startsWith("Keeping phase 0 green");
        assertThat(new SafetyValidator().validate(cross(), plan)).isEmpty();

        // one second later, west is empty, north has 8 standing: switch now
        Decision change = step(101, 16, new int[] {0, 0, 0, 0}, new int[] {5, 5, 3, 3});
        TimingPlan next = change.plan();
        assertThat(next.phases().get(0).greenSeconds()).isEqualTo(16);
        assertThat(next.phases().get(1).phaseIndex()).isEqualTo(2);
        assertThat(next.explanation()).startsWith("Switching to phase 2");
        assertThat(next.dataUntil()).isEqualTo(T0.plusSeconds(101));
        assertThat(new SafetyValidator().validate(cross(), next)).isEmpty();
    }

    @Test
    void neverEndsAGreenBeforeTheMinimum() {
        Decision d = step(200, 4, new int[] {0, 0, 0, 0}, new int[] {9, 9, 9, 9});
        assertThat(d.plan().phases().get(0).greenSeconds()).isEqualTo(10);
        assertThat(d.plan().explanation()).contains("minimum");
    }

    @Test
    void servesAPhaseThatWaitedBeyondTheMaximumRed() {
        control.register(cross());
        // north was last green at T0; 130 s later west still flows strongly
        control.onControllerState(new ControllerState("X", T0, "rG", 2, false, 20, null, ControllerState.PLAN));
        control.onControllerState(new ControllerState("X", T0.plusSeconds(1), "Gr", 0, false, 0, null,
                ControllerState.PLAN));
        Decision d = step(130, 100, new int[] {9, 0, 9, 0}, new int[] {1, 1, 0, 0});
        assertThat(d.plan().phases().get(1).phaseIndex()).isEqualTo(2);
        assertThat(d.plan().explanation()).contains("maximum red");
    }

    @Test
    void afterRecoveryASecondAlreadyDecidedElsewhereIsNotDecidedAgain() {
        Decision first = step(300, 12, new int[] {1, 0, 0, 0}, new int[] {1, 1, 0, 0});
        // a second instance takes over: it rebuilds from Kafka, including the plan already published for second 300
        SignalControl survivor = new SignalControl(
                new GreenwaveStrategy(new PressurePolicy(new HeuristicDischarge(), PressurePolicy.Settings.defaults())),
                new SafetyValidator(), SignalControl.Settings.defaults());
        survivor.register(cross());
        Instant t = T0.plusSeconds(300);
        survivor.restorePublished(first.plan());
        survivor.restoreControllerState(new ControllerState("X", t, "Gr", 0, false, 12, null, ControllerState.PLAN));
        List<Decision> again = new ArrayList<>();
        for (String id : List.of("w_0#0", "w_0#1", "n_0#0", "n_0#1")) {
            again.addAll(survivor.onReading(reading(id, t, 1, 0)));
        }
        assertThat(again).as("second 300 was decided before the partition moved").isEmpty();
        Instant t1 = t.plusSeconds(1);
        survivor.onControllerState(new ControllerState("X", t1, "Gr", 0, false, 13, null, ControllerState.PLAN));
        List<Decision> next = new ArrayList<>();
        for (String id : List.of("w_0#0", "w_0#1", "n_0#0", "n_0#1")) {
            next.addAll(survivor.onReading(reading(id, t1, 1, 0)));
        }
        assertThat(next).hasSize(1);
        assertThat(next.get(0).plan().dataUntil()).isEqualTo(t1);
    }

    @Test
    void theLookAheadExplainsItsDecisionAndItsPlansAreSafe() {
        SignalControl product = new SignalControl(
                new GreenwaveStrategy(PressurePolicy.withLookahead(new HeuristicDischarge(),
                        PressurePolicy.Settings.defaults())), new SafetyValidator(), SignalControl.Settings.defaults());
        product.register(cross());
        Instant t = T0.plusSeconds(400);
        product.onControllerState(new ControllerState("X", t, "Gr", 0, false, 15, null, ControllerState.PLAN));
        Decision quiet = report(product, t, new int[] {0, 0, 0, 0}, new int[] {0, 0, 0, 0});
        assertThat(quiet.plan().explanation())
                .isEqualTo("Keeping phase 0 green: no vehicles are waiting or approaching.");
        assertThat(quiet.plan().modelVersion()).contains(Lookahead.VERSION + "+" + HeuristicDischarge.VERSION);

        Instant t1 = t.plusSeconds(1);
        product.onControllerState(new ControllerState("X", t1, "Gr", 0, false, 16, null, ControllerState.PLAN));
        TimingPlan plan = report(product, t1, new int[] {0, 0, 0, 0}, new int[] {6, 6, 4, 4}).plan();
        assertThat(plan.explanation()).startsWith("Switching to phase 2: over the next 90 s the look-ahead expects");
        assertThat(plan.phases().get(1).phaseIndex()).isEqualTo(2);
        assertThat(new SafetyValidator().validate(cross(), plan)).isEmpty();
    }
}
