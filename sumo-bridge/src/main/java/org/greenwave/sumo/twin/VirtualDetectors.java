package org.greenwave.sumo.twin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.greenwave.sumo.net.NetworkModel;

/** Places virtual lane-area detectors on every signal's approaches and exits, and writes them for SUMO. */
public final class VirtualDetectors {

    /** Shortest zone worth placing, metres. */
    static final double MIN_LENGTH = 2.0;

    public static List<VirtualDetector> place(NetworkModel net, DetectorLayout layout) {
        Map<String, VirtualDetector> detectors = new LinkedHashMap<>();
        for (NetworkModel.Signal signal : net.signals()) {
            for (String laneId : signal.incomingLanes()) {
                NetworkModel.Lane lane = net.lanes().get(laneId);
                if (lane == null) {
                    continue;
                }
                double length = lane.length();
                for (int k = 0; k < layout.incomingSegments().size(); k++) {
                    double[] zone = layout.incomingSegments().get(k);
                    double start = Math.max(0, length - zone[1]);
                    double end = length - zone[0];
                    if (end - start < MIN_LENGTH) {
                        continue;
                    }
                    String id = DetectorIds.of(laneId + "#" + k);
                    detectors.putIfAbsent(id, new VirtualDetector(id, signal.id(), laneId, false, k, start, end));
                }
            }
            if (layout.outgoingLength() > 0) {
                for (String laneId : signal.outgoingLanes()) {
                    NetworkModel.Lane lane = net.lanes().get(laneId);
                    if (lane == null || lane.length() < MIN_LENGTH) {
                        continue;
                    }
                    String id = DetectorIds.of(laneId + "#out");
                    detectors.putIfAbsent(id, new VirtualDetector(id, signal.id(), laneId, true, -1, 0,
                            Math.min(layout.outgoingLength(), lane.length())));
                }
            }
        }
        return List.copyOf(new ArrayList<>(detectors.values()));
    }

    /**
     * Writes an additional file with one {@code laneAreaDetector} per virtual detector. Halting means below
     * 0.1 m/s, as for lanes. Their aggregated file output is not used (TraCI reads them every step).
     */
    public static void writeAdditional(List<VirtualDetector> detectors, Path file, Path aggregateOutput) {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("<additional>\n");
            for (VirtualDetector d : detectors) {
                w.write(String.format(Locale.ROOT,
                        "    <laneAreaDetector id=\"%s\" lane=\"%s\" pos=\"%.2f\" endPos=\"%.2f\" period=\"86400\""
                                + " file=\"%s\" speedThreshold=\"0.1\" friendlyPos=\"true\"/>%n",
                        xml(d.id()), xml(d.lane()), d.startPos(), d.endPos(), xml(aggregateOutput.toString())));
            }
            w.write("</additional>\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write detector file " + file, e);
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private VirtualDetectors() {
    }
}
