package org.greenwave.sumo.loop;

import java.time.Duration;
import java.util.List;
import org.greenwave.contracts.signal.TimingPlan;

/** Where timing plans come from (for the product: {@code signal.timing-plans}, see {@link KafkaPlanSource}). */
public interface PlanSource extends AutoCloseable {

    /** Plans that arrived since the last call, in arrival order; waits up to {@code timeout} when none is there. */
    List<TimingPlan> poll(Duration timeout);

    @Override
    default void close() {
    }
}
