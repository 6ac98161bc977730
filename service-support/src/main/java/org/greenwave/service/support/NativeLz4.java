package org.greenwave.service.support;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.util.Native;
import org.jboss.logging.Logger;

/**
 * Kafka's lz4 codec in its native form in every service. lz4-java ({@link LZ4Factory#fastestInstance()}, which Kafka
 * calls for every compressed batch it writes or reads) tries its JNI library only when that library is loaded already
 * or when lz4-java's classes come from the system class loader; Quarkus loads an application's jars with a class
 * loader of its own, so without this every service compressed and decompressed in pure Java (lz4-java's "safe"
 * variant): in traffic-ingest about 40 % of the producer thread's CPU, where a plain JVM uses the native one
 * (docs/benchmarks.md, "Ingest"). Loading the library at start makes Kafka's next batch take it.
 */
@ApplicationScoped
public class NativeLz4 {

    private static final Logger LOG = Logger.getLogger(NativeLz4.class);

    void onStart(@Observes StartupEvent event) {
        LOG.infof("lz4 for Kafka: %s", load());
    }

    /**
     * Loads lz4-java's native library unless it is loaded; where it cannot load (no library for the platform, or
     * loaded by another class loader: a dev-mode restart), compression stays in Java, with a warning.
     *
     * @return the implementation Kafka's codec gets now, e.g. {@code LZ4Factory:JNI}
     */
    public static String load() {
        try {
            Native.load();
        } catch (Throwable e) { // an UnsatisfiedLinkError or the like: lz4 still works, in Java
            LOG.warnf("lz4's native library did not load (%s); Kafka compresses in Java", e.toString());
        }
        return LZ4Factory.fastestInstance().toString();
    }
}
