package org.greenwave.cli.runtime;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenwave.kafka.embedded.EmbeddedKafka;

/**
 * greenwave on one machine: the in-process KRaft broker plus service JVMs. Used by the demo, the closed-loop
 * evaluation and the benchmarks. {@link #close()} stops the services (in parallel) and then the broker.
 */
public final class LocalPlatform implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private volatile boolean closing;

    private LocalPlatform(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    /** Starts the broker (quietly: Kafka prints to stdout while formatting its storage). */
    public static LocalPlatform startKafka(int port, int partitions) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return new LocalPlatform(EmbeddedKafka.start(port, partitions, null));
        } finally {
            System.setOut(out);
        }
    }

    /** Starts a service module's JVM against this broker; call {@link #awaitReady} afterwards. */
    public ServiceProcess startService(Path home, String module, int port, Map<String, String> properties,
                                       Path logDir, String heap) {
        Map<String, String> props = new LinkedHashMap<>(properties);
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        ServiceProcess process = ServiceProcess.start(home, module, port, props, logDir, heap);
        services.put(module, process);
        return process;
    }

    public void awaitReady(Duration timeout) {
        for (ServiceProcess s : services.values()) {
            s.awaitReady(timeout);
        }
    }

    /** True when a module's Quarkus application has been built. */
    public static boolean built(Path home, String module) {
        return Files.isRegularFile(home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"));
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public Optional<ServiceProcess> service(String module) {
        return Optional.ofNullable(services.get(module));
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /** A service that died while we were not closing, if any. */
    public Optional<ServiceProcess> deadService() {
        if (closing) {
            return Optional.empty();
        }
        return services.values().stream().filter(s -> !s.isAlive()).findFirst();
    }

    public boolean closing() {
        return closing;
    }

    @Override
    public synchronized void close() {
        closing = true;
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess s : services.values()) {
            Thread t = new Thread(s::close, "stop-" + s.name());
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
        kafka.close();
    }
}
