package org.greenwave.dashboard.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.greenwave.contracts.Json;
import org.greenwave.dashboard.config.DashboardConfig;
import org.greenwave.dashboard.service.Broadcaster;
import org.greenwave.dashboard.service.Feeds;
import org.greenwave.dashboard.service.LiveState;
import org.greenwave.dashboard.service.NetworkMap;
import org.greenwave.dashboard.upstream.Upstream;

/**
 * The dashboard's backend-for-frontend: one origin for the browser. Reads aggregate the services and the topics;
 * engineer actions go to signal-optimizer with the engineer's own credentials (it checks the role and audits).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ApiResource {

    private static final Set<String> MODES = Set.of("AUTO", "ADVISORY", "MANUAL");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DashboardConfig config;
    private final Upstream upstream;
    private final Feeds feeds;
    private final LiveState live;
    private final NetworkMap map;
    private final Broadcaster browsers;
    private final IdentityProviderManager identities;

    public ApiResource(DashboardConfig config, Upstream upstream, Feeds feeds, LiveState live, NetworkMap map,
                       Broadcaster browsers, IdentityProviderManager identities) {
        this.config = config;
        this.upstream = upstream;
        this.feeds = feeds;
        this.live = live;
        this.map = map;
        this.browsers = browsers;
        this.identities = identities;
    }

    @GET
    @Path("/map")
    @Operation(summary = "The street map: lanes, junctions, signals, car parks and signs (network coordinates)")
    public JsonNode map() {
        return map.map();
    }

    @GET
    @Path("/overview")
    @Operation(summary = "Everything the dashboard shows, now (the live stream then sends changes)")
    public Map<String, Object> overview() {
        return Map.of("intersections", feeds.intersections(), "carParks", feeds.carParks(), "signs", feeds.signs(),
                "twin", live.twinView(), "health", feeds.health());
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live stream: intersections, plan, carPark, sign, twin, health events (JSON data)")
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        sink.send(browsers.event(sse, "hello", Map.of("intersections", feeds.intersections(),
                "twin", live.twinView(), "health", feeds.health())));
        browsers.register(sink, sse);
    }

    @GET
    @Path("/intersections/{id}")
    @Operation(summary = "One intersection: registry entry, mode, controller state, plans, queues and audit trail")
    public CompletionStage<Response> intersection(@PathParam("id") String id) {
        String base = config.signalOptimizerUrl() + "/api/v1";
        String enc = URLEncoder.encode(id, StandardCharsets.UTF_8);
        CompletableFuture<java.util.Optional<JsonNode>> detail = upstream.json(base + "/intersections/" + enc);
        CompletableFuture<JsonNode> audit = upstream.jsonOrNull(base + "/audit?limit=40&intersection=" + enc);
        return detail.thenCombine(audit, (d, a) -> {
            ObjectNode out = d.filter(JsonNode::isObject).map(n -> (ObjectNode) n.deepCopy()).orElseGet(() -> {
                ObjectNode n = NODES.objectNode();
                n.put("id", id);
                n.put("unavailable", true);
                live.intersection(id).ifPresent(i -> n.set("intersection", Json.mapper().valueToTree(i)));
                return n;
            });
            if (!out.has("intersection") && live.intersection(id).isEmpty()) {
                return Response.status(404).entity(Map.of("error", "unknown intersection " + id)).build();
            }
            live.controllerState(id).ifPresent(s -> out.set("controller", Json.mapper().valueToTree(s)));
            live.queues(id).ifPresent(q -> out.set("queues", Json.mapper().valueToTree(q)));
            out.set("audit", a == null || a.isNull() ? NODES.arrayNode() : a);
            return Response.ok(out).build();
        });
    }

    /** An engineer's request as the optimizer expects it. */
    public record ModeChange(String mode, String reason) {
    }

    public record Reason(String reason) {
    }

    @PUT
    @Path("/intersections/{id}/mode")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Switch AUTO / ADVISORY / MANUAL (engineers; forwarded with their credentials)")
    public CompletionStage<Response> mode(@PathParam("id") String id, ModeChange change,
                                          @HeaderParam("Authorization") String authorization) {
        if (authorization == null || authorization.isBlank()) {
            // nobody signed in: refused before anything else is looked at (the optimizer decides the rest)
            return CompletableFuture.completedFuture(unauthorized());
        }
        if (change == null || change.mode() == null || !MODES.contains(change.mode())) {
            throw new BadRequestException("mode required: AUTO, ADVISORY or MANUAL");
        }
        ObjectNode body = NODES.objectNode();
        body.put("mode", change.mode());
        body.put("reason", change.reason() == null ? "via dashboard" : change.reason());
        return answer(upstream.forward("PUT", optimizer(id) + "/mode", authorization, body));
    }

    @POST
    @Path("/intersections/{id}/pending/{planId}/{decision:approve|reject}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject the pending advisory plan (engineers; forwarded with their credentials)")
    public CompletionStage<Response> decide(@PathParam("id") String id, @PathParam("planId") String planId,
                                            @PathParam("decision") String decision, Reason reason,
                                            @HeaderParam("Authorization") String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return CompletableFuture.completedFuture(unauthorized());
        }
        ObjectNode body = NODES.objectNode();
        body.put("reason", reason == null || reason.reason() == null ? "via dashboard" : reason.reason());
        return answer(upstream.forward("POST", optimizer(id) + "/pending/"
                + URLEncoder.encode(planId, StandardCharsets.UTF_8) + "/" + decision, authorization, body));
    }

    @GET
    @Path("/session")
    @Operation(summary = "Checks an engineer's credentials (HTTP Basic in the Authorization header)")
    public Uni<Response> session(@HeaderParam("Authorization") String authorization) {
        String[] userPassword = basic(authorization);
        if (userPassword == null) {
            return Uni.createFrom().item(unauthorized());
        }
        var request = new UsernamePasswordAuthenticationRequest(userPassword[0],
                new io.quarkus.security.credential.PasswordCredential(userPassword[1].toCharArray()));
        return identities.authenticate(request)
                .map((SecurityIdentity identity) -> Response.ok(Map.of("user", identity.getPrincipal().getName(),
                        "roles", identity.getRoles(), "engineer", identity.hasRole("engineer"))).build())
                .onFailure().recoverWithItem(e -> unauthorized());
    }

    private String optimizer(String id) {
        return config.signalOptimizerUrl() + "/api/v1/intersections/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    /** The service's answer as it is, except a 401 without the Basic challenge (the dashboard asks itself). */
    private static CompletionStage<Response> answer(CompletableFuture<Upstream.Answer> call) {
        return call.thenApply(a -> {
            if (a.status() == 401) {
                return unauthorized();
            }
            String type = a.contentType() != null && a.contentType().startsWith("application/json")
                    ? MediaType.APPLICATION_JSON : MediaType.TEXT_PLAIN;
            Object body = a.body() == null || a.body().isEmpty() ? "{}" : a.body();
            return Response.status(a.status()).type(type).entity(body).build();
        });
    }

    private static Response unauthorized() {
        return Response.status(401).entity(Map.of("error", "engineer sign-in required")).build();
    }

    static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
