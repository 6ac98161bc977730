package org.greenwave.sumo.twin;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start the twin.
 *
 * @param seed           SUMO's random seed
 * @param tripinfo       where SUMO writes the tripinfo file (unfinished trips included)
 * @param workDir        where generated files and SUMO's log go
 * @param detectors      the virtual detector layout; null places none
 * @param extraArguments further SUMO options
 */
public record TwinOptions(int seed, Path tripinfo, Path workDir, DetectorLayout detectors, List<String> extraArguments) {

    public TwinOptions {
        extraArguments = List.copyOf(extraArguments);
    }

    public static TwinOptions of(int seed, Path tripinfo, Path workDir) {
        return new TwinOptions(seed, tripinfo, workDir, DetectorLayout.standard(), List.of());
    }

    public TwinOptions withDetectors(DetectorLayout layout) {
        return new TwinOptions(seed, tripinfo, workDir, layout, extraArguments);
    }
}
