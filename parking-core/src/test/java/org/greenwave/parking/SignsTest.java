package org.greenwave.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.greenwave.contracts.EventSchemas;
import org.greenwave.contracts.parking.SignUpdate;
import org.greenwave.contracts.traffic.SensorStatus;
import org.greenwave.parking.forecast.Prediction;
import org.greenwave.parking.signs.CarParkInfo;
import org.greenwave.parking.signs.OpeningHours;
import org.greenwave.parking.signs.SignConfig;
import org.greenwave.parking.signs.SignEngine;
import org.junit.jupiter.api.Test;

class SignsTest {

    private static final Instant T0 = Instant.parse("2026-03-07T10:00:00Z"); // a Saturday

    private static SignEngine engine() {
        List<CarParkInfo> parks = List.of(
                new CarParkInfo("P-A", "Rathaus", 400, 50.95, 6.64, OpeningHours.ALWAYS, Duration.ofMinutes(10)),
                new CarParkInfo("P-B", "Bahnhof", 300, 50.96, 6.63, OpeningHours.ALWAYS, Duration.ofMinutes(10)),
                new CarParkInfo("P-C", "Markt", 100, 50.95, 6.65, OpeningHours.parse("Mo-Sa 07:00-20:00"),
                        Duration.ofMinutes(10)));
        List<SignConfig> signs = List.of(new SignConfig("S-1", "Zufahrt Nord", List.of(
                new SignConfig.Line("P-A", "left", 12),
                new SignConfig.Line("P-B", "right", 6),
                new SignConfig.Line("P-C", "straight", 3))));
        return new SignEngine(parks, signs, SignEngine.Settings.defaults());
    }

    @Test
    void noisyOccupancyAroundTheAlmostFullThresholdDoesNotFlicker() {
        SignEngine engine = engine();
        Random random = new Random(7);
        List<String> statuses = new ArrayList<>();
        int crossings = 0;
        boolean above = false;
        double level = 0.90;
        // Three hours of readings every 30 s hovering around 90 % (the almost-full threshold): a slow wander of the
        // true occupancy plus counting noise of a few cars.
        for (int i = 0; i < 360; i++) {
            Instant t = T0.plusSeconds(30L * i);
            level = 0.90 + 0.9 * (level - 0.90) + random.nextGaussian() * 0.004;
            int occupied = (int) Math.round(400 * level + random.nextGaussian() * 3);
            if ((occupied >= 360) != above) {
                crossings++;
                above = occupied >= 360;
            }
            engine.accept("P-B", t, 300, 150, t);
            engine.accept("P-C", t, 100, 20, t);
            engine.accept("P-A", t, 400, occupied, t);
            String status = engine.published("S-1").orElseThrow().entries().get(0).status();
            if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)) {
                statuses.add(status);
            }
        }
        // The raw count crosses the threshold dozens of times; the sign changes status at most twice.
        assertThat(crossings).isGreaterThan(30);
        assertThat(statuses.size() - 1).isLessThanOrEqualTo(2);
    }

    @Test
    void publishedOnlyOnChange() {
        SignEngine engine = engine();
        engine.accept("P-B", T0, 300, 150, T0);
        engine.accept("P-C", T0, 100, 20, T0);
        assertThat(engine.accept("P-A", T0, 400, 100, T0).signs()).hasSize(1);
        Instant t = T0.plusSeconds(60);
        assertThat(engine.accept("P-A", t, 400, 100, t).signs()).isEmpty();
        assertThat(engine.accept("P-A", t.plusSeconds(60), 400, 101, t.plusSeconds(60)).signs())
                .as("one car less than the deadband").isEmpty();
        assertThat(engine.accept("P-A", t.plusSeconds(120), 400, 110, t.plusSeconds(120)).signs()).singleElement()
                .satisfies(u -> assertThat(u.entries().get(0).freeSpaces()).isEqualTo(290));
    }

    @Test
    void staleDataShowsTheFallbackAndRaisesAnAlertThenRecovers() {
        SignEngine engine = engine();
        engine.accept("P-A", T0, 400, 250, T0);
        engine.accept("P-B", T0, 300, 50, T0);
        engine.accept("P-C", T0, 100, 50, T0);
        SignUpdate live = engine.published("S-1").orElseThrow();
        assertThat(live.fallback()).isFalse();
        assertThat(live.entries().get(0).freeSpaces()).isEqualTo(150);

        var changes = engine.tick(T0.plus(Duration.ofMinutes(11)));
        assertThat(changes.sensors()).extracting(SensorStatus::status).containsOnly(SensorStatus.STALE);
        assertThat(changes.sensors()).hasSize(3);
        assertThat(changes.sensors()).allSatisfy(s ->
                assertThat(EventSchemas.validateEvent(EventSchemas.SENSOR_STATUS, s)).isEmpty());
        SignUpdate fallback = changes.signs().get(0);
        assertThat(fallback.fallback()).isTrue();
        assertThat(fallback.message()).contains("follow");
        assertThat(fallback.entries()).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo("NO_DATA");
            assertThat(e.freeSpaces()).isNull();
        });
        assertThat(EventSchemas.validateEvent(EventSchemas.SIGN_UPDATE, fallback)).isEmpty();
        assertThat(engine.staleCount()).isEqualTo(3);
        // Nothing new while it stays stale.
        assertThat(engine.tick(T0.plus(Duration.ofMinutes(12))).isEmpty()).isTrue();

        Instant back = T0.plus(Duration.ofMinutes(13));
        var recovered = engine.accept("P-A", back, 400, 260, back);
        assertThat(recovered.sensors()).singleElement().satisfies(s -> {
            assertThat(s.deviceId()).isEqualTo("P-A");
            assertThat(s.status()).isEqualTo(SensorStatus.OK);
        });
        assertThat(recovered.signs().get(0).fallback()).isFalse();
        assertThat(recovered.signs().get(0).entries().get(0).freeSpaces()).isEqualTo(140);
    }

    @Test
    void fullCarParkPointsToTheNextOpenOneOnTheSign() {
        SignEngine engine = engine();
        engine.accept("P-B", T0, 300, 100, T0);
        engine.accept("P-C", T0, 100, 99, T0);
        engine.accept("P-A", T0, 400, 399, T0);
        SignUpdate s = engine.published("S-1").orElseThrow();
        assertThat(s.entries().get(0).status()).isEqualTo("FULL");
        assertThat(s.entries().get(0).alternative()).isEqualTo("P-B");
        assertThat(s.entries().get(2).status()).isEqualTo("FULL");
        assertThat(s.entries().get(2).alternative()).isEqualTo("P-B");
        assertThat(s.entries().get(1).alternative()).isNull();
        assertThat(s.message()).isEqualTo("Rathaus full: use Bahnhof");
    }

    @Test
    void forecastFullOnArrivalGivesGuidanceBeforeItIsFull() {
        SignEngine engine = engine();
        // P-A is 85 % now, forecast full in 30 minutes; the driver needs 12 minutes: not yet full on arrival.
        engine.forecasts(id -> id.equals("P-A")
                ? List.of(new Prediction(30, 1.0, 0.95, 1.0), new Prediction(60, 1.0, 0.95, 1.0)) : List.of());
        engine.accept("P-B", T0, 300, 100, T0);
        engine.accept("P-C", T0, 100, 10, T0);
        engine.accept("P-A", T0, 400, 340, T0);
        assertThat(engine.published("S-1").orElseThrow().entries().get(0).alternative()).isNull();
        // 97 % now: 12 minutes ahead the interpolated forecast is above the full threshold (98 %).
        Instant t = T0.plus(Duration.ofMinutes(5));
        engine.accept("P-A", t, 400, 388, t);
        SignUpdate s = engine.published("S-1").orElseThrow();
        assertThat(s.entries().get(0).status()).isEqualTo("ALMOST_FULL");
        assertThat(s.entries().get(0).alternative()).isEqualTo("P-B");
        assertThat(s.message()).isEqualTo("Rathaus full on arrival: use Bahnhof");
    }

    @Test
    void closedOutsideOpeningHours() {
        SignEngine engine = engine();
        Instant evening = ZonedDateTime.of(2026, 3, 7, 21, 0, 0, 0, ZoneId.of("Europe/Berlin")).toInstant();
        engine.accept("P-C", evening, 100, 3, evening);
        var entry = engine.published("S-1").orElseThrow().entries().get(2);
        assertThat(entry.status()).isEqualTo("CLOSED");
        assertThat(entry.freeSpaces()).isNull();
    }

    @Test
    void openingHoursParse() {
        OpeningHours h = OpeningHours.parse("Mo-Fr 06:00-22:00; Sa 08:00-02:00; Su off");
        ZoneId z = ZoneId.of("Europe/Berlin");
        assertThat(h.isOpen(ZonedDateTime.of(2026, 3, 2, 7, 0, 0, 0, z))).isTrue();
        assertThat(h.isOpen(ZonedDateTime.of(2026, 3, 2, 23, 0, 0, 0, z))).isFalse();
        assertThat(h.isOpen(ZonedDateTime.of(2026, 3, 8, 1, 0, 0, 0, z))).isTrue(); // Saturday night
        assertThat(h.isOpen(ZonedDateTime.of(2026, 3, 8, 12, 0, 0, 0, z))).isFalse();
    }
}
