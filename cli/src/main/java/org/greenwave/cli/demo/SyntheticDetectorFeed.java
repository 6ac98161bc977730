package org.greenwave.cli.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.sumo.loop.FieldReading;
import org.greenwave.sumo.loop.IngestFieldDevices;

/**
 * Where {@code sumo} is not installed: SYNTHETIC detector readings for the scenario's registered detectors, posted
 * to traffic-ingest every few seconds like field devices would. Not a simulation: each approach's queue rises and
 * falls with a 70 s rhythm and a slow rush-hour swell plus noise, so that the optimizer has data to plan on and the
 * dashboard has queues to show. No twin comparison exists in this mode.
 */
public final class SyntheticDetectorFeed implements AutoCloseable {

    private final Collection<Intersection> intersections;
    private final IngestFieldDevices devices;
    private final PrintStream log;
    private final SplittableRandom random;
    private final Map<String, Double> queue = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    public SyntheticDetectorFeed(Collection<Intersection> intersections, String ingestUrl, String deviceKey, long seed,
                                 PrintStream log) {
        this.intersections = intersections;
        this.devices = new IngestFieldDevices(ingestUrl, deviceKey);
        this.log = log;
        this.random = new SplittableRandom(seed);
        this.thread = new Thread(this::run, "demo-synthetic-detectors");
        this.thread.setDaemon(true);
    }

    public SyntheticDetectorFeed start() {
        thread.start();
        return this;
    }

    private void run() {
        long second = Instant.now().getEpochSecond() - 1;
        List<FieldReading> batch = new ArrayList<>();
        while (!closed) {
            long now = Instant.now().getEpochSecond() - 1;
            for (long s = second + 1; s <= now; s++) {
                batch.addAll(readings(s));
            }
            second = now;
            if (!batch.isEmpty()) {
                try {
                    devices.send(batch);
                } catch (RuntimeException e) {
                    log.println(Instant.now() + " synthetic detectors: " + e.getMessage() + " (retrying)");
                }
                batch.clear();
            }
            Pause.of(Duration.ofSeconds(5), () -> closed);
        }
    }

    private List<FieldReading> readings(long epochSecond) {
        List<FieldReading> out = new ArrayList<>();
        Instant at = Instant.ofEpochSecond(epochSecond);
        double swell = 0.6 + 0.4 * Math.sin(2 * Math.PI * (epochSecond % 3600) / 3600.0);
        for (Intersection i : intersections) {
            int k = 0;
            for (Intersection.Detector d : i.detectors()) {
                k++;
                boolean exit = Intersection.Detector.EXIT.equals(d.role());
                double rhythm = 0.5 + 0.5 * Math.sin(2 * Math.PI * ((epochSecond + 13L * k) % 70) / 70.0);
                double capacity = Math.max(1, d.lengthMeters() / 7.5);
                double target = exit ? 0.05 * capacity : capacity * swell * rhythm * (d.fromMeters() < 1 ? 0.9 : 0.35);
                double q = queue.getOrDefault(d.id(), 0.0);
                q += 0.3 * (target - q) + random.nextGaussian() * 0.3;
                q = Math.max(0, Math.min(capacity, q));
                queue.put(d.id(), q);
                int halting = (int) Math.round(q);
                int vehicles = halting + (random.nextInt(4) == 0 ? 1 : 0);
                double occupancy = Math.min(1.0, vehicles * 7.5 / Math.max(7.5, d.lengthMeters()));
                out.add(new FieldReading(i.id(), d.id(), at, vehicles, Math.round(occupancy * 1000) / 1000.0,
                        halting));
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
