package org.greenwave.cli.demo;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.greenwave.parking.data.Observation;
import org.greenwave.parking.synthetic.SyntheticFeed;

/**
 * The demo's car-park counters: a SYNTHETIC town ({@link SyntheticFeed}) around now. The weeks before go to
 * parking-guidance as a history file (its forecaster trains on them); the last hours and then every new reading
 * as time passes are posted to traffic-ingest with the device key, like real counters, so they flow through
 * validation (faulty readings end as dead letters, as they would), Kafka and parking-guidance to the signs.
 */
public final class ParkingFeed implements AutoCloseable {

    /** Readings of the last hours posted at start, so charts and trends have something to show at once. */
    static final Duration BACKFILL = Duration.ofHours(3);

    private final SyntheticFeed feed;
    private final Instant historyUntil;
    private final URI endpoint;
    private final String deviceKey;
    private final PrintStream log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Thread thread;
    private volatile boolean closed;
    private volatile long posted;
    private volatile long rejected;

    public ParkingFeed(Instant now, long seed, String ingestUrl, String deviceKey, PrintStream log) {
        this.historyUntil = now.minus(BACKFILL);
        this.feed = SyntheticFeed.around(historyUntil, 35, seed, ZoneId.of("Europe/Berlin"));
        this.endpoint = URI.create(ingestUrl + "/api/v1/parking-occupancy");
        this.deviceKey = deviceKey;
        this.log = log;
        this.thread = new Thread(this::run, "demo-parking-feed");
        this.thread.setDaemon(true);
    }

    /** Writes the history (everything before the back-filled hours) for parking-guidance to preload. */
    public void writeHistory(Path csv) {
        feed.writeHistory(csv);
    }

    public ParkingFeed start() {
        thread.start();
        return this;
    }

    public long posted() {
        return posted;
    }

    private void run() {
        Instant from = historyUntil;
        while (!closed) {
            Instant to = Instant.now();
            try {
                List<Observation> due = feed.between(from, to);
                for (int i = 0; i < due.size(); i += 500) {
                    post(due.subList(i, Math.min(due.size(), i + 500)));
                }
                from = to;
            } catch (Exception e) {
                log.println(Instant.now() + " parking feed: " + e.getMessage() + " (retrying)");
            }
            Pause.of(Duration.ofSeconds(5), () -> closed);
        }
    }

    private void post(List<Observation> batch) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder("[");
        for (Observation o : batch) {
            if (body.length() > 1) {
                body.append(',');
            }
            body.append("{\"carParkId\":\"").append(o.carParkId()).append("\",\"timestamp\":").append(o.time())
                    .append(",\"capacity\":").append(o.capacity()).append(",\"occupied\":").append(o.occupied())
                    .append('}');
        }
        body.append(']');
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("X-API-Key", deviceKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 202) {
            posted += batch.size();
        } else if (response.statusCode() == 400) {
            // a synthetic counter's faults (negative, implausible, conflicting): dead-lettered by traffic-ingest
            posted += batch.size();
            rejected++;
        } else {
            throw new IllegalStateException("traffic-ingest answered " + response.statusCode());
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
