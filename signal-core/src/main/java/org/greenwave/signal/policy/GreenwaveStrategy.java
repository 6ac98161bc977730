package org.greenwave.signal.policy;

import java.util.ArrayList;
import java.util.List;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.signal.control.PhaseHistory;
import org.greenwave.signal.control.PlanningStrategy;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;
import org.greenwave.signal.optimizer.PlanBuilder;
import org.greenwave.signal.optimizer.QueueSplitPlanner;

/**
 * greenwave's planning strategy. With a controller that reports its state, it decides every second with the
 * {@link PressurePolicy} and expresses the decision as a rolling plan: the current phase (ending now, or held one
 * more second), then the chosen next phase, then the remaining phases in program order with greens sized to their
 * queues, so that a controller that hears nothing more still has a sound cycle to run. Without a controller state it
 * falls back to a queue-split cycle plan.
 */
public final class GreenwaveStrategy implements PlanningStrategy {

    private final PressurePolicy policy;
    private final QueueSplitPlanner cyclePlanner = new QueueSplitPlanner();

    public GreenwaveStrategy(PressurePolicy policy) {
        this.policy = policy;
    }

    @Override
    public String version() {
        return "greenwave-pressure-1+" + policy.version();
    }

    @Override
    public TimingPlan propose(IntersectionModel model, TrafficSnapshot snapshot, ControllerState state,
                              PhaseHistory history) {
        if (state == null || model.positionOf(state.phaseIndex()) < 0 || model.phaseCount() < 2) {
            return cyclePlanner.plan(model, snapshot, snapshot.asOf(), "AUTO");
        }
        int n = model.phaseCount();
        int opMin = policy.settings().minGreenSeconds();
        int current = model.positionOf(state.phaseIndex());
        int maxGreenNow = maxGreenNow(model, current, opMin);
        PressurePolicy.Decision d = policy.decide(model, snapshot, state, history, maxGreenNow);

        List<Integer> order = new ArrayList<>();
        order.add(current);
        if (d.next() != current) {
            order.add(d.next());
        }
        for (int k = 1; k <= n; k++) {
            int p = (d.next() + k) % n;
            if (!order.contains(p)) {
                order.add(p);
            }
        }
        int elapsed = state.inTransition() ? 0 : state.greenSeconds();
        int currentGreen = d.switchNow() ? Math.max(elapsed, model.minGreen(current))
                : Math.max(elapsed + 1, Math.max(opMin, model.minGreen(current)));
        int intergreens = 0;
        for (int k = 0; k < order.size(); k++) {
            int from = order.get(k);
            int to = order.get((k + 1) % order.size());
            intergreens += model.yellowSeconds(from, to) + model.allRedSeconds(from, to);
        }
        int budget = model.limits().maxCycleSeconds() - intergreens - currentGreen;
        int[] green = new int[n];
        int[] min = new int[n];
        int sum = 0;
        int sumMin = 0;
        for (int k = 1; k < order.size(); k++) {
            int p = order.get(k);
            min[p] = Math.max(opMin, model.minGreen(p));
            double demand = 0;
            for (String lane : model.lanesOf(p)) {
                demand = Math.max(demand, ApproachProfile.of(model, snapshot, lane).queued());
            }
            green[p] = Math.max(min[p], (int) Math.ceil(demand * QueueSplitPlanner.HEADWAY_SECONDS));
            sum += green[p];
            sumMin += min[p];
        }
        if (sum > budget && sum > sumMin) {
            double room = Math.max(0, budget - sumMin);
            double above = sum - sumMin;
            sum = 0;
            for (int k = 1; k < order.size(); k++) {
                int p = order.get(k);
                green[p] = min[p] + (int) Math.floor((green[p] - min[p]) * room / above);
                sum += green[p];
            }
        }
        int slack = order.size() > 1 ? Math.max(0, budget - sum) / (order.size() - 1) : 0;
        List<PlanBuilder.Green> greens = new ArrayList<>();
        greens.add(new PlanBuilder.Green(current, currentGreen, Math.min(currentGreen, model.minGreen(current)),
                currentGreen));
        for (int k = 1; k < order.size(); k++) {
            int p = order.get(k);
            greens.add(new PlanBuilder.Green(p, green[p], min[p], green[p] + slack));
        }
        return PlanBuilder.build(model, greens, state.timestamp(), snapshot.asOf(), version(), d.reason(), "AUTO");
    }

    /** Longest green the current phase may reach so that every other phase still fits its minimum in the cycle. */
    static int maxGreenNow(IntersectionModel model, int current, int opMin) {
        int n = model.phaseCount();
        int others = 0;
        int intergreens = 0;
        for (int p = 0; p < n; p++) {
            if (p != current) {
                others += Math.max(opMin, model.minGreen(p));
            }
            int worst = 0;
            for (int q = 0; q < n; q++) {
                if (q != p) {
                    worst = Math.max(worst, model.yellowSeconds(p, q) + model.allRedSeconds(p, q));
                }
            }
            intergreens += worst;
        }
        return model.limits().maxCycleSeconds() - others - intergreens;
    }
}
