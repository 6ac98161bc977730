package org.greenwave.signal.control;

import java.time.Instant;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;

/** Makes a candidate plan for one intersection from what its detectors show. */
public interface PlanningStrategy {

    /** The version written into every plan it makes. */
    String version();

    TimingPlan propose(IntersectionModel model, TrafficSnapshot snapshot, Instant validFrom);
}
