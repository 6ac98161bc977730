package org.greenwave.optimizer.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.optimizer.service.SignalControlService;

/** Feeds the registry and validated detector readings into the control loop. */
@ApplicationScoped
public class InputConsumer {

    private final SignalControlService control;

    public InputConsumer(SignalControlService control) {
        this.control = control;
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
}
