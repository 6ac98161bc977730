package org.greenwave.signal.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;
import org.greenwave.signal.safety.SafetyValidator;
import org.junit.jupiter.api.Test;

class QueueSplitPlannerTest {

    static final Instant T = Instant.parse("2026-11-28T07:00:00Z");

    /** A cross junction: links 0,1 east-west (phase 0), links 2,3 north-south (phase 2); pedestrian link 4 with NS. */
    static Intersection cross() {
        return new Intersection("X", "X", 0, 0,
                List.of(new Intersection.Link(0, "w_0", "e_0", false, List.of(2, 3), 1),
                        new Intersection.Link(1, "e_1", "w_1", false, List.of(2, 3), 1),
                        new Intersection.Link(2, "n_0", "s_0", false, List.of(0, 1), 1),
                        new Intersection.Link(3, "s_1", "n_1", false, List.of(0, 1), 1),
                        new Intersection.Link(4, "c_0", "c_1", true, List.of(0, 1), 2)),
                List.of(new Intersection.Phase(0, "GGrrr", 30), new Intersection.Phase(2, "rrGGG", 30)),
                List.of(new Intersection.Detector("w_0#0", "w_0", "area", 50),
                        new Intersection.Detector("e_1#0", "e_1", "area", 50),
                        new Intersection.Detector("n_0#0", "n_0", "area", 50),
                        new Intersection.Detector("s_1#0", "s_1", "area", 50)),
                List.of(new Intersection.ProgramStep("GGrrr", 30), new Intersection.ProgramStep("yyrrr", 3),
                        new Intersection.ProgramStep("rrGGG", 30), new Intersection.ProgramStep("rryyy", 3)),
                Intersection.SafetyLimits.defaults());
    }

    static DetectorReading reading(String id, int vehicles) {
        return new DetectorReading("X", id, T, vehicles, 0.2, vehicles, T, "twin");
    }

    @Test
    void longerQueueGetsLongerGreenAndThePlanIsSafe() {
        IntersectionModel model = new IntersectionModel(cross());
        TrafficSnapshot snapshot = new TrafficSnapshot(T, Map.of(
                "w_0#0", reading("w_0#0", 20), "e_1#0", reading("e_1#0", 5),
                "n_0#0", reading("n_0#0", 3), "s_1#0", reading("s_1#0", 2)));
        TimingPlan plan = new QueueSplitPlanner().plan(model, snapshot, T, "AUTO");

        assertThat(new SafetyValidator().validate(cross(), plan)).isEmpty();
        assertThat(plan.phases()).hasSize(2);
        assertThat(plan.phases().get(0).greenSeconds()).isEqualTo(40);
        // north-south serves the crossing: pedestrian minimum (8 s) applies
        assertThat(plan.phases().get(1).greenSeconds()).isEqualTo(8);
        assertThat(plan.phases().get(0).allRedSeconds()).isEqualTo(1);
        assertThat(plan.phases().get(1).allRedSeconds()).isEqualTo(2);
        assertThat(plan.explanation()).contains("20 vehicles on lane w_0");
    }

    @Test
    void heavyDemandIsBoundByTheMaximumCycle() {
        IntersectionModel model = new IntersectionModel(cross());
        TrafficSnapshot snapshot = new TrafficSnapshot(T, Map.of(
                "w_0#0", reading("w_0#0", 80), "n_0#0", reading("n_0#0", 80)));
        TimingPlan plan = new QueueSplitPlanner().plan(model, snapshot, T, "AUTO");

        assertThat(new SafetyValidator().validate(cross(), plan)).isEmpty();
        assertThat(plan.cycleSeconds()).isLessThanOrEqualTo(120);
        assertThat(plan.explanation()).contains("maximum cycle");
    }
}
