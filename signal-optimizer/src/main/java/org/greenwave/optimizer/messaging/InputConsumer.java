package org.greenwave.optimizer.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.greenwave.contracts.signal.AuditEntry;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.optimizer.service.AuditTrail;
import org.greenwave.optimizer.service.SignalControlService;

/** Feeds the registry, controller states and validated detector readings into the control loop. */
@ApplicationScoped
public class InputConsumer {

    private final SignalControlService control;
    private final AuditTrail audit;

    public InputConsumer(SignalControlService control, AuditTrail audit) {
        this.control = control;
        this.audit = audit;
    }

    @Incoming(Channels.INTERSECTIONS)
    public void intersection(Intersection intersection) {
        if (intersection != null) {
            control.register(intersection);
        }
    }

    /** Acknowledged (offset committed) once the plans it triggered are in Kafka. */
    @Incoming(Channels.DETECTOR_READINGS)
    public CompletionStage<Void> reading(DetectorReading reading) {
        return control.onReading(reading);
    }

    @Incoming(Channels.CONTROLLER_STATES)
    public CompletionStage<Void> controllerState(ControllerState state) {
        return control.onControllerState(state);
    }

    /** The audit trail is rebuilt from its topic on every start, so that queries survive restarts. */
    @Incoming(Channels.AUDIT_HISTORY)
    public void auditHistory(AuditEntry entry) {
        if (entry != null) {
            audit.remember(entry);
        }
    }
}
