package org.greenwave.optimizer.messaging;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.signal.AuditEntry;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.optimizer.service.AuditTrail;
import org.greenwave.optimizer.service.SignalControlService;
import org.jboss.logging.Logger;

/**
 * Feeds the registry, controller states and validated detector readings into the control loop. Readings and
 * controller states come through ONE consumer (both topics are keyed and partitioned by intersection), so that an
 * intersection's readings and its controller's reports always land on the same instance.
 */
@ApplicationScoped
public class InputConsumer {

    private static final Logger LOG = Logger.getLogger(InputConsumer.class);

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
    @Incoming(Channels.SIGNAL_INPUTS)
    public CompletionStage<Void> input(Message<String> message) {
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse(Topics.DETECTOR_READINGS);
        CompletionStage<Void> done;
        try {
            done = Topics.CONTROLLER_STATES.equals(topic)
                    ? control.onControllerState(Json.fromBytes(message.getPayload().getBytes(), ControllerState.class))
                    : control.onReading(Json.fromBytes(message.getPayload().getBytes(), DetectorReading.class));
        } catch (IllegalArgumentException e) {
            // traffic-ingest validated it; a record we cannot read is logged and skipped, not retried forever
            LOG.warnf("skipping an unreadable record on %s: %s", topic, e.getMessage());
            done = CompletableFuture.completedFuture(null);
        }
        return done.thenCompose(ok -> message.ack());
    }

    /** The audit trail is rebuilt from its topic on every start, so that queries survive restarts. */
    @Incoming(Channels.AUDIT_HISTORY)
    public void auditHistory(AuditEntry entry) {
        if (entry != null) {
            audit.remember(entry);
        }
    }
}
