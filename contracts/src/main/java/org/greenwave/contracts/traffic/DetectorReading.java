package org.greenwave.contracts.traffic;

import java.time.Instant;

/**
 * A validated detector reading on {@code traffic.detector-readings} (schema {@link #SCHEMA}).
 *
 * @param intersectionId  the signalised intersection the detector belongs to (the record key)
 * @param detectorId      the detector, unique within the city
 * @param timestamp       when the device measured, normalised to UTC
 * @param vehicleCount    vehicles detected in the interval ending at {@code timestamp} (a loop's count) or
 *                        present in the detection zone at {@code timestamp} (a lane-area detector); the
 *                        detector's kind is in the intersection registry
 * @param occupancy       share of time (or zone length) occupied, 0..1
 * @param haltingVehicles vehicles standing (below 0.1 m/s) in the detection zone; null if the device cannot tell
 * @param receivedAt      when traffic-ingest accepted it (processing time, for latency and clock-drift checks)
 * @param source          how it arrived: {@code http}, {@code kafka} (field topic) or {@code twin}
 */
public record DetectorReading(
        String intersectionId,
        String detectorId,
        Instant timestamp,
        int vehicleCount,
        double occupancy,
        Integer haltingVehicles,
        Instant receivedAt,
        String source) {

    public static final String SCHEMA = "urn:greenwave:detector-reading:1";
}
