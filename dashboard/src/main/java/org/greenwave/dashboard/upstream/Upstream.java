package org.greenwave.dashboard.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.greenwave.contracts.Json;
import org.greenwave.dashboard.config.DashboardConfig;

/**
 * Calls to the services (one HTTP client for all). Reads are anonymous; engineer actions carry the engineer's own
 * {@code Authorization} header, so each service decides who may do what and audits the real person.
 */
@ApplicationScoped
public class Upstream {

    /** A service's answer, passed on to the browser as it is (status and JSON body). */
    public record Answer(int status, String body, String contentType) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    public Upstream(DashboardConfig config) {
        this.timeout = config.upstreamTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public HttpClient client() {
        return http;
    }

    /** GET a JSON document; empty when the service is unreachable or answers with an error. */
    public CompletableFuture<Optional<JsonNode>> json(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> {
                    if (r.statusCode() / 100 != 2) {
                        return Optional.<JsonNode>empty();
                    }
                    try {
                        return Optional.of(Json.mapper().readTree(r.body()));
                    } catch (java.io.IOException e) {
                        return Optional.<JsonNode>empty();
                    }
                })
                .exceptionally(e -> Optional.empty());
    }

    /** GET, answering {@link NullNode} where {@link #json} answers empty. */
    public CompletableFuture<JsonNode> jsonOrNull(String url) {
        return json(url).thenApply(o -> o.orElse(NullNode.getInstance()));
    }

    /** The HTTP status of a GET (health checks); 0 when unreachable. */
    public CompletableFuture<Integer> status(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode)
                .exceptionally(e -> 0);
    }

    /** GET a text document (e.g. Prometheus metrics); empty when unreachable. */
    public CompletableFuture<Optional<String>> text(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> r.statusCode() / 100 == 2 ? Optional.of(r.body()) : Optional.<String>empty())
                .exceptionally(e -> Optional.empty());
    }

    /**
     * Forwards an engineer's action with their credentials. A 401 goes back without the Basic challenge, so the
     * browser does not open its own login box (the dashboard asks itself).
     */
    public CompletableFuture<Answer> forward(String method, String url, String authorization, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(
                        body == null ? "{}".getBytes(StandardCharsets.UTF_8) : Json.toBytes(body)));
        if (authorization != null && !authorization.isBlank()) {
            builder.header("Authorization", authorization);
        }
        return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r.statusCode(), r.body(),
                        r.headers().firstValue("Content-Type").orElse("application/json")))
                .exceptionally(e -> new Answer(502, "{\"error\":\"service not reachable\"}", "application/json"));
    }
}
