package org.greenwave.parking.guidance.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.greenwave.parking.guidance.service.GuidanceService;

/**
 * Reports how forecasts are made (trained network or cold-start profile) and how many feeds are stale. Always up:
 * signs keep working on live counts without forecasts, and stale feeds are shown as such, not hidden.
 */
@Readiness
@ApplicationScoped
public class ForecasterHealth implements HealthCheck {

    private final GuidanceService service;

    public ForecasterHealth(GuidanceService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("parking-guidance")
                .up()
                .withData("forecaster", service.forecasterSource())
                .withData("staleFeeds", service.engine().staleCount())
                .build();
    }
}
