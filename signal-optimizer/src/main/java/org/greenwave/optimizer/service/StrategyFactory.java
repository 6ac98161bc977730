package org.greenwave.optimizer.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.greenwave.optimizer.config.OptimizerConfig;
import org.greenwave.signal.control.PlanningStrategy;
import org.greenwave.signal.policy.DischargeForecaster;
import org.greenwave.signal.policy.GreenwaveStrategy;
import org.greenwave.signal.policy.HeuristicDischarge;
import org.greenwave.signal.policy.PressurePolicy;
import org.jboss.logging.Logger;

/** Builds the planning strategy the configuration asks for: the learned discharge model, or the rules. */
@ApplicationScoped
public class StrategyFactory {

    private static final Logger LOG = Logger.getLogger(StrategyFactory.class);
    private final OptimizerConfig config;

    public StrategyFactory(OptimizerConfig config) {
        this.config = config;
    }

    public PlanningStrategy create() {
        PressurePolicy.Settings settings = new PressurePolicy.Settings(config.minGreenSeconds(), config.maxRedSeconds());
        return new GreenwaveStrategy(new PressurePolicy(forecaster(), settings));
    }

    DischargeForecaster forecaster() {
        if ("rules".equals(config.forecaster())) {
            return new HeuristicDischarge();
        }
        return ModelLoader.load(config.modelDir()).orElseGet(() -> {
            LOG.warn("no learned discharge model could be loaded: planning with the rule-based forecaster");
            return new HeuristicDischarge();
        });
    }
}
