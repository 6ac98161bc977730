package org.greenwave.signal.optimizer;

import java.time.Instant;
import org.greenwave.contracts.signal.TimingPlan;
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
    public TimingPlan propose(IntersectionModel model, TrafficSnapshot snapshot, Instant validFrom) {
        return planner.plan(model, snapshot, validFrom, "AUTO");
    }
}
