package org.greenwave.signal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;
import org.junit.jupiter.api.Test;

class LookaheadTest {

    private static final Instant T = Instant.parse("2026-11-28T07:00:00Z");

    /** {@link GreenwaveStrategyTest#cross()} with exit zones of 50 m on both outgoing lanes. */
    private static final IntersectionModel CROSS;

    static {
        Intersection cross = GreenwaveStrategyTest.cross();
        List<Intersection.Detector> detectors = new ArrayList<>(cross.detectors());
        for (String lane : List.of("e_0", "s_0")) {
            detectors.add(new Intersection.Detector(lane + "#out", lane, "area", 50, 0, 50, Intersection.Detector.EXIT));
        }
        CROSS = new IntersectionModel(new Intersection(cross.id(), cross.name(), cross.x(), cross.y(), cross.links(),
                cross.phases(), detectors, cross.fixedProgram(), cross.limits()));
    }

    /**
     * West lane w_0 shared by straight on, left and U-turn; north lane n_0. In program order: a protected left (and
     * U-turn) phase for the west, the west's straight-on phase (left and U-turn permissive), the north's phase.
     */
    private static final IntersectionModel SHARED = new IntersectionModel(new Intersection("X", "X", 0, 0,
            List.of(new Intersection.Link(0, "w_0", "e_0", false, List.of(3), 0),
                    new Intersection.Link(1, "w_0", "n_out", false, List.of(3), 0),
                    new Intersection.Link(2, "w_0", "w_out", false, List.of(3), 0),
                    new Intersection.Link(3, "n_0", "s_0", false, List.of(0, 1, 2), 0)),
            List.of(new Intersection.Phase(0, "rGGr", 10), new Intersection.Phase(2, "Gggr", 30),
                    new Intersection.Phase(4, "rrrG", 30)),
            List.of(new Intersection.Detector("w_0#0", "w_0", "area", 50, 0, 50, Intersection.Detector.APPROACH),
                    new Intersection.Detector("n_0#0", "n_0", "area", 50, 0, 50, Intersection.Detector.APPROACH)),
            List.of(new Intersection.ProgramStep("rGGr", 10), new Intersection.ProgramStep("ryyr", 3),
                    new Intersection.ProgramStep("Gggr", 30), new Intersection.ProgramStep("yyyr", 3),
                    new Intersection.ProgramStep("rrrG", 30), new Intersection.ProgramStep("rrry", 3)),
            Intersection.SafetyLimits.defaults()));

    /** Readings as {detector id, vehicles, halting}. */
    private static Lookahead.Choice choose(Lookahead lookahead, int greenSeconds, Object[]... readings) {
        return choose(CROSS, 0, lookahead, greenSeconds, readings);
    }

    private static Lookahead.Choice choose(IntersectionModel model, int current, Lookahead lookahead, int greenSeconds,
                                           Object[]... readings) {
        Map<String, DetectorReading> latest = new HashMap<>();
        for (Object[] r : readings) {
            String id = (String) r[0];
            latest.put(id, new DetectorReading("X", id, T, (Integer) r[1], 0.3, (Integer) r[2], T, "twin"));
        }
        TrafficSnapshot snapshot = new TrafficSnapshot(T, latest);
        List<ApproachProfile> profiles = new ArrayList<>();
        for (String lane : model.incomingLanes()) {
            profiles.add(ApproachProfile.of(model, snapshot, lane));
        }
        return lookahead.choose(model, snapshot, profiles, current, greenSeconds, 70, 10);
    }

    private static Object[] r(String id, int vehicles, int halting) {
        return new Object[] {id, vehicles, halting};
    }

    private final Lookahead rules = new Lookahead(new HeuristicDischarge());

    @Test
    void switchesWhenTheGreenIsEmptyAndVehiclesWaitOnRed() {
        Lookahead.Choice c = choose(rules, 12, r("w_0#0", 0, 0), r("w_0#1", 0, 0), r("n_0#0", 5, 5), r("n_0#1", 2, 2));
        assertThat(c.switchNow()).isTrue();
        assertThat(c.next()).isEqualTo(1);
        assertThat(c.switchCost()).isLessThan(c.keepCost());
    }

    @Test
    void keepsTheGreenForAPlatoonAboutToCrossRatherThanStopItForOneWaitingCar() {
        Lookahead.Choice c = choose(rules, 12, r("w_0#0", 5, 0), r("w_0#1", 6, 0), r("n_0#0", 1, 1), r("n_0#1", 0, 0));
        assertThat(c.switchNow()).isFalse();
        assertThat(c.keepCost()).isLessThan(c.switchCost());
    }

    @Test
    void aFullExitMakesKeepingTheGreenPointless() {
        // the same queues; only the west approach's exit is full of standing vehicles in the second case
        Object[][] queues = {r("w_0#0", 4, 4), r("w_0#1", 3, 3), r("n_0#0", 4, 4), r("n_0#1", 2, 2)};
        Lookahead.Choice free = choose(rules, 12, concat(queues, r("e_0#out", 0, 0)));
        Lookahead.Choice blocked = choose(rules, 12, concat(queues, r("e_0#out", 7, 7)));
        assertThat(free.switchNow()).isFalse();
        assertThat(blocked.switchNow()).isTrue();
    }

    @Test
    void theForecasterDecidesWhetherTheCurrentGreenStillServes() {
        // detectors show a standing queue on the green approach; only the forecaster knows whether it moves
        Object[][] queues = {r("w_0#0", 4, 4), r("w_0#1", 0, 0), r("n_0#0", 4, 4), r("n_0#1", 1, 1)};
        Lookahead.Choice moving = choose(new Lookahead(fixed(3.0)), 12, queues);
        Lookahead.Choice stuck = choose(new Lookahead(fixed(0.0)), 12, queues);
        assertThat(stuck.keepCost()).isGreaterThan(moving.keepCost());
        assertThat(moving.switchNow()).isFalse();
        assertThat(stuck.switchCost() - stuck.keepCost()).isLessThan(moving.switchCost() - moving.keepCost());
        assertThat(new Lookahead(fixed(1)).version()).isEqualTo(Lookahead.VERSION + "+fixed");
    }

    @Test
    void aQueueInASharedLaneGoesToThePhaseThatServesAllItsMovements() {
        // the protected-left phase serves two of the lane's three movements, as many as the straight-on phase
        // (which lets the turns go permissive); but a lane empties in order, and its first straight-on vehicle
        // stops everyone behind it while only the turns are green
        Lookahead.Choice c = choose(SHARED, 2, rules, 12, r("w_0#0", 8, 8), r("n_0#0", 0, 0));
        assertThat(c.switchNow()).isTrue();
        assertThat(c.next()).isEqualTo(1);
        assertThat(Lookahead.sharedLaneBudgets(SHARED)[0][0]).isEqualTo(2.0);
        assertThat(Lookahead.sharedLaneBudgets(SHARED)[1][0]).isInfinite();
    }

    @Test
    void whereTheRegistryNamesManeuversTurnsCarryLessOfASharedLane() {
        Intersection named = SHARED.intersection();
        List<String> maneuvers = List.of(Intersection.Link.STRAIGHT, Intersection.Link.LEFT, Intersection.Link.U_TURN,
                Intersection.Link.STRAIGHT);
        IntersectionModel model = new IntersectionModel(new Intersection(named.id(), named.name(), 0, 0,
                named.links().stream().map(l -> new Intersection.Link(l.index(), l.fromLane(), l.toLane(), false,
                        l.foes(), 0, maneuvers.get(l.index()))).toList(),
                named.phases(), named.detectors(), named.fixedProgram(), named.limits()));
        // left and U-turn: 0.3 + 0.05 of 1.35 go, so about one vehicle in three greens before a straight-on one blocks
        assertThat(Lookahead.sharedLaneBudgets(model)[0][0]).isCloseTo(0.35, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Lookahead.sharedLaneBudgets(model)[1][0]).isInfinite();
    }

    @Test
    void inflowFromBeyondTheDetectorsIsTheFarZonesDensityUnlessTheFarZoneIsTooShortToTell() {
        // lane l_0: zones to 150 m (a 100-m far zone); s_0: the approach meets the network's edge at 57 m (a 7-m far
        // zone); c_0: detectors end at 40 m
        IntersectionModel model = new IntersectionModel(new Intersection("Y", "Y", 0, 0,
                List.of(new Intersection.Link(0, "l_0", "x_0", false, List.of(), 0),
                        new Intersection.Link(1, "s_0", "x_1", false, List.of(), 0),
                        new Intersection.Link(2, "c_0", "x_2", false, List.of(), 0)),
                List.of(new Intersection.Phase(0, "GGG", 10)),
                List.of(new Intersection.Detector("l_0#0", "l_0", "area", 50, 0, 50, Intersection.Detector.APPROACH),
                        new Intersection.Detector("l_0#1", "l_0", "area", 100, 50, 150, Intersection.Detector.APPROACH),
                        new Intersection.Detector("s_0#0", "s_0", "area", 50, 0, 50, Intersection.Detector.APPROACH),
                        new Intersection.Detector("s_0#1", "s_0", "area", 7, 50, 57, Intersection.Detector.APPROACH),
                        new Intersection.Detector("c_0#0", "c_0", "area", 40, 0, 40, Intersection.Detector.APPROACH)),
                List.of(new Intersection.ProgramStep("GGG", 30)), Intersection.SafetyLimits.defaults()));
        Map<String, DetectorReading> latest = new HashMap<>();
        // one moving vehicle in each far zone; on l_0 and c_0 also a standing one near the stop line
        for (Object[] r : List.of(r("l_0#0", 1, 1), r("l_0#1", 1, 0), r("s_0#0", 0, 0), r("s_0#1", 1, 0),
                r("c_0#0", 2, 1))) {
            latest.put((String) r[0], new DetectorReading("Y", (String) r[0], T, (Integer) r[1], 0.1, (Integer) r[2], T,
                    "twin"));
        }
        TrafficSnapshot snapshot = new TrafficSnapshot(T, latest);
        assertThat(Lookahead.inflow(ApproachProfile.of(model, snapshot, "l_0")))
                .isCloseTo(Lookahead.APPROACH_SPEED / 100, org.assertj.core.data.Offset.offset(1e-9));
        // not 11 m/s over 7 m (capped at 0.5 a second), but one moving vehicle over the whole 57 m
        assertThat(Lookahead.inflow(ApproachProfile.of(model, snapshot, "s_0")))
                .isCloseTo(Lookahead.APPROACH_SPEED / 57, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Lookahead.inflow(ApproachProfile.of(model, snapshot, "c_0"))).isZero();
    }

    private static DischargeForecaster fixed(double vehicles) {
        return new DischargeForecaster() {
            @Override
            public String version() {
                return "fixed";
            }

            @Override
            public int horizonSeconds() {
                return 5;
            }

            @Override
            public double[] forecast(List<LaneContext> lanes) {
                double[] out = new double[lanes.size()];
                java.util.Arrays.fill(out, vehicles);
                return out;
            }
        };
    }

    private static Object[][] concat(Object[][] a, Object[] b) {
        Object[][] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
