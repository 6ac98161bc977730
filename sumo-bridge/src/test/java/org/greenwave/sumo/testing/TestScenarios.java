package org.greenwave.sumo.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.greenwave.sumo.traci.Sumo;

/**
 * Scenarios for tests: a two-signal grid (generated once with {@code netgenerate --grid --grid.x-number 2
 * --grid.y-number 1 --grid.length 200 --grid.attach-length 200 --default.lanenumber 2 --tls.guess true
 * --no-turnarounds true}, kept in test resources) with demand the test writes itself, and the shared dev
 * scenarios when they are there.
 */
public final class TestScenarios {

    /** Skips the calling test, saying why, when {@code sumo} is not installed. */
    public static void assumeSumo() {
        assumeTrue(Sumo.installed(), "sumo is not installed (apt-get install -y sumo): SUMO integration test skipped");
    }

    /**
     * Writes the two-signal network, {@code vehicles} trips over [0, end) and a {@code .sumocfg} into {@code dir};
     * returns the configuration. Demand is drawn from a fixed seed, heavier east-west than north-south.
     */
    public static Path twoSignals(Path dir, int vehicles, int end) {
        String[][] od = {
                {"left0A0", "B0right0"}, {"right0B0", "A0left0"}, {"left0A0", "A0top0"},
                {"right0B0", "B0bottom1"}, {"top0A0", "A0bottom0"}, {"bottom1B0", "B0top1"},
                {"top1B0", "A0left0"}, {"bottom0A0", "B0right0"}, {"left0A0", "B0right0"},
                {"right0B0", "A0left0"}};
        Random random = new Random(7);
        List<Double> departs = new ArrayList<>();
        for (int i = 0; i < vehicles; i++) {
            departs.add(Math.floor(random.nextDouble() * end));
        }
        departs.sort(Double::compare);
        return scenario(dir, "/two-signals.net.xml", "two", od, random, departs, end);
    }

    /**
     * One signal whose west approach widens from one lane to two 200 m before the stop line, at an unsignalled node
     * (made with {@code netconvert} from four nodes and five edges, kept in test resources); {@code vehicles} trips
     * evenly over [0, end), most of them from the west. Vehicles coming from the one lane may take either of the two.
     */
    public static Path laneSplit(Path dir, int vehicles, int end) {
        String[][] od = {{"in1", "out"}, {"in1", "out"}, {"in1", "dout"}, {"nin", "out"}};
        List<Double> departs = new ArrayList<>();
        for (int i = 0; i < vehicles; i++) {
            departs.add((double) i * end / vehicles);
        }
        return scenario(dir, "/lane-split.net.xml", "split", od, new Random(3), departs, end);
    }

    /** Copies a network from the test resources, writes one trip per departure (origin and destination drawn). */
    private static Path scenario(Path dir, String netResource, String name, String[][] od, Random random,
                                 List<Double> departs, int end) {
        try {
            Files.createDirectories(dir);
            try (InputStream in = TestScenarios.class.getResourceAsStream(netResource)) {
                Files.copy(in, dir.resolve(name + ".net.xml"), StandardCopyOption.REPLACE_EXISTING);
            }
            StringBuilder routes = new StringBuilder("<routes>\n");
            for (int i = 0; i < departs.size(); i++) {
                String[] trip = od[random.nextInt(od.length)];
                routes.append(String.format(Locale.ROOT, "    <trip id=\"v%d\" depart=\"%.1f\" from=\"%s\" to=\"%s\"/>%n",
                        i, departs.get(i), trip[0], trip[1]));
            }
            routes.append("</routes>\n");
            Files.writeString(dir.resolve(name + ".rou.xml"), routes);
            Path cfg = dir.resolve(name + ".sumocfg");
            Files.writeString(cfg, """
                    <configuration>
                      <input>
                        <net-file value="%s.net.xml"/>
                        <route-files value="%s.rou.xml"/>
                      </input>
                      <time>
                        <begin value="0"/>
                        <end value="%d"/>
                      </time>
                    </configuration>
                    """.formatted(name, name, end));
            return cfg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shared dev scenario's .sumocfg ({@code ../shared/scenarios} beside the repository), or skip. */
    public static Path devScenario(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path cfg = dir.resolve("shared/scenarios").resolve(name).resolve(name + ".sumocfg");
            if (Files.isRegularFile(cfg)) {
                return cfg;
            }
            Path sibling = dir.resolveSibling("shared").resolve("scenarios").resolve(name).resolve(name + ".sumocfg");
            if (dir.getParent() != null && Files.isRegularFile(sibling)) {
                return sibling;
            }
            dir = dir.getParent();
        }
        assumeTrue(false, "dev scenario " + name + " not found in ../shared/scenarios: test skipped");
        return null;
    }

    private TestScenarios() {
    }
}
