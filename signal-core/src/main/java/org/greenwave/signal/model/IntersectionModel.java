package org.greenwave.signal.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.Intersection.SafetyLimits;
import org.greenwave.signal.safety.ConflictMatrix;

/**
 * What the optimizer knows about one intersection, derived once from its registry entry: green phases in program
 * order, which incoming lanes each phase serves (and towards which outgoing lanes), which detectors observe each
 * lane, and the intergreen each phase transition needs.
 */
public final class IntersectionModel {

    private final Intersection intersection;
    private final ConflictMatrix conflicts;
    private final SafetyLimits limits;
    private final List<Intersection.Phase> phases;
    private final List<BitSet> phaseGreens;
    private final List<String> incomingLanes;
    private final Map<String, Set<String>> outgoingByIncoming;
    private final Map<String, List<Intersection.Detector>> detectorsByLane;
    private final List<List<String>> lanesByPhase;
    private final List<List<Intersection.Link>> linksByPhase;
    private final Map<String, List<Intersection.Detector>> exitDetectorsByLane;
    private final int[][] yellow;
    private final int[][] allRed;

    public IntersectionModel(Intersection intersection) {
        this.intersection = intersection;
        this.conflicts = ConflictMatrix.of(intersection);
        this.limits = intersection.limits() != null ? intersection.limits() : SafetyLimits.defaults();
        this.phases = List.copyOf(intersection.phases());
        this.phaseGreens = new ArrayList<>();
        for (Intersection.Phase p : phases) {
            BitSet b = new BitSet();
            for (int i = 0; i < p.state().length(); i++) {
                if (ConflictMatrix.isGreen(p.state().charAt(i))) {
                    b.set(i);
                }
            }
            phaseGreens.add(b);
        }
        Map<String, Set<String>> outgoing = new LinkedHashMap<>();
        for (Intersection.Link link : intersection.links()) {
            if (!link.pedestrian() && link.fromLane() != null) {
                outgoing.computeIfAbsent(link.fromLane(), k -> new LinkedHashSet<>()).add(link.toLane());
            }
        }
        this.outgoingByIncoming = Collections.unmodifiableMap(outgoing);
        this.incomingLanes = List.copyOf(outgoing.keySet());
        Map<String, List<Intersection.Detector>> detectors = new LinkedHashMap<>();
        Map<String, List<Intersection.Detector>> exits = new LinkedHashMap<>();
        for (Intersection.Detector d : intersection.detectors()) {
            boolean exit = Intersection.Detector.EXIT.equals(d.role());
            (exit ? exits : detectors).computeIfAbsent(d.lane(), k -> new ArrayList<>()).add(d);
        }
        detectors.values().forEach(list -> list.sort(java.util.Comparator.comparingDouble(Intersection.Detector::fromMeters)));
        this.detectorsByLane = Collections.unmodifiableMap(detectors);
        this.exitDetectorsByLane = Collections.unmodifiableMap(exits);
        this.lanesByPhase = new ArrayList<>();
        this.linksByPhase = new ArrayList<>();
        for (BitSet green : phaseGreens) {
            Set<String> lanes = new LinkedHashSet<>();
            List<Intersection.Link> links = new ArrayList<>();
            for (int i = green.nextSetBit(0); i >= 0; i = green.nextSetBit(i + 1)) {
                Intersection.Link link = link(i);
                if (link != null && !link.pedestrian() && link.fromLane() != null) {
                    lanes.add(link.fromLane());
                    links.add(link);
                }
            }
            lanesByPhase.add(List.copyOf(lanes));
            linksByPhase.add(List.copyOf(links));
        }
        int n = phases.size();
        this.yellow = new int[n][n];
        this.allRed = new int[n][n];
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                transition(p, q);
            }
        }
    }

    /** Yellow and all-red from phase p to q: yellow whenever a link loses green; all-red from clearance times. */
    private void transition(int p, int q) {
        BitSet losing = (BitSet) phaseGreens.get(p).clone();
        losing.andNot(phaseGreens.get(q));
        BitSet gaining = (BitSet) phaseGreens.get(q).clone();
        gaining.andNot(phaseGreens.get(p));
        yellow[p][q] = losing.isEmpty() ? 0 : limits.yellowSeconds();
        int red = 0;
        for (int i = losing.nextSetBit(0); i >= 0; i = losing.nextSetBit(i + 1)) {
            for (int j = gaining.nextSetBit(0); j >= 0; j = gaining.nextSetBit(j + 1)) {
                if (conflicts.conflicting(i, j)) {
                    red = Math.max(red, conflicts.clearanceSeconds(i));
                }
            }
        }
        allRed[p][q] = red;
    }

    private Intersection.Link link(int index) {
        List<Intersection.Link> links = intersection.links();
        if (index < links.size() && links.get(index).index() == index) {
            return links.get(index);
        }
        return links.stream().filter(l -> l.index() == index).findFirst().orElse(null);
    }

    public String id() {
        return intersection.id();
    }

    public Intersection intersection() {
        return intersection;
    }

    public ConflictMatrix conflicts() {
        return conflicts;
    }

    public SafetyLimits limits() {
        return limits;
    }

    /** Green phases in program order. */
    public List<Intersection.Phase> phases() {
        return phases;
    }

    public int phaseCount() {
        return phases.size();
    }

    /** Position (0-based, in program order) of the phase with this program index, or -1. */
    public int positionOf(int programIndex) {
        for (int p = 0; p < phases.size(); p++) {
            if (phases.get(p).index() == programIndex) {
                return p;
            }
        }
        return -1;
    }

    /** Incoming vehicle lanes that get green in the phase at this position. */
    public List<String> lanesOf(int position) {
        return lanesByPhase.get(position);
    }

    /** Vehicle links that get green in the phase at this position (a lane feeding two links counts twice). */
    public List<Intersection.Link> linksOf(int position) {
        return linksByPhase.get(position);
    }

    /** Detectors after the junction on an outgoing lane (spillback), if any. */
    public List<Intersection.Detector> exitDetectorsOn(String outgoingLane) {
        return exitDetectorsByLane.getOrDefault(outgoingLane, List.of());
    }

    /** Whether a link shows protected ({@code G}) green in the phase at this position. */
    public boolean protectedGreen(int position, int linkIndex) {
        String state = phases.get(position).state();
        return linkIndex < state.length() && state.charAt(linkIndex) == 'G';
    }

    public List<String> incomingLanes() {
        return incomingLanes;
    }

    public Set<String> outgoingLanes(String incomingLane) {
        return outgoingByIncoming.getOrDefault(incomingLane, Set.of());
    }

    /** Detectors on a lane, nearest to the stop line first (as the registry lists them). */
    public List<Intersection.Detector> detectorsOn(String lane) {
        return detectorsByLane.getOrDefault(lane, List.of());
    }

    public int yellowSeconds(int fromPosition, int toPosition) {
        return yellow[fromPosition][toPosition];
    }

    public int allRedSeconds(int fromPosition, int toPosition) {
        return allRed[fromPosition][toPosition];
    }

    /** Minimum green for the phase at this position (pedestrian minimum where it serves a crossing). */
    public int minGreen(int position) {
        BitSet green = phaseGreens.get(position);
        for (int i = green.nextSetBit(0); i >= 0; i = green.nextSetBit(i + 1)) {
            if (conflicts.pedestrian(i)) {
                return Math.max(limits.minGreenSeconds(), limits.pedestrianMinGreenSeconds());
            }
        }
        return limits.minGreenSeconds();
    }
}
