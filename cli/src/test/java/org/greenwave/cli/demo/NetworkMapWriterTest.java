package org.greenwave.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.greenwave.cli.runtime.Home;
import org.greenwave.contracts.Json;
import org.greenwave.sumo.net.NetReader;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's map of the bundled demo town, from its SUMO files (no SUMO process needed). */
class NetworkMapWriterTest {

    @Test
    void mapOfTheDemoTownHasItsRoadsSignalsCarParksAndSigns(@TempDir Path dir) throws Exception {
        Path cfg = Home.dir().resolve("scenarios/bergheim-demo/bergheim-demo.sumocfg");
        ScenarioConfig scenario = ScenarioConfig.read(cfg);
        NetworkModel net = NetReader.read(scenario);
        Path file = dir.resolve("map.json");
        NetworkMapWriter.write(scenario, net, file);
        JsonNode map = Json.mapper().readTree(Files.readAllBytes(file));

        assertThat(map.path("scenario").asText()).isEqualTo("bergheim-demo");
        assertThat(map.path("signals")).hasSize(6);
        JsonNode j0 = map.path("signals").get(0);
        assertThat(j0.path("id").asText()).isEqualTo("J0");
        // every vehicle link of a signal starts on a lane the map draws (the browser puts a signal head there)
        java.util.Set<String> lanes = new java.util.HashSet<>();
        map.path("lanes").forEach(l -> lanes.add(l.path("id").asText()));
        for (JsonNode signal : map.path("signals")) {
            assertThat(signal.path("links")).isNotEmpty();
            signal.path("links").forEach(link -> assertThat(lanes).contains(link.path("from").asText()));
        }
        assertThat(lanes).noneMatch(id -> id.startsWith(":")); // internal lanes are not roads
        assertThat(map.path("edgeNames").path("J0_J1").asText()).isEqualTo("Koelner Strasse");
        assertThat(map.path("streets").findValuesAsText("name")).contains("Koelner Strasse", "Bahnstrasse");
        assertThat(map.path("pois").findValuesAsText("id")).contains("P-Rathaus", "P-Bahnhof", "S-Nord", "S-West");
        assertThat(map.path("pois").findValuesAsText("type"))
                .containsOnly("greenwave.car-park", "greenwave.parking-sign");
        // the car parks lie within the drawn area
        JsonNode b = map.path("bounds");
        for (JsonNode poi : map.path("pois")) {
            assertThat(poi.path("x").asDouble()).isBetween(b.get(0).asDouble(), b.get(2).asDouble());
            assertThat(poi.path("y").asDouble()).isBetween(b.get(1).asDouble(), b.get(3).asDouble());
        }
    }
}
