package org.greenwave.ingest.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API keys of device groups ({@code greenwave.auth.*}). Only SHA-256 hashes of keys are configured: a leaked
 * configuration does not leak a key.
 *
 * <pre>
 * greenwave.auth.api-key-groups.parking-counters.sha256=9f86d0...,2c26b4...
 * greenwave.auth.api-key-groups.parking-counters.permissions=parking-occupancy:write
 * </pre>
 */
@ConfigMapping(prefix = "greenwave.auth")
public interface ApiKeysConfig {

    /** Device groups by name. */
    Map<String, Group> apiKeyGroups();

    /** Permissions of the demo key (system property {@code greenwave.demo.device-key}, generated per demo run). */
    @WithDefault("detector-readings:write,parking-occupancy:write")
    List<String> demoKeyPermissions();

    /** One group of devices sharing permissions. */
    interface Group {
        /** Lower-case hex SHA-256 of each key of the group ({@code printf %s "$KEY" | sha256sum}). */
        List<String> sha256();

        /** Roles of the group's keys. */
        @WithDefault("device")
        List<String> roles();

        /** Permissions, {@code resource:action}, e.g. {@code detector-readings:write}. */
        Optional<List<String>> permissions();
    }
}
