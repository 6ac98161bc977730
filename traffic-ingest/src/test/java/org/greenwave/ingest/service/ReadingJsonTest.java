package org.greenwave.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.greenwave.contracts.Json;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.contracts.traffic.DetectorReading;
import org.junit.jupiter.api.Test;

/** The fast writer must write exactly what the contract's Jackson mapping writes. */
class ReadingJsonTest {

    @Test
    void writesByteForByteWhatJacksonWrites() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant ts = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(200_000_000),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    });
            Instant received = Instant.ofEpochMilli(1_790_000_000_000L + random.nextInt());
            String source = i % 2 == 0 ? "http" : "kafka";
            double occupancy = switch (i % 5) {
                case 0 -> 0.0;
                case 1 -> 1.0;
                case 2 -> random.nextDouble();
                case 3 -> Math.round(random.nextDouble() * 100) / 100.0;
                default -> 1e-7 * random.nextInt(10);
            };
            Integer halting = i % 3 == 0 ? null : random.nextInt(10_001);
            DetectorReading d = new DetectorReading("A" + i, "A" + i + "_w:#.-" + (i % 7), ts, random.nextInt(10_001),
                    occupancy, halting, received, source);
            assertThat(new String(ReadingJson.detector(d, ReadingJson.tail(received, source)), StandardCharsets.UTF_8))
                    .isEqualTo(new String(Json.toBytes(d), StandardCharsets.UTF_8));
            OccupancyReading p = new OccupancyReading("P-" + i, ts, 1 + random.nextInt(100_000),
                    random.nextInt(200_001), received, source);
            assertThat(new String(ReadingJson.parking(p, ReadingJson.tail(received, source)), StandardCharsets.UTF_8))
                    .isEqualTo(new String(Json.toBytes(p), StandardCharsets.UTF_8));
        }
    }
}
