package org.greenwave.sumo.traci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code sumo} and the TraCI conversation with it. {@link #start} launches the binary with
 * {@code --remote-port} on a free port, connects and checks the API version; {@link #close} ends both.
 */
public final class Sumo implements AutoCloseable {

    private final Process process;
    private final TraciConnection connection;
    private final Path log;
    private final SimulationDomain simulation;
    private final TrafficLightDomain trafficLights;
    private final LaneDomain lanes;
    private final LaneAreaDomain laneAreas;
    private final VehicleDomain vehicles;
    private final String version;

    private Sumo(Process process, TraciConnection connection, Path log) {
        this.process = process;
        this.connection = connection;
        this.log = log;
        this.simulation = new SimulationDomain(connection);
        this.trafficLights = new TrafficLightDomain(connection);
        this.lanes = new LaneDomain(connection);
        this.laneAreas = new LaneAreaDomain(connection);
        this.vehicles = new VehicleDomain(connection);
        SimulationDomain.Version v = simulation.version();
        if (v.apiVersion() != TraciConstants.API_VERSION) {
            close();
            throw new TraciException("sumo speaks TraCI API " + v.apiVersion() + " (" + v.sumoVersion()
                    + "); greenwave needs API " + TraciConstants.API_VERSION + " (SUMO 1.15)");
        }
        this.version = v.sumoVersion();
    }

    /** True when a {@code sumo} binary is on the PATH (or at {@code $SUMO_BINARY}). */
    public static boolean installed() {
        String explicit = System.getenv("SUMO_BINARY");
        if (explicit != null && Files.isExecutable(Path.of(explicit))) {
            return true;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "sumo"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts {@code sumo} with the given arguments plus {@code --remote-port}; its output goes to {@code log}.
     * {@code SUMO_HOME} defaults to {@code /usr/share/sumo} (Debian) so that XML validation finds the schemas.
     */
    public static Sumo start(List<String> arguments, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        String binary = System.getenv("SUMO_BINARY");
        command.add(binary != null ? binary : "sumo");
        command.addAll(arguments);
        command.add("--remote-port");
        command.add(Integer.toString(port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (System.getenv("SUMO_HOME") == null) {
            builder.environment().put("SUMO_HOME", "/usr/share/sumo");
        }
        builder.redirectOutput(log != null ? ProcessBuilder.Redirect.to(log.toFile()) : ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TraciException("cannot start sumo (is it installed? apt-get install -y sumo): " + e.getMessage(), e);
        }
        try {
            TraciConnection connection = SocketTraciConnection.connect(port, Duration.ofSeconds(60), process);
            return new Sumo(process, connection, log);
        } catch (RuntimeException e) {
            process.destroy();
            throw new TraciException(e.getMessage() + tail(log), e);
        }
    }

    public TraciConnection connection() {
        return connection;
    }

    public SimulationDomain simulation() {
        return simulation;
    }

    public TrafficLightDomain trafficLights() {
        return trafficLights;
    }

    public LaneDomain lanes() {
        return lanes;
    }

    public LaneAreaDomain laneAreas() {
        return laneAreas;
    }

    public VehicleDomain vehicles() {
        return vehicles;
    }

    /** SUMO's version text, e.g. {@code SUMO 1.15.0}. */
    public String version() {
        return version;
    }

    /** Ends the TraCI conversation (SUMO then writes its outputs) and waits for the process. */
    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The last lines SUMO printed, to explain a failure. */
    public String logTail() {
        return tail(log);
    }

    private static String tail(Path log) {
        if (log == null || !Files.exists(log)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log);
            return "\nsumo said:\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for TraCI", e);
        }
    }
}
