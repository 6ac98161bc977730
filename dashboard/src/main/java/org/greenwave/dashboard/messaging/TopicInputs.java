package org.greenwave.dashboard.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.contracts.traffic.SensorStatus;
import org.greenwave.contracts.twin.TwinMetrics;
import org.greenwave.dashboard.service.LiveState;
import org.jboss.logging.Logger;

/**
 * Reads the topics the dashboard summarises. A record that cannot be read is skipped with a debug line: the
 * dashboard shows, it never judges input (traffic-ingest does, and dead-letters it).
 */
@ApplicationScoped
public class TopicInputs {

    private static final Logger LOG = Logger.getLogger(TopicInputs.class);

    private final LiveState state;

    public TopicInputs(LiveState state) {
        this.state = state;
    }

    @Incoming(Channels.HISTORY)
    public void history(ConsumerRecord<String, byte[]> record) {
        switch (record.topic()) {
            case Topics.INTERSECTIONS -> {
                if (record.value() == null) {
                    state.forget(record.key());
                } else {
                    read(record, Intersection.class).ifPresent(state::register);
                }
            }
            case Topics.SENSOR_STATUS -> read(record, SensorStatus.class).ifPresent(state::sensorStatus);
            case Topics.DETECTOR_READINGS_DLQ, Topics.PARKING_OCCUPANCY_DLQ -> {
                Header reason = record.headers().lastHeader(Headers.DEAD_LETTER_REASON);
                state.deadLetter(record.topic(), reason == null ? "unknown"
                        : new String(reason.value(), StandardCharsets.UTF_8), record.timestamp());
            }
            case Topics.PARKING_OCCUPANCY -> read(record, OccupancyReading.class).ifPresent(state::occupancy);
            case Topics.TWIN_METRICS -> read(record, TwinMetrics.class).ifPresent(state::twin);
            default -> LOG.debugf("record of %s not expected on %s", record.topic(), Channels.HISTORY);
        }
    }

    @Incoming(Channels.LIVE)
    public void live(ConsumerRecord<String, byte[]> record) {
        switch (record.topic()) {
            case Topics.DETECTOR_READINGS -> read(record, DetectorReading.class).ifPresent(state::reading);
            case Topics.CONTROLLER_STATES -> read(record, ControllerState.class).ifPresent(state::controllerState);
            default -> LOG.debugf("record of %s not expected on %s", record.topic(), Channels.LIVE);
        }
    }

    private <T> java.util.Optional<T> read(ConsumerRecord<String, byte[]> record, Class<T> type) {
        if (record.value() == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Json.fromBytes(record.value(), type));
        } catch (RuntimeException e) {
            LOG.debugf("unreadable %s record on %s: %s", type.getSimpleName(), record.topic(), e.getMessage());
            return java.util.Optional.empty();
        }
    }
}
