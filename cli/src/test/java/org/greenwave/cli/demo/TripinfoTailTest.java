package org.greenwave.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running mean delay from a tripinfo file SUMO is still writing (elements cut anywhere). */
class TripinfoTailTest {

    @Test
    void countsArrivedVehiclesAsTheyAreWrittenAndIgnoresUnfinishedOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trips.xml");
        TripinfoTail tail = new TripinfoTail(file);
        tail.poll(); // no file yet
        assertThat(tail.meanDelay()).isNull();

        String a = "<tripinfos>\n    <tripinfo id=\"v0\" depart=\"1.00\" departDelay=\"2.00\" arrival=\"90.00\" "
                + "timeLoss=\"10.00\" vType=\"car\"/>\n";
        String b = "    <tripinfo id=\"v1\" depart=\"3.00\" departDelay=\"0.00\" arrival=\"120.00\" timeLoss=\"28.00\"/>\n";
        String unfinished = "    <tripinfo id=\"v2\" depart=\"5.00\" departDelay=\"1.00\" arrival=\"-1.00\" "
                + "timeLoss=\"400.00\"/>\n</tripinfos>\n";
        Files.writeString(file, a + b.substring(0, 40));
        tail.poll();
        assertThat(tail.finished()).isEqualTo(1);
        assertThat(tail.meanDelay()).isEqualTo(12.0);

        Files.writeString(file, b.substring(40) + unfinished, StandardOpenOption.APPEND);
        tail.poll();
        assertThat(tail.finished()).isEqualTo(2);
        assertThat(tail.meanDelay()).isEqualTo((12.0 + 28.0) / 2);
    }
}
