package org.greenwave.optimizer.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final MeterRegistry metrics;

    public StrategyFactory(OptimizerConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    public PlanningStrategy create() {
        PressurePolicy.Settings settings = new PressurePolicy.Settings(config.minGreenSeconds(), config.maxRedSeconds());
        DischargeForecaster forecaster = forecaster();
        // which model plans, and whether the configured learned model was missing (operators alert on the latter)
        Gauge.builder("greenwave.optimizer.model", () -> 1).tag("version", forecaster.version())
                .description("The forecaster the optimizer plans with").register(metrics);
        boolean fellBack = !"rules".equals(config.forecaster()) && forecaster instanceof HeuristicDischarge;
        Gauge.builder("greenwave.optimizer.model.fallback", () -> fellBack ? 1 : 0)
                .description("1 when the learned model could not be loaded and the rules plan instead").register(metrics);
        return new GreenwaveStrategy("pressure".equals(config.decision()) ? new PressurePolicy(forecaster, settings)
                : PressurePolicy.withLookahead(forecaster, settings));
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
