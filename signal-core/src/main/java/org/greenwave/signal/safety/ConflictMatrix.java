package org.greenwave.signal.safety;

import java.util.BitSet;
import java.util.List;
import org.greenwave.contracts.signal.Intersection;

/**
 * Which controlled links of an intersection must never show green together, and the clearance each link needs
 * before a conflicting one may start. Two links conflict when the junction lists them as foes and the approved
 * (fixed-time) program never gives them green at the same time; where the junction gives no foe information,
 * every pair the approved program keeps apart counts as conflicting (the conservative reading).
 */
public final class ConflictMatrix {

    private final int links;
    private final BitSet[] conflicts;
    private final int[] clearance;
    private final boolean[] pedestrian;

    private ConflictMatrix(int links) {
        this.links = links;
        this.conflicts = new BitSet[links];
        this.clearance = new int[links];
        this.pedestrian = new boolean[links];
        for (int i = 0; i < links; i++) {
            conflicts[i] = new BitSet(links);
        }
    }

    public static ConflictMatrix of(Intersection intersection) {
        int n = intersection.links().size();
        ConflictMatrix m = new ConflictMatrix(n);
        boolean foeInfo = intersection.links().stream().anyMatch(l -> l.foes() != null && !l.foes().isEmpty());
        BitSet[] togetherGreen = new BitSet[n];
        for (int i = 0; i < n; i++) {
            togetherGreen[i] = new BitSet(n);
        }
        for (Intersection.Phase phase : intersection.phases()) {
            markTogether(phase.state(), togetherGreen);
        }
        for (Intersection.ProgramStep step : intersection.fixedProgram()) {
            markTogether(step.state(), togetherGreen);
        }
        for (Intersection.Link link : intersection.links()) {
            int i = link.index();
            m.clearance[i] = Math.max(0, link.clearanceSeconds());
            m.pedestrian[i] = link.pedestrian();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j || togetherGreen[i].get(j)) {
                    continue;
                }
                boolean foes = !foeInfo || isFoe(intersection.links(), i, j) || isFoe(intersection.links(), j, i);
                if (foes) {
                    m.conflicts[i].set(j);
                    m.conflicts[j].set(i);
                }
            }
        }
        return m;
    }

    private static boolean isFoe(List<Intersection.Link> links, int i, int j) {
        for (Intersection.Link l : links) {
            if (l.index() == i) {
                return l.foes() != null && l.foes().contains(j);
            }
        }
        return false;
    }

    private static void markTogether(String state, BitSet[] together) {
        for (int i = 0; i < state.length() && i < together.length; i++) {
            if (!isGreen(state.charAt(i))) {
                continue;
            }
            for (int j = 0; j < state.length() && j < together.length; j++) {
                if (isGreen(state.charAt(j))) {
                    together[i].set(j);
                }
            }
        }
    }

    /** SUMO signal characters that let traffic go: protected {@code G}, permissive {@code g}, right-on-red {@code s}. */
    public static boolean isGreen(char c) {
        return c == 'G' || c == 'g' || c == 's';
    }

    public int size() {
        return links;
    }

    public boolean conflicting(int i, int j) {
        return conflicts[i].get(j);
    }

    /** All-red a link needs after its yellow before a conflicting link may get green. */
    public int clearanceSeconds(int link) {
        return clearance[link];
    }

    public boolean pedestrian(int link) {
        return pedestrian[link];
    }
}
