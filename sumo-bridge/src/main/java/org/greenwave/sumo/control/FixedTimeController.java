package org.greenwave.sumo.control;

import org.greenwave.sumo.twin.Twin;

/** {@code fixed}: the signal programs in the network file, untouched. */
public final class FixedTimeController implements SignalController {

    public static final String NAME = "fixed";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(Twin twin) {
        // the network's own programs run as loaded
    }

    @Override
    public void afterStep(Twin twin) {
        // nothing to decide
    }
}
