package org.greenwave.sumo.twin;

import static org.greenwave.sumo.traci.TraciConstants.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.traci.Sumo;
import org.greenwave.sumo.traci.SubscriptionResult;

/**
 * The digital twin of one scenario run: SUMO on the scenario's configuration with greenwave's options
 * ({@code --seed N --time-to-teleport -1}, tripinfo with unfinished trips), the network model, the virtual
 * detectors, and the values the twin follows every step through TraCI subscriptions (time, expected vehicles,
 * halting vehicles on every signal's approach and exit lanes, every detector). Time is event time: a step takes
 * as long as SUMO needs, not a wall-clock second.
 */
public final class Twin implements AutoCloseable {

    private final ScenarioConfig scenario;
    private final NetworkModel network;
    private final List<VirtualDetector> detectors;
    private final Sumo sumo;
    private final List<String> watchedLanes;
    private final Map<String, Integer> laneHalting = new HashMap<>();
    private final Map<String, DetectorValues> detectorValues = new HashMap<>();
    private double time;
    private int minExpected;

    private Twin(ScenarioConfig scenario, NetworkModel network, List<VirtualDetector> detectors, Sumo sumo) {
        this.scenario = scenario;
        this.network = network;
        this.detectors = detectors;
        this.sumo = sumo;
        Set<String> lanes = new LinkedHashSet<>();
        for (NetworkModel.Signal s : network.signals()) {
            lanes.addAll(s.incomingLanes());
            lanes.addAll(s.outgoingLanes());
        }
        lanes.removeIf(l -> !network.lanes().containsKey(l));
        this.watchedLanes = List.copyOf(lanes);
    }

    /** Starts SUMO for one run and subscribes to what the twin follows. */
    public static Twin start(ScenarioConfig scenario, TwinOptions options) {
        NetworkModel network = NetReader.read(scenario);
        return start(scenario, network, options);
    }

    /** Like {@link #start(ScenarioConfig, TwinOptions)} with a network already read (saves parsing per run). */
    public static Twin start(ScenarioConfig scenario, NetworkModel network, TwinOptions options) {
        try {
            Files.createDirectories(options.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<VirtualDetector> detectors = options.detectors() == null ? List.of()
                : VirtualDetectors.place(network, options.detectors());
        List<Path> additional = new ArrayList<>(scenario.additionalFiles());
        String tag = "seed" + options.seed() + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        if (!detectors.isEmpty()) {
            // absolute: SUMO resolves paths inside an additional file relative to that file
            Path dir = options.workDir().toAbsolutePath();
            Path file = dir.resolve("greenwave-detectors-" + tag + ".add.xml");
            VirtualDetectors.writeAdditional(detectors, file, dir.resolve("greenwave-e2-" + tag + ".xml"));
            additional.add(file);
        }
        List<String> args = new ArrayList<>(List.of(
                "-c", scenario.file().toString(),
                "--seed", Integer.toString(options.seed()),
                "--time-to-teleport", "-1",
                "--tripinfo-output", options.tripinfo().toAbsolutePath().toString(),
                "--tripinfo-output.write-unfinished", "true",
                "--no-step-log", "true",
                "--no-warnings", "true",
                "--duration-log.disable", "true"));
        if (!additional.isEmpty()) {
            // -a on the command line replaces the cfg's own additional files: pass both
            args.add("-a");
            args.add(additional.stream().map(Path::toString).collect(Collectors.joining(",")));
        }
        args.addAll(options.extraArguments());
        Sumo sumo = Sumo.start(args, options.workDir().resolve("sumo-" + tag + ".log"));
        try {
            Twin twin = new Twin(scenario, network, detectors, sumo);
            twin.subscribe();
            return twin;
        } catch (RuntimeException e) {
            sumo.close();
            throw e;
        }
    }

    private void subscribe() {
        SubscriptionResult sim = sumo.simulation().subscribe("", VAR_TIME, VAR_MIN_EXPECTED_VEHICLES);
        time = sim.doubleValue(VAR_TIME);
        minExpected = sim.intValue(VAR_MIN_EXPECTED_VEHICLES);
        sumo.lanes().subscribeAll(watchedLanes, LAST_STEP_VEHICLE_HALTING_NUMBER);
        sumo.laneAreas().subscribeAll(detectors.stream().map(VirtualDetector::id).toList(),
                LAST_STEP_VEHICLE_NUMBER, LAST_STEP_OCCUPANCY, LAST_STEP_VEHICLE_HALTING_NUMBER);
        watchedLanes.forEach(l -> laneHalting.put(l, 0));
        detectors.forEach(d -> detectorValues.put(d.id(), DetectorValues.EMPTY));
    }

    /** True once the scenario's end is reached or no vehicle is left or expected. */
    public boolean finished() {
        return time >= scenario.end() || minExpected <= 0;
    }

    /** Advances one simulation step and refreshes every followed value. */
    public void step() {
        int laneResponse = sumo.lanes().subscriptionResponseId();
        int detectorResponse = sumo.laneAreas().subscriptionResponseId();
        int simResponse = sumo.simulation().subscriptionResponseId();
        for (SubscriptionResult r : sumo.simulation().step(0)) {
            if (r.responseId() == laneResponse) {
                laneHalting.put(r.objectId(), r.intValue(LAST_STEP_VEHICLE_HALTING_NUMBER));
            } else if (r.responseId() == detectorResponse) {
                int vehicles = r.intValue(LAST_STEP_VEHICLE_NUMBER);
                // SUMO's E2 halting count can include a vehicle that has just left the zone; a device reports
                // at most the vehicles it sees
                detectorValues.put(r.objectId(), new DetectorValues(vehicles,
                        Math.max(0.0, Math.min(1.0, r.doubleValue(LAST_STEP_OCCUPANCY) / 100.0)),
                        Math.min(vehicles, r.intValue(LAST_STEP_VEHICLE_HALTING_NUMBER))));
            } else if (r.responseId() == simResponse) {
                time = r.doubleValue(VAR_TIME);
                minExpected = r.intValue(VAR_MIN_EXPECTED_VEHICLES);
            }
        }
    }

    /** Simulation time, seconds. */
    public double time() {
        return time;
    }

    public int minExpectedVehicles() {
        return minExpected;
    }

    public ScenarioConfig scenario() {
        return scenario;
    }

    public NetworkModel network() {
        return network;
    }

    public List<VirtualDetector> detectors() {
        return detectors;
    }

    public Sumo sumo() {
        return sumo;
    }

    /** Halting vehicles on a signal's approach or exit lane in the last step. */
    public int laneHalting(String lane) {
        Integer n = laneHalting.get(lane);
        if (n == null) {
            throw new IllegalArgumentException(lane + " is not an approach or exit lane of a signal");
        }
        return n;
    }

    /** The last step's values of a virtual detector. */
    public DetectorValues detector(String id) {
        DetectorValues v = detectorValues.get(id);
        if (v == null) {
            throw new IllegalArgumentException("no virtual detector " + id);
        }
        return v;
    }

    /** Queue (halting vehicles on its approach lanes) at a signal in the last step. */
    public int queue(NetworkModel.Signal signal) {
        int sum = 0;
        for (String lane : signal.incomingLanes()) {
            sum += laneHalting.getOrDefault(lane, 0);
        }
        return sum;
    }

    /** Ends the run: SUMO writes the tripinfo file and exits. */
    @Override
    public void close() {
        sumo.close();
    }
}
