package org.greenwave.service.support;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A service started by {@code ./greenwave} stops when the launcher is gone, even if the launcher was killed
 * without a chance to stop it (SIGKILL): no JVM is left behind.
 */
@ApplicationScoped
public class ParentProcessWatch {

    private static final Logger LOG = Logger.getLogger(ParentProcessWatch.class);

    void onStart(@Observes StartupEvent event,
                 @ConfigProperty(name = "greenwave.parent-pid") Optional<Long> parentPid) {
        parentPid.flatMap(ProcessHandle::of).ifPresent(parent -> parent.onExit().thenRun(() -> {
            LOG.warnf("launcher process %d has exited; stopping", parent.pid());
            Quarkus.asyncExit();
        }));
    }
}
