package org.greenwave.parking.signs;

import java.util.List;

/**
 * A configured guidance sign: which car parks it shows, in which order, with which arrow, and how long a driver
 * needs from the sign to each of them (for "full by the time you get there").
 */
public record SignConfig(String id, String name, List<Line> lines) {

    /** One line of the sign. {@code direction}: left, right or straight. */
    public record Line(String carParkId, String direction, int travelMinutes) {
    }
}
