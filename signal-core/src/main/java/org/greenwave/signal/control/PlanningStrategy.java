package org.greenwave.signal.control;

import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.signal.model.IntersectionModel;
import org.greenwave.signal.model.TrafficSnapshot;

/** Makes a candidate plan for one intersection from what its detectors and its controller show. */
public interface PlanningStrategy {

    /** The version written into every plan it makes. */
    String version();

    /**
     * @param state   what the controller shows now; null when the controller does not report (then a cycle plan is
     *                made from the detectors alone)
     * @param history when each phase last had green
     */
    TimingPlan propose(IntersectionModel model, TrafficSnapshot snapshot, ControllerState state, PhaseHistory history);
}
