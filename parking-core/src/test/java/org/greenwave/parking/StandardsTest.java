package org.greenwave.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.greenwave.parking.signs.CarParkInfo;
import org.greenwave.parking.signs.OpeningHours;
import org.greenwave.parking.signs.SignEngine;
import org.greenwave.parking.signs.Status;
import org.greenwave.parking.standards.Datex2;
import org.greenwave.parking.standards.NgsiLd;
import org.greenwave.parking.state.CarParkState;
import org.greenwave.parking.state.Trend;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class StandardsTest {

    private static final Instant T = Instant.parse("2026-03-07T10:00:00Z");
    private static final CarParkInfo INFO = new CarParkInfo("P-Rathaus", "Parkhaus Rathaus <Mitte>", 577, 50.9550,
            6.6390, OpeningHours.ALWAYS, Duration.ofMinutes(10));

    private static SignEngine.Snapshot snapshot(int occupied, Status status) {
        CarParkState state = new CarParkState("P-Rathaus", 577, occupied, Math.max(0, 577 - occupied),
                Math.min(1, occupied / 577.0), Trend.FILLING, 0.1, T, Duration.ofSeconds(5), false);
        return new SignEngine.Snapshot("P-Rathaus", INFO, state, status, T);
    }

    @Test
    void keyValuesCarryTheSmartDataModelFields() {
        var e = NgsiLd.keyValues(snapshot(600, Status.FULL), false);
        assertThat(e.get("id").asText()).isEqualTo("urn:ngsi-ld:OffStreetParking:P-Rathaus");
        assertThat(e.get("totalSpotNumber").asInt()).isEqualTo(577);
        assertThat(e.get("availableSpotNumber").asInt()).isZero();
        assertThat(e.get("occupiedSpotNumber").asInt()).isEqualTo(577); // clipped, the model wants <= total
        assertThat(e.get("occupancy").asDouble()).isEqualTo(1.0);
        assertThat(e.get("location").get("coordinates").get(0).asDouble()).isEqualTo(6.6390);
        assertThat(e.get("status").toString()).isEqualTo("[\"open\",\"full\"]");
    }

    @Test
    void normalizedWrapsEveryAttribute() {
        var e = NgsiLd.normalized(snapshot(100, Status.OPEN), true);
        assertThat(e.get("availableSpotNumber").get("type").asText()).isEqualTo("Property");
        assertThat(e.get("availableSpotNumber").get("value").asInt()).isEqualTo(477);
        assertThat(e.get("availableSpotNumber").get("observedAt").asText()).isEqualTo(T.toString());
        assertThat(e.get("location").get("type").asText()).isEqualTo("GeoProperty");
        assertThat(e.get("@context").get(0).asText()).isEqualTo(NgsiLd.DATA_MODEL_CONTEXT);
    }

    @Test
    void staleCarParkPublishesNoCounts() {
        var e = NgsiLd.keyValues(new SignEngine.Snapshot("P-Rathaus", INFO, null, Status.NO_DATA, null), false);
        assertThat(e.has("availableSpotNumber")).isFalse();
        assertThat(e.has("status")).isFalse();
        assertThat(e.get("totalSpotNumber").asInt()).isEqualTo(577);
    }

    @Test
    void datexIsWellFormedAndCarriesTheValues() throws Exception {
        String xml = Datex2.parkingStatusPublication(List.of(snapshot(400, Status.OPEN)), T, "DE", "greenwave");
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element root = doc.getDocumentElement();
        assertThat(root.getAttributeNS(Datex2.XSI, "type")).isEqualTo("prk:ParkingStatusPublication");
        var status = (Element) doc.getElementsByTagNameNS(Datex2.PARKING, "parkingRecordStatus").item(0);
        assertThat(status.getAttributeNS(Datex2.XSI, "type")).isEqualTo("prk:ParkingSiteStatus");
        var ref = (Element) status.getElementsByTagNameNS(Datex2.PARKING, "parkingRecordReference").item(0);
        assertThat(ref.getAttribute("id")).isEqualTo("P-Rathaus");
        assertThat(text(status, "parkingNumberOfVacantSpaces")).isEqualTo("177");
        assertThat(text(status, "parkingNumberOfOccupiedSpaces")).isEqualTo("400");
        assertThat(text(status, "parkingOccupancy")).isEqualTo("69.3");
        assertThat(text(status, "parkingOccupancyTrend")).isEqualTo("increasing");
        assertThat(text(status, "parkingSiteStatus")).isEqualTo("spacesAvailable");
        assertThat(text(status, "parkingSiteOpeningStatus")).isEqualTo("open");
        assertThat(text(status, "parkingStatusOriginTime")).isEqualTo(T.toString());
    }

    private static String text(Element parent, String name) {
        var nodes = parent.getElementsByTagNameNS(Datex2.PARKING, name);
        // parkingOccupancy is both the container and the percentage inside it: take the innermost.
        return nodes.item(nodes.getLength() - 1).getTextContent();
    }
}
