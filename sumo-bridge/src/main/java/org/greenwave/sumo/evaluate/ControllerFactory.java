package org.greenwave.sumo.evaluate;

import java.util.Optional;
import org.greenwave.sumo.control.SignalController;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.twin.DetectorLayout;

/**
 * Makes the controller of each evaluation run. The baselines come from {@link Controllers}; the command line adds
 * greenwave's closed loop with the real services.
 */
public interface ControllerFactory {

    /**
     * One run's controller and the virtual detectors it needs (null: none, the baselines read lanes).
     */
    record RunSetup(SignalController controller, DetectorLayout detectors) {
    }

    /** Whether this factory knows the name at all. */
    boolean knows(String name);

    /** A fresh controller for one run; empty when the controller cannot run in this build or on this machine. */
    Optional<RunSetup> create(String name, int seed, ScenarioConfig scenario, NetworkModel network);

    /** Why a known controller cannot run. */
    String unavailableReason(String name);

    /** Every run of a controller is done (release what its runs shared, e.g. services). */
    default void finished(String name) {
    }

    /** The SPEC's baselines. */
    ControllerFactory BASELINES = new ControllerFactory() {
        @Override
        public boolean knows(String name) {
            return Controllers.ALL.contains(name);
        }

        @Override
        public Optional<RunSetup> create(String name, int seed, ScenarioConfig scenario, NetworkModel network) {
            return Controllers.create(name).map(c -> new RunSetup(c, null));
        }

        @Override
        public String unavailableReason(String name) {
            return Controllers.unavailableReason(name);
        }
    };

    /** This factory first, then the other for names this one cannot run. */
    default ControllerFactory orElse(ControllerFactory other) {
        ControllerFactory first = this;
        return new ControllerFactory() {
            @Override
            public boolean knows(String name) {
                return first.knows(name) || other.knows(name);
            }

            @Override
            public Optional<RunSetup> create(String name, int seed, ScenarioConfig scenario, NetworkModel network) {
                Optional<RunSetup> made = first.knows(name) ? first.create(name, seed, scenario, network)
                        : Optional.empty();
                return made.isPresent() ? made : other.create(name, seed, scenario, network);
            }

            @Override
            public String unavailableReason(String name) {
                return first.knows(name) ? first.unavailableReason(name) : other.unavailableReason(name);
            }

            @Override
            public void finished(String name) {
                first.finished(name);
                other.finished(name);
            }
        };
    }
}
