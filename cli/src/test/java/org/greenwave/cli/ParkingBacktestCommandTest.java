package org.greenwave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.greenwave.parking.synthetic.CityHistoryGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command's contract: SPEC's options, column mapping and exactly SPEC's summary.json shape. */
class ParkingBacktestCommandTest {

    @Test
    void writesSummaryJsonInExactlySpecsShapeWithMappedColumns(@TempDir Path dir) throws Exception {
        var options = new CityHistoryGenerator.Options(21, LocalDate.of(2026, 2, 2), 8, ZoneId.of("Europe/Berlin"),
                1.0, CityHistoryGenerator.demoCarParks().subList(0, 2));
        var generator = new CityHistoryGenerator(options);
        StringWriter csv = new StringWriter();
        generator.write(generator.generate(), csv);
        // Another export's column names, mapped with the options.
        String renamed = csv.toString().replace("carParkId,timestamp,capacity,occupied", "Site,LastUpdated,Spaces,Cars");
        Path file = dir.resolve("export.csv");
        Files.writeString(file, renamed);
        Path out = dir.resolve("out");

        int code = new CommandLine(new ParkingBacktestCommand()).execute("--csv", file.toString(),
                "--train-until", "2026-02-08T00:00:00+01:00", "--id-col", "Site", "--time-col", "LastUpdated",
                "--capacity-col", "Spaces", "--occupied-col", "Cars", "--out", out.toString(), "--max-epochs", "1");

        assertThat(code).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.size()).isEqualTo(1);
        JsonNode results = summary.get("results");
        assertThat(names(results))
                .containsExactly("model", "persistence", "seasonal-naive", "historical-average");
        for (JsonNode method : results) {
            assertThat(names(method)).containsExactly("30", "60", "120");
            for (JsonNode cell : method) {
                assertThat(names(cell)).containsExactly("mae", "rmse", "n");
                assertThat(cell.get("n").isIntegralNumber()).isTrue();
                assertThat(cell.get("n").asLong()).isPositive();
                assertThat(cell.get("mae").asDouble()).isBetween(0.0, 1.0);
                assertThat(cell.get("rmse").asDouble()).isGreaterThanOrEqualTo(cell.get("mae").asDouble());
            }
        }
        assertThat(out.resolve("report.html")).exists();
        assertThat(out.resolve("details.json")).exists();
    }

    @Test
    void unknownColumnIsAClearErrorNotAStackTrace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, "a,b,c,d\n");
        int code = new CommandLine(new ParkingBacktestCommand()).execute("--csv", file.toString(),
                "--train-until", "2026-02-08T00:00:00Z", "--out", dir.resolve("out").toString());
        assertThat(code).isEqualTo(2);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
