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

/**
 * Places virtual lane-area detectors on every signal's approaches and exits, and writes them for SUMO. Zones are
 * measured from the stop line (approaches) or from the junction (exits); where a lane is shorter than a zone
 * needs, the zone continues on the lane before it (approach) or after it (exit), preferring the straight
 * connection, until it reaches a signalised junction, the network's edge, a lane that splits (vehicles could leave
 * the zone's lanes there and come back into them, which SUMO's multi-lane detectors cannot follow), a turnaround or a
 * road the zone already covers.
 */
public final class VirtualDetectors {

    /** Shortest zone worth placing, metres. */
    static final double MIN_LENGTH = 2.0;

    public static List<VirtualDetector> place(NetworkModel net, DetectorLayout layout) {
        Map<String, VirtualDetector> detectors = new LinkedHashMap<>();
        for (NetworkModel.Signal signal : net.signals()) {
            for (String laneId : signal.incomingLanes()) {
                if (!net.lanes().containsKey(laneId)) {
                    continue;
                }
                double far = layout.incomingSegments().stream().mapToDouble(z -> z[1]).max().orElse(0);
                List<Step> upstream = path(net, laneId, far, false); // from the stop line backwards
                for (int k = 0; k < layout.incomingSegments().size(); k++) {
                    double[] zone = layout.incomingSegments().get(k);
                    int segment = k;
                    String id = DetectorIds.of(laneId + "#" + k);
                    zone(upstream, zone[0], zone[1], false).ifPresent(z -> detectors.putIfAbsent(id,
                            new VirtualDetector(id, signal.id(), laneId, false, segment, z.from, z.to, z.lanes,
                                    z.startPos, z.endPos)));
                }
            }
            if (layout.outgoingLength() > 0) {
                for (String laneId : signal.outgoingLanes()) {
                    if (!net.lanes().containsKey(laneId)) {
                        continue;
                    }
                    List<Step> downstream = path(net, laneId, layout.outgoingLength(), true);
                    String id = DetectorIds.of(laneId + "#out");
                    zone(downstream, 0, layout.outgoingLength(), true).ifPresent(z -> detectors.putIfAbsent(id,
                            new VirtualDetector(id, signal.id(), laneId, true, -1, z.from, z.to, z.lanes, z.startPos,
                                    z.endPos)));
                }
            }
        }
        return List.copyOf(new ArrayList<>(detectors.values()));
    }

    /** A lane of a zone's path, and the way across the junction between it and the previous lane of the path. */
    record Step(String lane, double length, double gap) {
    }

    /**
     * Lanes from {@code start} away from its signal, until {@code needed} metres are covered: upstream (the
     * approach, first element = the stop-line lane) or downstream (the exit, first element = the exit lane).
     */
    static List<Step> path(NetworkModel net, String start, double needed, boolean downstream) {
        List<Step> path = new ArrayList<>(List.of(new Step(start, net.lane(start).length(), 0)));
        double covered = net.lane(start).length();
        while (covered < needed) {
            String last = path.get(path.size() - 1).lane();
            List<NetworkModel.LaneConnection> options = downstream ? net.outOf(last) : net.into(last);
            NetworkModel.LaneConnection next = options.stream().filter(c -> c.direction().equals("s")).findFirst()
                    .orElse(options.isEmpty() ? null : options.get(0));
            if (next == null || net.signalized(next.junction())) {
                break;
            }
            String lane = downstream ? next.toLane() : next.fromLane();
            NetworkModel.Lane info = net.lanes().get(lane);
            if (info == null || info.pedestrianOnly() || path.stream().anyMatch(p -> p.lane().equals(lane))) {
                break;
            }
            // SUMO's multi-lane detectors only follow vehicles that cannot leave the lane sequence at a junction and
            // come back into it (a lane that splits, a loop back onto the same road): stop where that could happen
            String earlier = downstream ? last : lane;
            String later = downstream ? lane : last;
            boolean onlyWay = net.outOf(earlier).stream().allMatch(c -> c.toLane().equals(later));
            String edge = info.edge();
            boolean newRoad = path.stream().noneMatch(p -> edge.equals(net.lane(p.lane()).edge()));
            // nor do they follow a turnaround (a dead end's loop: the zone would run back along the other carriageway)
            boolean turnaround = "t".equals(next.direction());
            if (!onlyWay || !newRoad || turnaround) {
                break;
            }
            path.add(new Step(lane, info.length(), next.viaLength()));
            covered += next.viaLength() + info.length();
        }
        return path;
    }

    private record Zone(double from, double to, List<String> lanes, double startPos, double endPos) {
    }

    /**
     * The part [from, to] of a path (clipped to its length), as SUMO lanes and positions in driving direction.
     * A zone's ends lie on road lanes; the ways across junctions in between belong to it (SUMO counts vehicles
     * on them too).
     */
    private static java.util.Optional<Zone> zone(List<Step> path, double from, double to, boolean downstream) {
        double total = path.stream().mapToDouble(p -> p.length() + p.gap()).sum();
        double end = Math.min(to, total);
        List<String> lanes = new ArrayList<>();
        double startPos = 0;
        double endPos = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        double d = 0; // distance of the current lane's near end (stop line side / junction side)
        for (Step step : path) {
            d += step.gap();
            double length = step.length();
            double a = Math.max(from, d);
            double b = Math.min(end, d + length);
            if (b > a) {
                lanes.add(step.lane());
                double posA = downstream ? a - d : length - (b - d);
                double posB = downstream ? b - d : length - (a - d);
                if (Double.isNaN(first)) {
                    first = a;
                    if (downstream) {
                        startPos = posA;
                    } else {
                        endPos = posB;   // the stop-line-side lane is the last in driving direction
                    }
                }
                last = b;
                if (downstream) {
                    endPos = posB;
                } else {
                    startPos = posA;
                }
            }
            d += length;
        }
        if (lanes.isEmpty() || last - first < MIN_LENGTH) {
            return java.util.Optional.empty();
        }
        if (!downstream) {
            java.util.Collections.reverse(lanes);
        }
        return java.util.Optional.of(new Zone(first, last, lanes, startPos, endPos));
    }

    /**
     * Writes an additional file with one {@code laneAreaDetector} per virtual detector (multi-lane zones with
     * {@code lanes}). Halting means below 0.1 m/s, as for lanes. Their aggregated output is not used (TraCI reads
     * them every step).
     */
    public static void writeAdditional(List<VirtualDetector> detectors, Path file, Path aggregateOutput) {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("<additional>\n");
            for (VirtualDetector d : detectors) {
                String where = d.lanes().size() == 1
                        ? "lane=\"" + xml(d.lanes().get(0)) + "\""
                        : "lanes=\"" + xml(String.join(" ", d.lanes())) + "\"";
                w.write(String.format(Locale.ROOT,
                        "    <laneAreaDetector id=\"%s\" %s pos=\"%.2f\" endPos=\"%.2f\" period=\"86400\""
                                + " file=\"%s\" speedThreshold=\"0.1\" friendlyPos=\"true\"/>%n",
                        xml(d.id()), where, d.startPos(), d.endPos(), xml(aggregateOutput.toString())));
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
