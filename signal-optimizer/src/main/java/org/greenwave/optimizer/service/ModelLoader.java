package org.greenwave.optimizer.service;

import java.util.Optional;
import org.greenwave.signal.policy.DischargeForecaster;
import org.greenwave.signal.policy.LearnedDischarge;
import org.jboss.logging.Logger;

/** Loads the learned discharge model: from a configured directory, else the default model shipped in signal-core. */
final class ModelLoader {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);

    static Optional<DischargeForecaster> load(Optional<String> dir) {
        try {
            LearnedDischarge model = dir.isPresent() ? LearnedDischarge.load(java.nio.file.Path.of(dir.get()))
                    : LearnedDischarge.loadDefault();
            LOG.infof("learned discharge model %s loaded", model.version());
            return Optional.of(model);
        } catch (Exception e) {
            LOG.warnf("cannot load the learned discharge model: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private ModelLoader() {
    }
}
