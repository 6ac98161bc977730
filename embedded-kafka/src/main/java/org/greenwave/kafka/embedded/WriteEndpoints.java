package org.greenwave.kafka.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.greenwave.contracts.Json;

/**
 * Every write endpoint (POST, PUT, PATCH, DELETE) a running service declares in its OpenAPI document, for tests
 * that prove each one refuses callers without credentials (401) and with the wrong role (403). Read from the
 * service itself, so an endpoint added later is checked without anyone remembering to list it.
 */
public final class WriteEndpoints {

    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One operation: method and a concrete path (path parameters filled with {@code x}). */
    public record Endpoint(String method, String template, String path) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** An answer: status and the {@code WWW-Authenticate} challenges. */
    public record Answer(int status, List<String> challenges) {
    }

    private WriteEndpoints() {
    }

    /** The write endpoints of the service at {@code baseUrl} (e.g. {@code http://localhost:8081}). */
    public static List<Endpoint> of(String baseUrl) {
        return of(baseUrl, Map.of());
    }

    /**
     * As {@link #of(String)}, with values for path parameters that {@code x} does not match (e.g. a parameter
     * limited to {@code approve|reject}); every other parameter is {@code x}.
     */
    public static List<Endpoint> of(String baseUrl, Map<String, String> pathValues) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode paths = Json.mapper().readTree(response.body()).path("paths");
            List<Endpoint> out = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                    String method = methods.next();
                    if (WRITES.contains(method)) {
                        out.add(new Endpoint(method.toUpperCase(Locale.ROOT), path.getKey(),
                                fill(path.getKey(), pathValues)));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String fill(String template, Map<String, String> values) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(values.getOrDefault(m.group(1).trim(), "x")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Calls an endpoint with a small JSON body and the given headers (e.g. {@code X-API-Key}, {@code Authorization}). */
    public static Answer call(String baseUrl, Endpoint endpoint, Map<String, String> headers) {
        return call(baseUrl, endpoint, headers, "{}");
    }

    /** Calls an endpoint with a JSON body (one that would be valid, so that only the credentials decide). */
    public static Answer call(String baseUrl, Endpoint endpoint, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + endpoint.path()))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
            List<String> challenges = new ArrayList<>();
            // several challenges may share one header, comma-separated (RFC 9110): one entry per scheme
            for (String header : response.headers().allValues("WWW-Authenticate")) {
                for (String c : header.split(",\\s*(?=[A-Za-z][A-Za-z0-9-]*(\\s|$))")) {
                    challenges.add(c.trim());
                }
            }
            return new Answer(response.statusCode(), challenges);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP Basic header value. */
    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
