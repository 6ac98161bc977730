package org.greenwave.sumo.twin;

/**
 * What a lane-area detector saw in the last step.
 *
 * @param vehicleCount    vehicles in the zone
 * @param occupancy       share of the zone occupied, 0..1
 * @param haltingVehicles vehicles standing (below 0.1 m/s) in the zone
 */
public record DetectorValues(int vehicleCount, double occupancy, int haltingVehicles) {

    public static final DetectorValues EMPTY = new DetectorValues(0, 0, 0);
}
