package org.greenwave.contracts.traffic;

import java.time.Instant;

/**
 * A change in a sensor's health on {@code traffic.sensor-status}, so that consumers know which data to distrust.
 *
 * @param deviceId   the detector or car park
 * @param kind       {@code detector} or {@code car-park}
 * @param parentId   the intersection of a detector; null for a car park
 * @param status     {@code OK}, {@code STALE} (no data for too long) or {@code STUCK} (constant values for too long)
 * @param since      when the condition began (event time of the last good reading)
 * @param reason     a sentence for people
 * @param observedAt when it was detected
 */
public record SensorStatus(
        String deviceId,
        String kind,
        String parentId,
        String status,
        Instant since,
        String reason,
        Instant observedAt) {

    public static final String SCHEMA = "urn:greenwave:sensor-status:1";
    public static final String OK = "OK";
    public static final String STALE = "STALE";
    public static final String STUCK = "STUCK";
}
