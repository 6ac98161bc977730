package org.greenwave.sumo.loop;

import java.time.Instant;

/**
 * One detector reading as a field device sends it (SPEC "Field-device input", schema
 * {@code urn:greenwave:field-detector-reading:1}).
 *
 * @param intersectionId  the intersection
 * @param detectorId      the detector
 * @param timestamp       when it was measured
 * @param vehicleCount    vehicles present in the detection zone
 * @param occupancy       share of the zone occupied, 0..1
 * @param haltingVehicles vehicles standing in the zone
 */
public record FieldReading(String intersectionId, String detectorId, Instant timestamp, int vehicleCount,
                           double occupancy, Integer haltingVehicles) {
}
