package org.greenwave.sumo.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.greenwave.sumo.testing.ReferenceTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RESCO delay metric, on hand-made files and against the reference delay.py. */
class DelayMetricTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private Path routes() throws IOException {
        return write("r.rou.xml", """
                <routes>
                  <vType id="car"/>
                  <vehicle id="a" depart="100.00"><route edges="x y"/></vehicle>
                  <trip id="b" depart="150" from="x" to="y"/>
                  <trip id="c" depart="900" from="x" to="y"/>
                  <trip id="d" depart="950" from="x" to="y"/>
                  <trip id="early" depart="50" from="x" to="y"/>
                  <trip id="late" depart="1000" from="x" to="y"/>
                  <trip id="odd" depart="triggered" from="x" to="y"/>
                  <flow id="f" begin="0" end="100" number="5" from="x" to="y"/>
                </routes>
                """);
    }

    private Path tripinfo() throws IOException {
        return write("t.xml", """
                <tripinfos>
                  <tripinfo id="a" depart="101.00" departDelay="1.00" duration="60.00" timeLoss="20.00" waitingTime="5.00"/>
                  <tripinfo id="b" depart="160.00" departDelay="10.00" duration="80.00" timeLoss="30.00" waitingTime="15.00"/>
                  <tripinfo id="early" depart="50.00" departDelay="0.00" duration="40.00" timeLoss="4.00" waitingTime="0.00"/>
                  <tripinfo id="c" depart="-1" departDelay="0" duration="0" timeLoss="0" waitingTime="0"/>
                  <personinfo id="p" depart="120.00"/>
                </tripinfos>
                """);
    }

    @Test
    void countsDepartedAndNeverDepartedVehiclesByTheSpecsDefinition() throws IOException {
        DelayResult r = DelayMetric.compute(List.of(routes()), tripinfo(), 100, 1000);
        // departed: a 21, b 40, early 4 (departed, so counted even though scheduled before begin);
        // never departed in [100, 1000): c 100, d 50 (the depart=-1 entry does not count as departed)
        assertThat(r.vehicles()).isEqualTo(5);
        assertThat(r.neverDeparted()).isEqualTo(2);
        assertThat(r.meanDelay()).isCloseTo((21 + 40 + 4 + 100 + 50) / 5.0, within(1e-9));
        assertThat(r.meanTripTime()).isCloseTo((60 + 80 + 40) / 3.0, within(1e-9));
        assertThat(r.meanWaitingTime()).isCloseTo((5 + 15 + 0) / 3.0, within(1e-9));
        assertThat(r.delayOverTime()).hasSize(3);
        assertThat(r.delayOverTime().get(0)).isCloseTo((21 + 40 + 4) / 3.0, within(1e-9));
        assertThat(r.delayOverTime().get(1)).isNaN();
        assertThat(r.delayOverTime().get(2)).isCloseTo(75, within(1e-9));
    }

    @Test
    void agreesWithTheReferenceDelayPy() throws IOException {
        Path tools = ReferenceTools.toolsOrSkip();
        // delay.py stops at departures that are not numbers ("triggered"); the Java metric skips them
        Path routes = write("plain.rou.xml", Files.readString(routes()).replace(
                "<trip id=\"odd\" depart=\"triggered\" from=\"x\" to=\"y\"/>", ""));
        Path tripinfo = tripinfo();
        double reference = ReferenceTools.delayOf(ReferenceTools.run(tools.resolve("delay.py"), dir,
                routes.toString(), tripinfo.toString(), "100", "1000"));
        assertThat(DelayMetric.compute(List.of(routes), tripinfo, 100, 1000).meanDelay())
                .isCloseTo(reference, within(0.005));
    }
}
