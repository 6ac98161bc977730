package org.greenwave.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's main command as a user runs it: {@code ./greenwave demo} (the built CLI, on free ports), then the
 * dashboard in headless Chromium driven by playwright-core ({@code src/test/browser/dashboard.test.mjs}): the map
 * is drawn, intersections show their signals and plans with explanations, car parks their forecasts, signs what
 * they show, the twin its comparison; an engineer signs in, switches a mode and approves an advisory plan.
 * Screenshots go to {@code target/screenshots}. Skips (with the reason) only where chromium or node is missing.
 */
class DemoInBrowserTest {

    private static final Pattern LINE = Pattern.compile(
            "^(kafka|dashboard|traffic-ingest|signal-optimizer|parking-guidance|device-key|engineer): (\\S+)$");
    private static final List<String> ORDER = List.of("kafka", "dashboard", "traffic-ingest", "signal-optimizer",
            "parking-guidance", "device-key", "engineer");

    @Test
    void dashboardShowsTheCityBreathingAndEngineersCanSteer() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("GREENWAVE_CHROMIUM", "/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), "browser tests skipped: no chromium at " + chromium
                + " (Debian: apt-get install -y chromium; or set GREENWAVE_CHROMIUM)");
        assumeTrue(onPath("node"), "browser tests skipped: node is not installed (apt-get install -y nodejs npm)");
        Path home = Path.of(System.getProperty("greenwave.home", "..")).toAbsolutePath().normalize();
        Path browserDir = Path.of(System.getProperty("e2e.browser.dir", "src/test/browser")).toAbsolutePath();
        Path out = Path.of(System.getProperty("e2e.out", "target")).toAbsolutePath();
        assumeTrue(Files.isDirectory(browserDir.resolve("node_modules/playwright-core")),
                "browser tests skipped: playwright-core not installed (npm ci in " + browserDir + ")");
        Path cli = home.resolve("cli/target/greenwave-cli.jar");
        assertThat(cli).as("the CLI is built before these tests").isRegularFile();
        Path runDir = out.resolve("demo");
        Path screenshots = out.resolve("screenshots");
        Files.createDirectories(screenshots);
        boolean sumo = onPath("sumo");

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgreenwave.home=" + home, "-Dorg.bytedeco.javacpp.cachedir=" + home.resolve("target/javacpp-cache"),
                "-jar", cli.toString(), "demo", "--any-ports", "--pace", "8", "--run-dir", runDir.toString()));
        ProcessBuilder demoBuilder = new ProcessBuilder(command).redirectErrorStream(true);
        demoBuilder.environment().putIfAbsent("SUMO_HOME", "/usr/share/sumo");
        long started = System.nanoTime();
        Process demo = demoBuilder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(demo.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    System.out.println("[demo] " + line);
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
        try {
            Map<String, String> lines = awaitLines(demo, output, 240);
            double readySeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("[e2e] demo ready after %.1f s%n", readySeconds);
            Files.writeString(out.resolve("demo-startup.txt"), String.format("%.1f s%n", readySeconds));
            assertThat(lines.keySet()).containsExactlyElementsOf(ORDER);
            assertThat(lines.get("kafka")).matches("[\\w.-]+:\\d+");
            assertThat(lines.get("dashboard")).startsWith("http://");
            assertThat(lines.get("engineer")).matches("[^:]+:.+");

            ProcessBuilder node = new ProcessBuilder("node", browserDir.resolve("dashboard.test.mjs").toString())
                    .directory(browserDir.toFile()).redirectErrorStream(true);
            node.environment().put("DASHBOARD_URL", lines.get("dashboard"));
            node.environment().put("ENGINEER", lines.get("engineer"));
            node.environment().put("CHROMIUM", chromium.toString());
            node.environment().put("SCREENSHOTS", screenshots.toString());
            node.environment().put("TWIN", sumo ? "1" : "0");
            Process browser = node.start();
            StringBuilder log = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(browser.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.append(line).append('\n');
                    System.out.println("[browser] " + line);
                }
            }
            boolean done = browser.waitFor(60, TimeUnit.SECONDS);
            Files.writeString(out.resolve("browser-test.log"), log);
            assertThat(done).as("browser test finished").isTrue();
            assertThat(browser.exitValue()).as("browser test (see target/browser-test.log):\n" + log).isZero();
            assertThat(screenshots.resolve("dashboard-en.png")).isRegularFile();
        } finally {
            stop(demo);
        }
    }

    /** Ctrl-C's path: the demo's shutdown hook stops everything it started; no process may be left. */
    private static void stop(Process demo) throws InterruptedException {
        List<ProcessHandle> children = demo.descendants().toList();
        demo.destroy();
        boolean exited = demo.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            demo.destroyForcibly();
        }
        List<ProcessHandle> left = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (ProcessHandle child : children) {
            while (child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            if (child.isAlive()) {
                left.add(child);
                child.destroyForcibly();
            }
        }
        assertThat(exited).as("demo stopped within 90 s").isTrue();
        assertThat(left).as("processes left behind by the demo").isEmpty();
    }

    private static Map<String, String> awaitLines(Process demo, List<String> output, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Map<String, String> lines = new LinkedHashMap<>();
            for (String line : output) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    lines.put(m.group(1), m.group(2));
                }
            }
            if (lines.containsKey("engineer")) {
                return lines;
            }
            if (!demo.isAlive()) {
                throw new AssertionError("demo exited with " + demo.exitValue() + ":\n" + String.join("\n", output));
            }
            Thread.sleep(250);
        }
        throw new AssertionError("demo not ready within " + seconds + " s:\n" + String.join("\n", output));
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

}
