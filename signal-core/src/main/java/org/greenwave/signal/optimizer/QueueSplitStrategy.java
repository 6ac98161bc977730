package org.greenwave.signal.optimizer;

import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.signal.control.PhaseHistory;
import org.greenwave.signal.control.PlanningStrategy;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;

/** The rule-based {@link QueueSplitPlanner} as a planning strategy (no learned model). */
public final class QueueSplitStrategy implements PlanningStrategy {

    private final QueueSplitPlanner planner = new QueueSplitPlanner();

    @Override
    public String version() {
        return QueueSplitPlanner.VERSION;
    }

    @Override
    public TimingPlan propose(IntersectionModel model, TrafficSnapshot snapshot, ControllerState state,
                              PhaseHistory history) {
        return planner.plan(model, snapshot, snapshot.asOf(), "AUTO");
    }
}
