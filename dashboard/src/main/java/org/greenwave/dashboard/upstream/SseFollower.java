package org.greenwave.dashboard.upstream;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Follows a service's server-sent-event stream in a daemon thread and hands each event's data to a consumer;
 * reconnects (after 2 s) whenever the stream ends or the service is away, so the dashboard survives restarts.
 */
public final class SseFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SseFollower.class);

    private final HttpClient http;
    private final String url;
    private final Consumer<String> onData;
    private final Thread thread;
    private volatile boolean closed;
    private volatile InputStream current;
    private volatile boolean connected;

    public SseFollower(HttpClient http, String url, Consumer<String> onData) {
        this.http = http;
        this.url = url;
        this.onData = onData;
        this.thread = new Thread(this::run, "sse " + url);
        this.thread.setDaemon(true);
    }

    public SseFollower start() {
        thread.start();
        return this;
    }

    public boolean connected() {
        return connected;
    }

    private void run() {
        boolean warned = false;
        while (!closed) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                        .GET().build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new java.io.IOException("HTTP " + response.statusCode());
                }
                current = response.body();
                connected = true;
                warned = false;
                read(response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!warned && !closed) {
                    LOG.infof("%s not available (%s); retrying", url, e.getMessage());
                    warned = true;
                }
            } finally {
                connected = false;
            }
            sleep(Duration.ofSeconds(2));
        }
    }

    private void read(InputStream in) throws java.io.IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            String line;
            while (!closed && (line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        deliver(data.toString());
                        data.setLength(0);
                    }
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                }
            }
        }
    }

    private void deliver(String data) {
        try {
            onData.accept(data);
        } catch (RuntimeException e) {
            LOG.debugf(e, "event from %s not handled", url);
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (java.io.IOException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
    }
}
