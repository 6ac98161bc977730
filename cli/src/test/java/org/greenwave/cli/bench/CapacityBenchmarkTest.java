package org.greenwave.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.greenwave.cli.Greenwave;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.control.Decision;
import org.greenwave.signal.control.SignalControl;
import org.greenwave.signal.policy.GreenwaveStrategy;
import org.greenwave.signal.policy.HeuristicDischarge;
import org.greenwave.signal.policy.PressurePolicy;
import org.greenwave.signal.safety.SafetyValidator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CapacityBenchmarkTest {

    @Test
    void isABenchSubcommand() {
        assertThat(new CommandLine(new Greenwave()).getSubcommands().get("bench").getSubcommands())
                .containsKey("capacity");
    }

    /** The benchmark's load only measures something if every reported second of its junction makes a plan. */
    @Test
    void theBenchmarksJunctionGetsAValidatedPlanForEveryReportedSecond() {
        Intersection junction = CapacityBenchmark.junction("J-0001");
        assertThat(junction.detectors()).hasSize(CapacityBenchmark.DETECTORS);
        assertThat(new SafetyValidator().validate(junction, new org.greenwave.contracts.signal.TimingPlan(
                "x", junction.id(), Instant.EPOCH, Instant.EPOCH, 66, 0, List.of(), "v", "", "AUTO", null)))
                .as("an empty plan is refused: the validator is really at work").isNotEmpty();
        SignalControl loop = new SignalControl(new GreenwaveStrategy(PressurePolicy.withLookahead(new HeuristicDischarge(),
                PressurePolicy.Settings.defaults())), new SafetyValidator(), SignalControl.Settings.defaults());
        loop.register(junction);
        Instant t0 = Instant.parse("2026-11-28T07:00:00Z");
        List<Decision> decisions = new ArrayList<>();
        for (int s = 0; s < 150; s++) {
            Instant t = t0.plusSeconds(s);
            for (Intersection.Detector d : junction.detectors()) {
                decisions.addAll(loop.onReading(new DetectorReading(junction.id(), d.id(), t, s % 3, 0.3, s % 7, t,
                        "http")));
            }
            decisions.addAll(loop.onControllerState(CapacityBenchmark.report(junction.id(), t, s)));
        }
        assertThat(decisions).hasSize(150).allSatisfy(d -> assertThat(d.action()).isEqualTo(Decision.Action.PUBLISH));
    }
}
