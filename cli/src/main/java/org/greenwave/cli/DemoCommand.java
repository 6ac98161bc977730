package org.greenwave.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.greenwave.cli.runtime.DemoIdentities;
import org.greenwave.cli.runtime.Home;
import org.greenwave.cli.runtime.Ports;
import org.greenwave.cli.runtime.ServiceProcess;
import org.greenwave.kafka.embedded.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: an in-process KRaft broker, the services in their own JVMs, and (once built) the digital twin and
 * the dashboard. Ctrl-C stops everything.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run everything locally: embedded Kafka, the services, the digital twin and the dashboard.")
public final class DemoCommand implements Callable<Integer> {

    /** Service modules and the port each prefers. */
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("traffic-ingest", 8081);
        SERVICES.put("signal-optimizer", 8082);
        SERVICES.put("parking-guidance", 8083);
    }

    @Option(names = "--run-dir", description = "Where logs go (default: target/demo).")
    Path runDir;

    @Option(names = "--ready-timeout", description = "Seconds to wait for services (default: 120).")
    int readyTimeout = 120;

    @Override
    public Integer call() throws Exception {
        Path home = Home.dir();
        Path logs = runDir != null ? runDir : home.resolve("target/demo");
        Files.createDirectories(logs);
        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            System.out.println("greenwave: stopping ...");
            stopAll(running);
            stopped.countDown();
        }, "demo-stop");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            EmbeddedKafka kafka = EmbeddedKafka.start(Ports.preferred(9092), 1, null);
            running.add(kafka);
            DemoIdentities ids = DemoIdentities.generate();
            Map<String, String> props = new LinkedHashMap<>(ids.properties());
            props.put("kafka.bootstrap.servers", kafka.bootstrapServers());

            List<ServiceProcess> services = new ArrayList<>();
            for (var service : SERVICES.entrySet()) {
                if (!Files.exists(home.resolve(service.getKey()).resolve("target/quarkus-app/quarkus-run.jar"))) {
                    System.out.println(service.getKey() + ": not built yet");
                    continue;
                }
                ServiceProcess process = ServiceProcess.start(home, service.getKey(), Ports.preferred(service.getValue()),
                        props, logs, "384m");
                running.add(0, process);
                services.add(process);
            }
            for (ServiceProcess service : services) {
                service.awaitReady(Duration.ofSeconds(readyTimeout));
            }
            System.out.println("kafka: " + kafka.bootstrapServers());
            System.out.println("dashboard: not built yet (issue #7)");
            for (ServiceProcess service : services) {
                System.out.println(service.name() + ": " + service.url());
            }
            System.out.println("device-key: " + ids.deviceKey());
            System.out.println("engineer: " + ids.engineerUser() + ":" + ids.engineerPassword());
            System.out.println("greenwave: running; logs in " + logs + "; Ctrl-C stops everything.");
            System.out.flush();
            while (stopped.getCount() > 0) {
                for (ServiceProcess service : services) {
                    if (!service.isAlive()) {
                        System.err.println("greenwave: " + service.name() + " stopped unexpectedly; see " + service.log());
                        return 1;
                    }
                }
                Thread.sleep(1000);
            }
            return 0;
        } catch (RuntimeException e) {
            System.err.println("greenwave: demo failed: " + e.getMessage());
            return 1;
        }
    }

    private static synchronized void stopAll(List<AutoCloseable> running) {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
        running.clear();
    }
}
