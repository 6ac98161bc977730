package org.greenwave.sumo.loop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.greenwave.contracts.Json;

/**
 * Posts readings to traffic-ingest's {@code POST /api/v1/detector-readings} with the device key in
 * {@code X-API-Key}, in batches below ingest's limits. A 503 (Kafka did not acknowledge) is retried: readings
 * already stored are recognised as duplicates there.
 */
public final class IngestFieldDevices implements FieldDevices {

    /** Readings per request (traffic-ingest accepts up to 5,000 items and 1 MB). */
    public static final int BATCH = 2000;
    private static final int RETRIES = 5;

    private final HttpClient http;
    private final URI endpoint;
    private final String deviceKey;
    private long sent;

    /**
     * @param ingestUrl base URL of traffic-ingest, e.g. {@code http://localhost:8081}
     * @param deviceKey a device key allowed to write detector readings
     */
    public IngestFieldDevices(String ingestUrl, String deviceKey) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.endpoint = URI.create(ingestUrl.replaceAll("/+$", "") + "/api/v1/detector-readings");
        this.deviceKey = deviceKey;
    }

    @Override
    public void send(List<FieldReading> readings) {
        for (int from = 0; from < readings.size(); from += BATCH) {
            post(readings.subList(from, Math.min(readings.size(), from + BATCH)));
        }
    }

    /** Readings accepted so far. */
    public long sent() {
        return sent;
    }

    private void post(List<FieldReading> batch) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-API-Key", deviceKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(batch)))
                .build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt < RETRIES) {
                    pause(attempt);
                    continue;
                }
                throw new FieldDeviceException("traffic-ingest not reachable at " + endpoint + ": " + e.getMessage(), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FieldDeviceException("interrupted while sending readings", 0);
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                sent += batch.size();
                return;
            }
            if (status == 503 && attempt < RETRIES) {
                pause(attempt);
                continue;
            }
            throw new FieldDeviceException("traffic-ingest answered " + status + " to " + batch.size()
                    + " readings: " + abbreviate(response.body()), status);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The answer, shortened; a 400's per-item errors first (they say what was wrong, the accepted list does not). */
    static String abbreviate(String s) {
        int errors = s.indexOf("\"errors\"");
        String shown = errors > 0 ? s.substring(errors) : s;
        return shown.length() <= 500 ? shown : shown.substring(0, 500) + " ...";
    }
}
