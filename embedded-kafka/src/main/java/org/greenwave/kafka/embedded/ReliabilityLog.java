package org.greenwave.kafka.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.greenwave.contracts.Json;

/**
 * What a fault, hostile-input or security test tried and what it found, written as one JSON file per row under
 * {@code <module>/target/reliability/}. {@code docs/reliability.md} is assembled from these files by the
 * reliability module ({@code ReliabilityReportTest}), so the table is the output of real runs, never typed by hand.
 */
public final class ReliabilityLog {

    /**
     * One row of the table.
     *
     * @param id       stable file name, e.g. {@code broker-restart}
     * @param area     {@code fault}, {@code input} or {@code security}
     * @param what     the fault or input class tried
     * @param load     how much was sent, in words with numbers
     * @param lost     what was lost or duplicated downstream (the goal: {@code 0})
     * @param outcome  what happened, briefly (answers, fallbacks, memory)
     * @param command  the command that reproduces it
     */
    public record Row(String id, String area, String what, String load, String lost, String outcome, String command) {
    }

    private ReliabilityLog() {
    }

    /** Writes a row (and any extra numbers) to {@code target/reliability/<id>.json} of the current module. */
    public static Path write(Row row, Map<String, Object> numbers) {
        Path dir = Path.of(System.getProperty("greenwave.reliability.dir", "target/reliability"));
        try {
            Files.createDirectories(dir);
            ObjectNode node = Json.mapper().valueToTree(row);
            node.put("recordedAt", Instant.now().toString());
            node.set("numbers", Json.mapper().valueToTree(new LinkedHashMap<>(numbers)));
            Path file = dir.resolve(row.id() + ".json");
            Files.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Row row) {
        return write(row, Map.of());
    }
}
