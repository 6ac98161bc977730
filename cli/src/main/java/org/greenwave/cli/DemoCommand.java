package org.greenwave.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.greenwave.cli.runtime.DemoIdentities;
import org.greenwave.cli.runtime.Home;
import org.greenwave.cli.runtime.LocalPlatform;
import org.greenwave.cli.runtime.Ports;
import org.greenwave.cli.runtime.ServiceProcess;
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
        AtomicReference<LocalPlatform> platform = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LocalPlatform p = platform.get();
            if (p != null) {
                System.out.println("greenwave: stopping ...");
                p.close();
                System.out.println("greenwave: stopped.");
            }
            stopped.countDown();
        }, "demo-stop"));
        try {
            platform.set(LocalPlatform.startKafka(Ports.preferred(9092), 1));
            LocalPlatform p = platform.get();
            DemoIdentities ids = DemoIdentities.generate();
            for (var service : SERVICES.entrySet()) {
                if (!LocalPlatform.built(home, service.getKey())) {
                    System.out.println(service.getKey() + ": not built yet");
                    continue;
                }
                p.startService(home, service.getKey(), Ports.preferred(service.getValue()), ids.properties(), logs,
                        "384m");
            }
            p.awaitReady(Duration.ofSeconds(readyTimeout));
            System.out.println("kafka: " + p.kafka().bootstrapServers());
            System.out.println("dashboard: not built yet (issue #7)");
            for (ServiceProcess service : p.services()) {
                System.out.println(service.name() + ": " + service.url());
            }
            System.out.println("device-key: " + ids.deviceKey());
            System.out.println("engineer: " + ids.engineerUser() + ":" + ids.engineerPassword());
            System.out.println("greenwave: running; logs in " + logs + "; Ctrl-C stops everything.");
            System.out.flush();
            while (stopped.getCount() > 0) {
                var dead = p.deadService();
                if (dead.isPresent()) {
                    System.err.println("greenwave: " + dead.get().name() + " stopped unexpectedly; see "
                            + dead.get().log());
                    return 1;
                }
                Thread.sleep(500);
            }
            return 0;
        } catch (RuntimeException e) {
            System.err.println("greenwave: demo failed: " + e.getMessage());
            return 1;
        }
    }
}
