package org.greenwave.parking.forecast;

/**
 * A forecast occupancy rate with its uncertainty band (80 %: the 10th and 90th percentile of errors measured on
 * held-out data), all clipped to [0, 1].
 */
public record Prediction(int horizonMinutes, double rate, double low, double high) {
}
