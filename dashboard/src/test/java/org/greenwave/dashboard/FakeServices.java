package org.greenwave.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP endpoint standing in for signal-optimizer and parking-guidance in the dashboard's own tests, so
 * that what the dashboard sends them (paths, bodies, the engineer's credentials) can be checked. The real services
 * behind the dashboard are exercised by the browser tests of the running demo (module e2e).
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    /** One request the fake services received. */
    public record Call(String method, String path, String authorization, String body) {
    }

    public static final String ENGINEER = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("engineer:test-engineer-password".getBytes(StandardCharsets.UTF_8));
    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort();
        return Map.of("greenwave.dashboard.signal-optimizer-url", url,
                "greenwave.dashboard.parking-guidance-url", url,
                "greenwave.dashboard.traffic-ingest-url", url);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        CALLS.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().toString(), auth, body));
        if (path.equals("/api/v1/intersections")) {
            answer(exchange, 200, "[{\"id\":\"T1\",\"name\":\"T1\",\"x\":0,\"y\":0,\"phases\":2,\"mode\":\"ADVISORY\","
                    + "\"pendingPlanId\":\"T1@7\"}]");
        } else if (path.equals("/api/v1/intersections/T1")) {
            answer(exchange, 200, "{\"id\":\"T1\",\"name\":\"T1\",\"mode\":\"ADVISORY\",\"pendingPlan\":{\"planId\":\"T1@7\"}}");
        } else if (path.startsWith("/api/v1/audit")) {
            answer(exchange, 200, "[{\"id\":\"a\",\"intersectionId\":\"T1\",\"actor\":\"greenwave\","
                    + "\"action\":\"PLAN_PROPOSED\",\"planId\":\"T1@7\",\"reason\":\"longer green for the queue\"}]");
        } else if (path.startsWith("/api/v1/intersections/T1/")) {
            if (!ENGINEER.equals(auth)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Quarkus\"");
                answer(exchange, 401, "");
            } else {
                answer(exchange, 200, "{\"ok\":true}");
            }
        } else if (path.equals("/q/health/ready")) {
            answer(exchange, 200, "{\"status\":\"UP\"}");
        } else {
            answer(exchange, 404, "{}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
