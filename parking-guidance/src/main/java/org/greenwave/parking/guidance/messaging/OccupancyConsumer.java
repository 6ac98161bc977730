package org.greenwave.parking.guidance.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.greenwave.contracts.EventSchemas;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.parking.guidance.service.GuidanceService;
import org.jboss.logging.Logger;

/**
 * Reads validated occupancy readings from {@code parking.occupancy}. traffic-ingest validated them already; a
 * record that still does not fit the schema is counted and logged, never allowed to stop the stream.
 */
@ApplicationScoped
public class OccupancyConsumer {

    private static final Logger LOG = Logger.getLogger(OccupancyConsumer.class);

    private final GuidanceService service;
    private final MeterRegistry metrics;

    public OccupancyConsumer(GuidanceService service, MeterRegistry metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Incoming(Channels.PARKING_OCCUPANCY)
    public void reading(byte[] payload) {
        OccupancyReading reading;
        try {
            var node = Json.mapper().readTree(payload);
            var problems = EventSchemas.validate(EventSchemas.PARKING_OCCUPANCY, node);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            reading = Json.mapper().treeToValue(node, OccupancyReading.class);
        } catch (Exception e) {
            metrics.counter("greenwave.parking.readings", "result", "invalid").increment();
            LOG.warnf("ignoring an occupancy record that does not fit its schema: %s", e.getMessage());
            return;
        }
        metrics.counter("greenwave.parking.readings", "result", "accepted").increment();
        service.onReading(reading);
    }
}
