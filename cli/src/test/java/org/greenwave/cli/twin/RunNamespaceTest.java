package org.greenwave.cli.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.sumo.loop.FieldReading;
import org.greenwave.sumo.loop.PlanSource;
import org.junit.jupiter.api.Test;

/** Ids a twin run gives the services: prefixed, SPEC-valid however long the network's own, and mapped back. */
class RunNamespaceTest {

    /** A signal cluster of RESCO's ingolstadt7, as the twin names it (already cut to SPEC's 128 characters). */
    static final String LONG = ("cluster_306484187_cluster_1200363791_1200363826_1200363834_1200363898_1200363927"
            + "_1200363938_1200363947_1200364074_1200364103_1507566554_1507566556").substring(0, 128);
    static final String LONG_ALIKE = LONG.substring(0, 127) + "9";
    static final Instant T = Instant.parse("2026-11-29T07:00:00Z");

    static Intersection record(String id) {
        return new Intersection(id, id, 0, 0, List.of(), List.of(),
                List.of(new Intersection.Detector(id + "_w_0#0", "w_0", "area", 50, 0, 50, Intersection.Detector.APPROACH)),
                List.of(), Intersection.SafetyLimits.defaults());
    }

    static TimingPlan plan(String intersectionId) {
        return new TimingPlan("p", intersectionId, T, T, 60, 0, List.of(), "m", "e", "AUTO", null);
    }

    static boolean specValid(String id) {
        return id.matches("[A-Za-z0-9_.:#-]{1,128}");
    }

    @Test
    void longIdsStayWithinSpecAndDistinctAndPlansComeBackUnderTheTwinsOwnId() {
        RunNamespace run = new RunNamespace("r1-3.");
        Intersection a = run.intersection(record(LONG));
        Intersection b = run.intersection(record(LONG_ALIKE));
        Intersection shortOne = run.intersection(record("gneJ143"));
        assertThat(List.of(a.id(), b.id(), a.detectors().get(0).id())).allMatch(RunNamespaceTest::specValid);
        assertThat(a.id()).startsWith("r1-3.").isNotEqualTo(b.id());
        assertThat(shortOne.id()).isEqualTo("r1-3.gneJ143");

        List<FieldReading> sent = new ArrayList<>();
        run.devices(sent::addAll).send(List.of(new FieldReading(LONG, LONG + "_w_0#0", T, 1, 0.1, 0)));
        assertThat(sent.get(0).intersectionId()).isEqualTo(a.id());
        assertThat(sent.get(0).detectorId()).isEqualTo(a.detectors().get(0).id());

        List<TimingPlan> arriving = List.of(plan(a.id()), plan(shortOne.id()), plan("r2-3.gneJ143"));
        PlanSource plans = run.plans(timeout -> arriving);
        assertThat(plans.poll(Duration.ZERO)).extracting(TimingPlan::intersectionId)
                .as("another run's plan is not this run's").containsExactly(LONG, "gneJ143");
    }
}
