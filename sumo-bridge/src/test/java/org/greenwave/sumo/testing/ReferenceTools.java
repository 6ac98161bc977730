package org.greenwave.sumo.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The SPEC's reference Python tools ({@code ../shared/tools}), run with /usr/bin/python3 and SUMO's traci. */
public final class ReferenceTools {

    /** The tools directory, or skip the test saying what is missing. */
    public static Path toolsOrSkip() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 missing: reference check skipped");
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            for (Path candidate : List.of(dir.resolve("shared/tools"), dir.resolveSibling("shared").resolve("tools"))) {
                if (Files.isRegularFile(candidate.resolve("delay.py"))) {
                    return candidate;
                }
            }
            dir = dir.getParent();
        }
        assumeTrue(false, "reference tools (../shared/tools/delay.py) not found: reference check skipped");
        return null;
    }

    /** Skips unless SUMO's Python traci package is installed (Debian: sumo-tools). */
    public static void assumeTraci() {
        assumeTrue(Files.isDirectory(Path.of("/usr/share/sumo/tools/traci")),
                "SUMO's Python traci (apt-get install -y sumo-tools) missing: reference check skipped");
    }

    /** Runs a reference script; returns its standard output. */
    public static String run(Path script, Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
            pb.environment().put("SUMO_HOME", "/usr/share/sumo");
            pb.environment().put("PYTHONPATH", "/usr/share/sumo/tools");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(script.getFileName() + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code delay=} value printed by delay.py. */
    public static double delayOf(String output) {
        for (String part : output.trim().split("\\s+")) {
            if (part.startsWith("delay=")) {
                return Double.parseDouble(part.substring("delay=".length()));
            }
        }
        throw new IllegalStateException("no delay in: " + output);
    }

    private ReferenceTools() {
    }
}
