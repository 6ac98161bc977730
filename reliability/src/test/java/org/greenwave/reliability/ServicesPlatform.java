package org.greenwave.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.greenwave.cli.runtime.DemoIdentities;
import org.greenwave.cli.runtime.LocalPlatform;
import org.greenwave.cli.runtime.Ports;
import org.greenwave.cli.runtime.ServiceProcess;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * greenwave as {@code ./greenwave demo} runs it, for the tests that need the services together: the in-process
 * broker, traffic-ingest, signal-optimizer and the dashboard in their own JVMs, started once for every test class
 * that uses this extension and stopped when the test run ends. Identities are generated for the run: the demo's
 * device key and engineer, and a viewer (a person who may watch, not change).
 */
final class ServicesPlatform implements BeforeAllCallback {

    /** The running platform and its identities. */
    record Running(LocalPlatform platform, DemoIdentities ids, String viewerUser, String viewerPassword)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        String bootstrap() {
            return platform.kafka().bootstrapServers();
        }

        ServiceProcess service(String module) {
            return platform.service(module).orElseThrow();
        }

        String url(String module) {
            return service(module).url();
        }

        @Override
        public void close() {
            platform.close();
        }
    }

    private static Running running;

    /** The platform of this test run (started by {@link #beforeAll}). */
    static Running get() {
        if (running == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(ServicesPlatform.class)");
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(ServicesPlatform.class, k -> start(), Running.class);
    }

    private static Running start() {
        DemoIdentities ids = DemoIdentities.generate();
        String viewer = "viewer";
        String viewerPassword = UUID.randomUUID().toString();
        Map<String, String> props = new LinkedHashMap<>(ids.properties());
        props.put("greenwave.security.people." + viewer + ".sha256", sha256(viewerPassword));
        props.put("greenwave.security.people." + viewer + ".roles", "viewer");
        Path logs;
        try {
            logs = Files.createTempDirectory("greenwave-reliability-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        LocalPlatform platform = LocalPlatform.startKafka(Ports.free(), 1);
        try {
            Path home = IngestUnderTest.HOME;
            ServiceProcess ingest = platform.startService(home, "traffic-ingest", Ports.free(), props, logs, "256m");
            ServiceProcess optimizer = platform.startService(home, "signal-optimizer", Ports.free(), props, logs,
                    "512m");
            Map<String, String> dashboard = new LinkedHashMap<>(props);
            dashboard.put("greenwave.dashboard.signal-optimizer-url", optimizer.url());
            dashboard.put("greenwave.dashboard.traffic-ingest-url", ingest.url());
            // no parking-guidance here: the dashboard shows it as unavailable, which is not under test
            dashboard.put("greenwave.dashboard.parking-guidance-url", "http://localhost:" + Ports.free());
            platform.startService(home, "dashboard", Ports.free(), dashboard, logs, "256m");
            platform.awaitReady(Duration.ofSeconds(240));
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        return new Running(platform, ids, viewer, viewerPassword);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
