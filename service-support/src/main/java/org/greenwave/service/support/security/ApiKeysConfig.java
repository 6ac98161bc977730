package org.greenwave.service.support.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * API keys of device and field-controller groups ({@code greenwave.auth.*}), the same for every service. Only
 * SHA-256 hashes of keys are configured: a leaked configuration does not leak a key.
 *
 * <pre>
 * greenwave.auth.api-key-groups.parking-counters.sha256=9f86d0...,2c26b4...
 * greenwave.auth.api-key-groups.parking-counters.permissions=parking-occupancy:write
 * greenwave.auth.api-key-groups.controllers-north.roles=controller
 * greenwave.auth.api-key-groups.controllers-north.rate-limit.per-second=5
 * </pre>
 */
@ConfigMapping(prefix = "greenwave.auth")
public interface ApiKeysConfig {

    /** Groups by name. */
    Map<String, Group> apiKeyGroups();

    /** Roles of the demo key (system property {@code greenwave.demo.device-key}, generated per demo run). */
    @WithDefault("device,controller")
    List<String> demoKeyRoles();

    /** Permissions of the demo key. */
    @WithDefault("detector-readings:write,parking-occupancy:write")
    List<String> demoKeyPermissions();

    /**
     * Requests per second of the demo key: unlimited (0) by default, because the demo's digital twin posts at
     * simulation speed, many times real time.
     */
    @WithDefault("0")
    double demoKeyRateLimit();

    /**
     * Whether the service takes HTTP Basic for people: a service sets {@code quarkus.http.auth.basic=${greenwave.auth.basic}}
     * (Quarkus reads that one only at build time; this one tells the API-key mechanism to offer Basic in its challenge).
     */
    @WithDefault("false")
    boolean basic();

    /**
     * Whether reading a service's API needs a role too (viewer, controller or engineer). Off by default: the demo's
     * dashboard and open-data consumers read freely. A service applies it with an HTTP permission on its read paths
     * ({@code quarkus.http.auth.permission.reads.enabled=${greenwave.auth.protect-reads:false}}).
     */
    @WithDefault("false")
    boolean protectReads();

    /** Default rate limit of every configured key (per key, not per group). */
    RateLimitConfig rateLimit();

    interface RateLimitConfig {
        /** Average requests per second per key; 0 switches the limit off. */
        @WithDefault("50")
        double perSecond();

        /** Requests a key may make at once after a quiet spell. */
        @WithDefault("100")
        int burst();
    }

    /** One group of keys sharing roles and permissions. */
    interface Group {
        /** Lower-case hex SHA-256 of each key of the group ({@code printf %s "$KEY" | sha256sum}). */
        List<String> sha256();

        /** Roles of the group's keys: {@code device} (writes readings) or {@code controller}. */
        @WithDefault("device")
        List<String> roles();

        /** Permissions, {@code resource:action}, e.g. {@code detector-readings:write}. */
        Optional<List<String>> permissions();

        /** This group's own rate limit (per key), instead of {@code greenwave.auth.rate-limit.*}. */
        GroupRateLimit rateLimit();
    }

    interface GroupRateLimit {
        OptionalDouble perSecond();

        OptionalInt burst();
    }
}
