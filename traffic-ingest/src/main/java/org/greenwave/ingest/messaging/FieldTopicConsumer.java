package org.greenwave.ingest.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.greenwave.ingest.service.DeviceState.Kind;
import org.greenwave.ingest.service.IngestService;
import org.greenwave.ingest.service.IngestService.FieldRecord;

/**
 * Validates what devices that speak Kafka produce to the raw {@code field.*} topics, a poll at a time. A poll is
 * acknowledged (its offsets committed) only after each of its records is in Kafka as a validated reading, a dead
 * letter (the bytes exactly as received) or a recognised duplicate: nothing is dropped silently. If Kafka does not
 * acknowledge, the channel fails (failure-strategy=fail), readiness goes down and the records are read again after
 * a restart.
 */
@ApplicationScoped
public class FieldTopicConsumer {

    private final IngestService ingest;

    public FieldTopicConsumer(IngestService ingest) {
        this.ingest = ingest;
    }

    @Incoming(Channels.FIELD_DETECTOR_READINGS)
    public CompletionStage<Void> detectorReadings(KafkaRecordBatch<byte[], byte[]> batch) {
        return ingest.fieldRecords(Kind.DETECTOR, records(batch)).thenCompose(result -> batch.ack());
    }

    @Incoming(Channels.FIELD_PARKING_OCCUPANCY)
    public CompletionStage<Void> parkingOccupancy(KafkaRecordBatch<byte[], byte[]> batch) {
        return ingest.fieldRecords(Kind.CAR_PARK, records(batch)).thenCompose(result -> batch.ack());
    }

    private static List<FieldRecord> records(KafkaRecordBatch<byte[], byte[]> batch) {
        List<KafkaRecord<byte[], byte[]>> records = batch.getRecords();
        List<FieldRecord> out = new ArrayList<>(records.size());
        for (KafkaRecord<byte[], byte[]> r : records) {
            long offset = r.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                    .orElse(-1L);
            out.add(new FieldRecord(r.getKey(), r.getPayload(), r.getTopic(), r.getPartition(), offset));
        }
        return out;
    }
}
