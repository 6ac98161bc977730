package org.greenwave.dashboard.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.dashboard.config.DashboardConfig;
import org.greenwave.dashboard.upstream.SseFollower;
import org.greenwave.dashboard.upstream.Upstream;
import org.jboss.logging.Logger;

/**
 * Keeps the dashboard's picture of the city current and pushes it to the browsers: polls signal-optimizer's
 * intersections (every {@code push-interval}) and merges them with the newest controller states and queues from
 * Kafka; follows the optimizer's plan stream and parking-guidance's car-park and sign streams; refreshes the health
 * panel (every {@code health-interval}). A service that is away shows as such; nothing here stops on its account.
 */
@ApplicationScoped
public class Feeds {

    private static final Logger LOG = Logger.getLogger(Feeds.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DashboardConfig config;
    private final Upstream upstream;
    private final LiveState live;
    private final Broadcaster browsers;
    private final List<SseFollower> followers = new ArrayList<>();
    private final Map<String, JsonNode> carParks = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> signs = new ConcurrentHashMap<>();
    private volatile ArrayNode intersections = NODES.arrayNode();
    private volatile ObjectNode health = NODES.objectNode();
    private volatile String signalModel;
    private volatile boolean optimizerReachable;
    private long twinVersionSent = -1;
    private ScheduledExecutorService timer;

    public Feeds(DashboardConfig config, Upstream upstream, LiveState live, Broadcaster browsers) {
        this.config = config;
        this.upstream = upstream;
        this.live = live;
        this.browsers = browsers;
    }

    void start(@Observes StartupEvent ignored) {
        String optimizer = config.signalOptimizerUrl();
        String parking = config.parkingGuidanceUrl();
        followers.add(new SseFollower(upstream.client(), optimizer + "/api/v1/plans/stream", this::onPlan).start());
        followers.add(new SseFollower(upstream.client(), parking + "/api/v1/car-parks/stream", this::onCarPark)
                .start());
        followers.add(new SseFollower(upstream.client(), parking + "/api/v1/signs/stream", this::onSign).start());
        timer = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "dashboard-feeds");
            t.setDaemon(true);
            return t;
        });
        long push = Math.max(100, config.pushInterval().toMillis());
        timer.scheduleWithFixedDelay(guard(this::pushIntersections), 0, push, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guard(this::pushTwin), push / 2, push, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guard(this::refreshHealth), 0, config.healthInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guard(this::refreshParking), 0, config.parkingInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        followers.forEach(SseFollower::close);
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.debugf(e, "dashboard feed step failed");
            }
        };
    }

    // ------------------------------------------------------------------ intersections

    private void pushIntersections() {
        Optional<JsonNode> list = upstream.json(config.signalOptimizerUrl() + "/api/v1/intersections").join();
        optimizerReachable = list.isPresent();
        ArrayNode rows = NODES.arrayNode();
        if (list.isPresent() && list.get().isArray()) {
            for (JsonNode item : list.get()) {
                rows.add(row((ObjectNode) item.deepCopy()));
            }
        } else {
            // the optimizer is away: show what the topics say (registry, controller states, queues)
            for (String id : live.intersectionIds()) {
                ObjectNode item = NODES.objectNode();
                item.put("id", id);
                live.intersection(id).ifPresent(i -> {
                    item.put("name", i.name());
                    item.put("x", i.x());
                    item.put("y", i.y());
                    item.put("phases", i.phases().size());
                });
                rows.add(row(item));
            }
        }
        intersections = rows;
        browsers.send("intersections", rows);
    }

    /** Adds the freshest controller state (Kafka) and the queues from the detectors to an optimizer row. */
    private ObjectNode row(ObjectNode item) {
        String id = item.path("id").asText();
        Optional<ControllerState> state = live.controllerState(id);
        if (state.isPresent()) {
            JsonNode known = item.get("controller");
            Instant knownAt = known == null ? null : parseInstant(known.path("timestamp").asText(null));
            if (knownAt == null || !state.get().timestamp().isBefore(knownAt)) {
                item.set("controller", Json.mapper().valueToTree(state.get()));
            }
        }
        live.queues(id).ifPresent(q -> item.set("queues", Json.mapper().valueToTree(q)));
        return item;
    }

    private static Instant parseInstant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public ArrayNode intersections() {
        return intersections;
    }

    // ------------------------------------------------------------------ plans

    private void onPlan(String data) {
        JsonNode plan = readTree(data);
        if (plan == null) {
            return;
        }
        if (plan.hasNonNull("modelVersion")) {
            signalModel = plan.get("modelVersion").asText();
        }
        browsers.send("plan", plan);
    }

    // ------------------------------------------------------------------ car parks and signs

    private void onCarPark(String data) {
        JsonNode view = readTree(data);
        if (view != null && view.hasNonNull("id")) {
            ObjectNode withHistory = withHistory((ObjectNode) view);
            carParks.put(view.get("id").asText(), withHistory);
            browsers.send("carPark", withHistory);
        }
    }

    private void onSign(String data) {
        JsonNode sign = readTree(data);
        if (sign != null && sign.hasNonNull("signId")) {
            signs.put(sign.get("signId").asText(), sign);
            browsers.send("sign", sign);
        }
    }

    /** Forecasts and data ages change without a reading (forecasts refresh every minute): send the whole list. */
    private void refreshParking() {
        upstream.json(config.parkingGuidanceUrl() + "/api/v1/car-parks").join().ifPresent(list -> {
            for (JsonNode view : list) {
                if (view.hasNonNull("id")) {
                    carParks.put(view.get("id").asText(), withHistory((ObjectNode) view));
                }
            }
            browsers.send("carParks", carParks());
        });
        upstream.json(config.parkingGuidanceUrl() + "/api/v1/signs").join().ifPresent(list -> {
            for (JsonNode sign : list) {
                if (sign.hasNonNull("signId")) {
                    signs.put(sign.get("signId").asText(), sign);
                }
            }
        });
    }

    private ObjectNode withHistory(ObjectNode view) {
        ArrayNode history = NODES.arrayNode();
        for (long[] p : live.occupancyHistory(view.get("id").asText())) {
            ArrayNode point = NODES.arrayNode();
            point.add(p[0]);
            point.add(p[1]);
            point.add(p[2]);
            history.add(point);
        }
        view.set("history", history);
        return view;
    }

    public List<JsonNode> carParks() {
        return carParks.values().stream().sorted(java.util.Comparator.comparing(n -> n.path("id").asText()))
                .map(n -> (JsonNode) withHistory((ObjectNode) n.deepCopy())).toList();
    }

    public List<JsonNode> signs() {
        return signs.values().stream().sorted(java.util.Comparator.comparing(n -> n.path("signId").asText()))
                .toList();
    }

    // ------------------------------------------------------------------ twin

    private synchronized void pushTwin() {
        long version = live.twinVersion();
        if (version != twinVersionSent) {
            twinVersionSent = version;
            browsers.send("twin", live.twinView());
        }
    }

    // ------------------------------------------------------------------ health

    private void refreshHealth() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("traffic-ingest", config.trafficIngestUrl());
        services.put("signal-optimizer", config.signalOptimizerUrl());
        services.put("parking-guidance", config.parkingGuidanceUrl());
        Map<String, CompletableFuture<Integer>> checks = new LinkedHashMap<>();
        services.forEach((name, url) -> checks.put(name, upstream.status(url + "/q/health/ready")));
        CompletableFuture<JsonNode> forecast = upstream.jsonOrNull(config.parkingGuidanceUrl()
                + "/api/v1/car-parks/forecast-error");
        ObjectNode out = NODES.objectNode();
        ObjectNode up = out.putObject("services");
        checks.forEach((name, status) -> {
            int code = status.join();
            up.put(name, code == 200 ? "UP" : code == 0 ? "UNREACHABLE" : "DOWN");
        });
        ArrayNode sensors = out.putArray("sensors");
        live.unhealthySensors().forEach(s -> sensors.add(Json.mapper().valueToTree(s)));
        out.set("deadLetters", Json.mapper().valueToTree(live.deadLetters()));
        live.lastDeadLetter().ifPresent(t -> out.put("lastDeadLetter", t.toString()));
        ObjectNode models = out.putObject("models");
        if (signalModel != null) {
            models.put("signals", signalModel);
        }
        JsonNode f = forecast.join();
        if (f != null && !f.isNull()) {
            models.put("parking", f.path("forecaster").asText());
            models.put("parkingTrained", f.path("trained").asBoolean());
            models.set("parkingMae", f.has("liveMaeByHorizon") ? f.get("liveMaeByHorizon") : f.path("maeByHorizon"));
        }
        out.put("browsers", browsers.clients());
        out.put("at", Instant.now().toString());
        health = out;
        browsers.send("health", out);
    }

    public ObjectNode health() {
        return health;
    }

    public boolean optimizerReachable() {
        return optimizerReachable;
    }

    private static JsonNode readTree(String data) {
        try {
            return Json.mapper().readTree(data);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
