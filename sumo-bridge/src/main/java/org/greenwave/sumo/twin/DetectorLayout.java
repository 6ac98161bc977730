package org.greenwave.sumo.twin;

import java.util.List;

/**
 * Where the twin places its virtual lane-area detectors.
 *
 * @param incomingSegments zones on every incoming lane, as [from, to] metres upstream of the stop line; the k-th
 *                         zone of lane L gets the id {@code L#k}
 * @param outgoingLength   length of the zone at the start of every outgoing lane ({@code L#out}), to see
 *                         spillback; 0 for none
 */
public record DetectorLayout(List<double[]> incomingSegments, double outgoingLength) {

    /** Two zones per incoming lane (0-50 m and 50-150 m from the stop line) and 50 m on each outgoing lane. */
    public static DetectorLayout standard() {
        return new DetectorLayout(List.of(new double[] {0, 50}, new double[] {50, 150}), 50);
    }

    /** Parses {@code "0-50,50-150"} style zone lists. */
    public static DetectorLayout parse(String segments, double outgoingLength) {
        List<double[]> list = java.util.Arrays.stream(segments.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> {
                    String[] ft = s.split("-");
                    if (ft.length != 2) {
                        throw new IllegalArgumentException("detector zone must be FROM-TO metres: " + s);
                    }
                    double from = Double.parseDouble(ft[0]);
                    double to = Double.parseDouble(ft[1]);
                    if (from < 0 || to <= from) {
                        throw new IllegalArgumentException("detector zone must have 0 <= FROM < TO: " + s);
                    }
                    return new double[] {from, to};
                }).toList();
        return new DetectorLayout(list, outgoingLength);
    }
}
