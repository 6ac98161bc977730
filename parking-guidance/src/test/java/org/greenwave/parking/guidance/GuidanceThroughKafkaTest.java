package org.greenwave.parking.guidance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.greenwave.contracts.EventSchemas;
import org.greenwave.contracts.Headers;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.Topics;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.contracts.parking.SignUpdate;
import org.greenwave.contracts.traffic.SensorStatus;
import org.greenwave.kafka.embedded.KafkaBrokerTestResource;
import org.greenwave.kafka.embedded.TopicProbe;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * Readings in on {@code parking.occupancy} of a real in-process broker, sign updates and sensor alerts out on
 * {@code parking.sign-updates} and {@code traffic.sensor-status}; the REST, SSE and open-data endpoints show the
 * same state. Test car parks and signs are in the %test profile of application.properties.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class GuidanceThroughKafkaTest {

    private final String bootstrap = KafkaBrokerTestResource.broker().bootstrapServers();

    @TestHTTPResource("/api/v1/signs/stream")
    URL signStream;

    private void reading(String carPark, int capacity, int occupied) {
        Instant now = Instant.now();
        TopicProbe.send(bootstrap, Topics.PARKING_OCCUPANCY, carPark, new String(Json.toBytes(
                new OccupancyReading(carPark, now, capacity, occupied, now, "http"))));
    }

    private static SignUpdate sign(TopicProbe.Received r) {
        return Json.fromBytes(r.value().getBytes(), SignUpdate.class);
    }

    @Test
    void fullCarParkInGivesASignUpdateWithAnAlternativeOut() throws Exception {
        try (var out = new TopicProbe(bootstrap, Topics.SIGN_UPDATES)) {
            reading("T-Free", 200, 20);
            reading("T-Full", 100, 104); // over capacity, as counters do: clipped to full
            var updates = out.await(1, Duration.ofSeconds(30), r -> "T-Sign".equals(r.key())
                    && sign(r).entries().get(0).status().equals("FULL"));
            assertThat(updates).hasSize(1);
            SignUpdate update = sign(updates.get(0));
            assertThat(EventSchemas.validate(EventSchemas.SIGN_UPDATE, Json.mapper().readTree(updates.get(0).value())))
                    .isEmpty();
            assertThat(updates.get(0).headers()).containsEntry(Headers.SCHEMA, SignUpdate.SCHEMA);
            assertThat(update.fallback()).isFalse();
            var full = update.entries().get(0);
            assertThat(full.carParkId()).isEqualTo("T-Full");
            assertThat(full.direction()).isEqualTo("left");
            assertThat(full.freeSpaces()).isZero();
            assertThat(full.alternative()).isEqualTo("T-Free");
            var free = update.entries().get(1);
            assertThat(free.status()).isEqualTo("OPEN");
            assertThat(free.freeSpaces()).isEqualTo(180);
            assertThat(update.message()).isEqualTo("Test Full full: use Test Free");

            // The same display over REST.
            given().get("/api/v1/signs/T-Sign").then().statusCode(200);
            SignUpdate viaRest = given().get("/api/v1/signs/T-Sign").as(SignUpdate.class);
            assertThat(viaRest.entries()).isEqualTo(update.entries());
            given().get("/api/v1/signs/nope").then().statusCode(404);
        }
    }

    @Test
    void staleFeedShowsTheFallbackAndRaisesAnAlert() {
        try (var signs = new TopicProbe(bootstrap, Topics.SIGN_UPDATES);
             var sensors = new TopicProbe(bootstrap, Topics.SENSOR_STATUS)) {
            // The limit is short (3 s): send until the live display is seen, whatever the consumer's start-up lag.
            boolean live = false;
            for (int i = 0; i < 15 && !live; i++) {
                reading("T-Stale", 100, 40);
                live = !signs.await(1, Duration.ofSeconds(2), r -> "T-StaleSign".equals(r.key())
                        && !sign(r).fallback()).isEmpty();
            }
            assertThat(live).as("a live display before the feed went stale").isTrue();
            // No more readings: after 3 s the feed is stale (test limit), the clock tick notices.
            var fallback = signs.await(1, Duration.ofSeconds(30), r -> "T-StaleSign".equals(r.key()) && sign(r).fallback());
            assertThat(fallback).hasSize(1);
            SignUpdate shown = sign(fallback.get(0));
            assertThat(shown.entries().get(0).status()).isEqualTo("NO_DATA");
            assertThat(shown.entries().get(0).freeSpaces()).isNull();
            assertThat(shown.message()).contains("follow");
            var alert = sensors.await(1, Duration.ofSeconds(30), r -> "T-Stale".equals(r.key())
                    && r.value().contains("\"STALE\""));
            assertThat(alert).hasSize(1);
            SensorStatus status = Json.fromBytes(alert.get(0).value().getBytes(), SensorStatus.class);
            assertThat(status.kind()).isEqualTo("car-park");
            assertThat(alert.get(0).headers()).containsEntry(Headers.SCHEMA, SensorStatus.SCHEMA);
            given().get("/api/v1/car-parks/T-Stale").then().statusCode(200)
                    .body("stale", org.hamcrest.Matchers.equalTo(true))
                    .body("status", org.hamcrest.Matchers.equalTo("NO_DATA"));
            assertThat(given().get("/q/metrics").asString()).contains("greenwave_parking_stale_feeds");
        }
    }

    @Test
    void carParksShowStateAndForecastsWithABand() throws Exception {
        reading("T-Free", 200, 30);
        JsonNode view = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            view = Json.mapper().readTree(given().get("/api/v1/car-parks/T-Free").asString());
            if (view.path("forecasts").size() == 3) {
                break;
            }
            Thread.sleep(300);
        }
        assertThat(view.path("forecasts")).hasSize(3);
        assertThat(view.get("capacity").asInt()).isEqualTo(200);
        for (JsonNode f : view.get("forecasts")) {
            assertThat(f.get("low").asDouble()).isLessThanOrEqualTo(f.get("rate").asDouble());
            assertThat(f.get("high").asDouble()).isGreaterThanOrEqualTo(f.get("rate").asDouble());
        }
        assertThat(view.get("forecasts").get(0).get("horizonMinutes").asInt()).isEqualTo(30);
        JsonNode all = Json.mapper().readTree(given().get("/api/v1/car-parks").asString());
        assertThat(all.findValuesAsText("id")).contains("P-Rathaus", "T-Free");
    }

    /** Polls the car park's REST view until the service has taken the reading (free spaces as expected). */
    private static void awaitFree(String carPark, int free) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Integer now = given().get("/api/v1/car-parks/" + carPark).then().extract().path("free");
            if (now != null && now == free) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(carPark + " never showed " + free + " free spaces");
    }

    @Test
    void ngsiLdKeyValuesValidateAgainstTheFiwareSchema() throws Exception {
        reading("T-Free", 200, 50);
        awaitFree("T-Free", 150);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, b ->
                b.schemaMappers(m -> m.mapPrefix("https://smart-data-models.github.io/data-models/", "classpath:fiware/")));
        JsonSchema schema = factory.getSchema(SchemaLocation.of("classpath:fiware/schema.json"),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        String body = given().queryParam("type", "OffStreetParking").queryParam("options", "keyValues")
                .get("/ngsi-ld/v1/entities").then().statusCode(200).contentType("application/ld+json").extract().asString();
        JsonNode entities = Json.mapper().readTree(body);
        assertThat(entities.size()).isGreaterThanOrEqualTo(8);
        for (JsonNode e : entities) {
            var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) e.deepCopy());
            copy.remove("@context"); // JSON-LD context is not part of the data model's attributes
            assertThat(schema.validate(copy)).as(e.get("id").asText()).isEmpty();
        }
        JsonNode free = entities.findParents("id").stream()
                .filter(n -> n.get("id").asText().equals("urn:ngsi-ld:OffStreetParking:T-Free")).findFirst().orElseThrow();
        assertThat(free.get("availableSpotNumber").asInt()).isEqualTo(150);
        assertThat(free.get("totalSpotNumber").asInt()).isEqualTo(200);

        // Normalized by default.
        JsonNode normalized = Json.mapper().readTree(given().queryParam("type", "OffStreetParking")
                .get("/ngsi-ld/v1/entities").asString());
        JsonNode n = normalized.findParents("id").stream()
                .filter(x -> x.get("id").asText().equals("urn:ngsi-ld:OffStreetParking:T-Free")).findFirst().orElseThrow();
        assertThat(n.get("availableSpotNumber").get("type").asText()).isEqualTo("Property");
        assertThat(n.get("availableSpotNumber").get("value").asInt()).isEqualTo(150);
        assertThat(n.get("location").get("type").asText()).isEqualTo("GeoProperty");
        given().get("/ngsi-ld/v1/entities").then().statusCode(400);
    }

    @Test
    void datexParkingStatusPublicationIsWellFormedWithTheValues() throws Exception {
        reading("T-Free", 200, 60);
        awaitFree("T-Free", 140);
        String xml = given().get("/api/v1/datex2/parking-status").then().statusCode(200)
                .contentType("application/xml").extract().asString();
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        String prk = "http://datex2.eu/schema/3/parking";
        var records = doc.getElementsByTagNameNS(prk, "parkingRecordStatus");
        assertThat(records.getLength()).isGreaterThanOrEqualTo(8);
        Element free = null;
        for (int i = 0; i < records.getLength(); i++) {
            Element r = (Element) records.item(i);
            Element ref = (Element) r.getElementsByTagNameNS(prk, "parkingRecordReference").item(0);
            if (ref.getAttribute("id").equals("T-Free")) {
                free = r;
            }
        }
        assertThat(free).isNotNull();
        assertThat(free.getElementsByTagNameNS(prk, "parkingNumberOfVacantSpaces").item(0).getTextContent()).isEqualTo("140");
        assertThat(free.getElementsByTagNameNS(prk, "parkingSiteStatus").item(0).getTextContent()).isEqualTo("spacesAvailable");
    }

    @Test
    void signStreamSendsServerSentEvents() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(signStream.toString()))
                .header("Accept", "text/event-stream").build();
        reading("T-Free", 200, 70);
        var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        CompletableFuture<String> firstEvent = CompletableFuture.supplyAsync(() -> {
            try (var in = new BufferedReader(new InputStreamReader(response.body()))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        return line.substring(5).trim();
                    }
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String data = firstEvent.get(30, TimeUnit.SECONDS);
        SignUpdate update = Json.fromBytes(data.getBytes(), SignUpdate.class);
        assertThat(List.of("S-Nord", "S-West", "S-Ost", "T-Sign", "T-StaleSign")).contains(update.signId());
        response.body().close();
    }

    @Test
    void healthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        // Tests run without training (deterministic cold start): the endpoint says so.
        given().get("/api/v1/car-parks/forecast-error").then().statusCode(200)
                .body("trained", org.hamcrest.Matchers.equalTo(false))
                .body("forecaster", org.hamcrest.Matchers.startsWith("cold start"));
    }
}
