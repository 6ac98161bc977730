package org.greenwave.ingest.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.greenwave.ingest.messaging.RegistryAndHealth;

/** Ready once the device registry is loaded from {@code registry.intersections} (unknown-id checks need it). */
@Readiness
@ApplicationScoped
public class RegistryReadiness implements HealthCheck {

    private final RegistryAndHealth registry;

    public RegistryReadiness(RegistryAndHealth registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("device-registry").status(registry.ready()).build();
    }
}
