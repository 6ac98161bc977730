package org.greenwave.parking.guidance.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.parking.SignUpdate;
import org.greenwave.contracts.traffic.SensorStatus;
import org.jboss.logging.Logger;

/** Sends sign updates (key signId) and sensor health events (key carParkId) to Kafka. */
@ApplicationScoped
public class GuidancePublisher {

    private static final Logger LOG = Logger.getLogger(GuidancePublisher.class);

    private final Emitter<SignUpdate> signs;
    private final Emitter<SensorStatus> sensors;

    public GuidancePublisher(
            @Channel(Channels.SIGN_UPDATES) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
            Emitter<SignUpdate> signs,
            @Channel(Channels.SENSOR_STATUS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
            Emitter<SensorStatus> sensors) {
        this.signs = signs;
        this.sensors = sensors;
    }

    public void publish(SignUpdate update) {
        send(signs, update, update.signId(), SignUpdate.SCHEMA);
    }

    public void publish(SensorStatus status) {
        send(sensors, status, status.deviceId(), SensorStatus.SCHEMA);
    }

    private static <T> void send(Emitter<T> emitter, T value, String key, String schema) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.SCHEMA, schema.getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build();
        emitter.send(Message.of(value, Metadata.of(metadata), () -> java.util.concurrent.CompletableFuture.completedFuture(null),
                failure -> {
                    LOG.errorf(failure, "cannot publish %s for %s", schema, key);
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                }));
    }
}
