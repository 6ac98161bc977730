package org.greenwave.cli.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.twin.TwinMetrics;
import org.greenwave.cli.twin.ControllerSafetyCheck;
import org.greenwave.sumo.loop.ClosedLoopController;
import org.greenwave.sumo.loop.IngestFieldDevices;
import org.greenwave.sumo.loop.IntersectionRegistry;
import org.greenwave.sumo.loop.KafkaControllerStates;
import org.greenwave.sumo.loop.KafkaPlanSource;
import org.greenwave.sumo.loop.LoopSettings;
import org.greenwave.sumo.metric.DelayMetric;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.plan.PlanCheck;
import org.greenwave.sumo.plan.PlanExecutor;
import org.greenwave.sumo.twin.SimClock;
import org.greenwave.sumo.twin.Twin;
import org.greenwave.sumo.twin.TwinOptions;

/**
 * The demo's digital twin, watched live: the scenario twice, on the same demand and seed, stepped side by side at a
 * watchable pace. One twin runs in closed loop with the real services (its detectors report to traffic-ingest, its
 * controllers execute signal-optimizer's plans from Kafka and report their state on signal.controller-states); the
 * other keeps the network's own fixed-time programs. As in {@code ./greenwave evaluate}'s controller greenwave, the
 * twin waits every simulated second for the optimizer's decision on that second. Both publish their running mean delay on {@code twin.metrics}.
 * At the scenario's end both are scored with the SPEC's metric and the scenario starts again (next seed). A failed
 * run (a service away, SUMO crashed) is logged and started again after a pause: the demo goes on.
 *
 * <p>Event time: readings and states are stamped by a {@link SimClock} whose simulated period lies in the past
 * (traffic-ingest accepts readings up to 24 h old, never from the future) and never goes back between runs; when a
 * run would overtake the wall clock, the twin slows to real time.
 */
public final class DemoTwin implements AutoCloseable {

    /** Greenwave's twin and the baseline's, as named in {@code twin.metrics}. */
    public static final String GREENWAVE = "greenwave";
    public static final String FIXED = "fixed";

    /**
     * @param pace                    simulated seconds per wall-clock second (at most: the loop may be slower)
     * @param decisionIntervalSeconds how often the twin waits for the optimizer's plans (1: every second, as
     *                                {@code evaluate}; larger is faster on a slow machine, with older plans)
     */
    public record Settings(ScenarioConfig scenario, NetworkModel network, Map<String, Intersection> intersections,
                           String bootstrapServers, String ingestUrl, String deviceKey, int seed, double pace,
                           int decisionIntervalSeconds, Path workDir) {
    }

    private final Settings settings;
    private final PrintStream log;
    private final Thread thread;
    private final TwinMetricsPublisher metrics;
    private volatile boolean closed;
    private volatile String status = "starting";
    private volatile double simTime = Double.NaN;
    /** The newest event time any run has stamped (readings, states); the next run starts after it. */
    private volatile Instant lastEventTime;

    public DemoTwin(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
        this.metrics = new TwinMetricsPublisher(settings.bootstrapServers());
        this.thread = new Thread(this::loop, "demo-twin");
        this.thread.setDaemon(true);
    }

    public DemoTwin start() {
        thread.start();
        return this;
    }

    public String status() {
        return status;
    }

    /** Simulated time of greenwave's twin, NaN before the first step. */
    public double simTime() {
        return simTime;
    }

    private void loop() {
        int run = 0;
        while (!closed) {
            try {
                runOnce(settings.seed() + run);
                Pause.of(Duration.ofSeconds(15), () -> closed);
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                status = "run failed: " + e.getMessage() + " (retrying in 10 s)";
                log.println(Instant.now() + " twin run failed, retrying in 10 s: " + e);
                e.printStackTrace(log);
                Pause.of(Duration.ofSeconds(10), () -> closed);
            }
            run++;
        }
    }

    private void runOnce(int seed) {
        ScenarioConfig scenario = settings.scenario();
        NetworkModel net = settings.network();
        double begin = scenario.begin();
        double end = scenario.end();
        long periodMillis = Math.round((end - begin) * 1000);
        Instant firstEvent = Instant.now().minusMillis(periodMillis);
        if (lastEventTime != null && !firstEvent.isAfter(lastEventTime)) {
            firstEvent = lastEventTime.plusSeconds(1);
        }
        SimClock clock = new SimClock(firstEvent.plusMillis(periodMillis), begin, end);
        String runId = scenario.name() + "-" + Instant.now().toEpochMilli() + "-seed" + seed;
        Path dir = settings.workDir().resolve("run-seed" + seed);
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        status = "starting run " + runId;
        log.println(Instant.now() + " twin run " + runId + " (pace " + settings.pace() + "x)");
        IntersectionRegistry.publish(settings.bootstrapServers(), settings.intersections().values());
        PlanCheck check = ControllerSafetyCheck.of(settings.intersections().values());
        Path greenwaveTrips = dir.resolve("greenwave.tripinfo.xml");
        Path fixedTrips = dir.resolve("fixed.tripinfo.xml");
        try (KafkaPlanSource plans = new KafkaPlanSource(settings.bootstrapServers());
             IngestFieldDevices devices = new IngestFieldDevices(settings.ingestUrl(), settings.deviceKey());
             KafkaControllerStates states = new KafkaControllerStates(settings.bootstrapServers())) {
            PlanExecutor executor = new PlanExecutor(net, settings.intersections(), check, clock, 0, e -> { });
            ClosedLoopController greenwave = new ClosedLoopController(devices, plans, states, executor, clock,
                    new LoopSettings(1, settings.decisionIntervalSeconds(), Duration.ofSeconds(20), 0),
                    settings.intersections());
            try (Twin g = Twin.start(scenario, net, TwinOptions.of(seed, greenwaveTrips, dir));
                 Twin f = Twin.start(scenario, net, new TwinOptions(seed, fixedTrips, dir, null, List.of()))) {
                greenwave.start(g);
                SimCounts gCounts = new SimCounts(g.sumo().connection());
                SimCounts fCounts = new SimCounts(f.sumo().connection());
                TripinfoTail gTail = new TripinfoTail(greenwaveTrips);
                TripinfoTail fTail = new TripinfoTail(fixedTrips);
                long wallStart = System.nanoTime();
                double simStart = g.time();
                status = "running";
                while (!closed && (!g.finished() || !f.finished())) {
                    if (!g.finished()) {
                        g.step();
                        greenwave.afterStep(g);
                        gCounts.afterStep();
                    }
                    if (!f.finished()) {
                        f.step();
                        fCounts.afterStep();
                    }
                    simTime = g.time();
                    // stamped so far, also when this run fails later (SUMO lost): a run started after a failure
                    // goes on after this instant instead of stamping readings traffic-ingest already has
                    lastEventTime = clock.instant(g.time());
                    long elapsed = Math.round(g.time() - begin);
                    if (elapsed % 5 == 0) {
                        gTail.poll();
                        fTail.poll();
                        Instant now = Instant.now();
                        metrics.publish(metrics(runId, GREENWAVE, seed, now, g, gCounts, gTail, null, clock));
                        metrics.publish(metrics(runId, FIXED, seed, now, f, fCounts, fTail, null, null));
                    }
                    pace(wallStart, g.time() - simStart, clock.instant(g.time()));
                }
                if (closed) {
                    return;
                }
                status = "scoring run " + runId;
                gTail.poll();
                fTail.poll();
                g.close();
                f.close();
                double gFinal = DelayMetric.compute(scenario.routeFiles(), greenwaveTrips, begin, end).meanDelay();
                double fFinal = DelayMetric.compute(scenario.routeFiles(), fixedTrips, begin, end).meanDelay();
                Instant now = Instant.now();
                metrics.publish(metrics(runId, GREENWAVE, seed, now, g, gCounts, gTail, gFinal, clock));
                metrics.publish(metrics(runId, FIXED, seed, now, f, fCounts, fTail, fFinal, null));
                var stats = greenwave.stats();
                log.printf("%s twin run %s done: mean delay greenwave %.1f s, fixed %.1f s; plans %d, waits timed out %d,"
                        + " plans rejected by the controllers %d%n", Instant.now(), runId, gFinal, fFinal,
                        stats.plansReceived(), stats.waitsTimedOut(), executor.rejectedPlans());
                status = String.format("run done: greenwave %.1f s, fixed %.1f s", gFinal, fFinal);
            }
        }
    }

    private TwinMetrics metrics(String runId, String controller, int seed, Instant now, Twin twin, SimCounts counts,
                                TripinfoTail tail, Double finalDelay, SimClock clock) {
        int halting = 0;
        for (NetworkModel.Signal s : settings.network().signals()) {
            halting += twin.queue(s);
        }
        Double mean = tail.meanDelay();
        return new TwinMetrics(runId, settings.scenario().name(), controller, seed, now, twin.time(),
                settings.scenario().begin(), settings.scenario().end(), counts.departed(), counts.arrived(),
                counts.running(), halting, mean == null ? null : Math.round(mean * 10) / 10.0, settings.pace(),
                finalDelay == null ? null : Math.round(finalDelay * 10) / 10.0,
                clock == null ? null : clock.instant(twin.time()));
    }

    /** Keeps the watchable pace, and never lets the twin's event time pass the wall clock. */
    private void pace(long wallStart, double simElapsed, Instant eventTime) {
        long due = wallStart + (long) (simElapsed / settings.pace() * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            sleepNanos(wait);
        }
        while (!closed && eventTime.isAfter(Instant.now().minusSeconds(1))) {
            sleepNanos(100_000_000L);
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
    }
}
