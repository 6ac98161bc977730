package org.greenwave.dashboard.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.greenwave.contracts.Json;
import org.greenwave.dashboard.config.DashboardConfig;
import org.jboss.logging.Logger;

/**
 * The street map: lanes, junction outlines, signals with their links, car parks and signs (network coordinates,
 * metres), as written from the SUMO network by {@code ./greenwave demo}. Read when asked, so a new scenario shows
 * without a restart; without a file the browser places intersections by their registry positions only.
 */
@ApplicationScoped
public class NetworkMap {

    private static final Logger LOG = Logger.getLogger(NetworkMap.class);

    private final DashboardConfig config;
    private volatile JsonNode cached;
    private volatile long cachedModified = -1;

    public NetworkMap(DashboardConfig config) {
        this.config = config;
    }

    public JsonNode map() {
        if (config.networkMap().isEmpty()) {
            return empty();
        }
        Path file = Path.of(config.networkMap().get());
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            if (cached == null || modified != cachedModified) {
                cached = Json.mapper().readTree(file.toFile());
                cachedModified = modified;
            }
            return cached;
        } catch (java.io.IOException e) {
            LOG.warnf("network map %s not readable: %s", file, e.getMessage());
            return empty();
        }
    }

    private static JsonNode empty() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("empty", true);
        return node;
    }
}
