package org.greenwave.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.ingest.service.ReadingValidator.Outcome;
import org.greenwave.ingest.service.ReadingValidator.Problem;
import org.junit.jupiter.api.Test;

class ReadingValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-28T07:00:30Z");
    private final ReadingValidator validator = new ReadingValidator(Duration.ofMinutes(5), Duration.ofHours(24), 2.0);

    private Outcome<DetectorReading> detector(String json) {
        return validator.detector(json.getBytes(StandardCharsets.UTF_8), NOW, "kafka");
    }

    private Outcome<OccupancyReading> parking(String json) {
        return validator.parking(json.getBytes(StandardCharsets.UTF_8), NOW, "kafka");
    }

    private static List<Reason> reasons(Outcome<?> outcome) {
        return outcome.problems().stream().map(Problem::reason).toList();
    }

    @Test
    void specShapesAreAcceptedWithBothTimestampForms() {
        var iso = detector("""
                {"intersectionId":"A0","detectorId":"A0_w_0","timestamp":"2026-11-28T07:00:01Z",
                 "vehicleCount":2,"occupancy":0.35,"haltingVehicles":1}""");
        assertThat(iso.problems()).isEmpty();
        assertThat(iso.value()).isEqualTo(new DetectorReading("A0", "A0_w_0", Instant.parse("2026-11-28T07:00:01Z"),
                2, 0.35, 1, NOW, "kafka"));
        assertThat(iso.key()).isEqualTo("A0");

        var epoch = detector("""
                {"intersectionId":"A0","detectorId":"A0_w_0","timestamp":1795849201000,"vehicleCount":0,"occupancy":0}""");
        assertThat(epoch.problems()).isEmpty();
        assertThat(epoch.value().timestamp()).isEqualTo(Instant.ofEpochMilli(1795849201000L));
        assertThat(epoch.value().haltingVehicles()).isNull();

        var park = parking("""
                {"carParkId":"P-Rathaus","timestamp":"2026-11-28T08:00:00+01:00","capacity":577,"occupied":61}""");
        assertThat(park.problems()).isEmpty();
        assertThat(park.value().timestamp()).isEqualTo(Instant.parse("2026-11-28T07:00:00Z"));
    }

    @Test
    void timestampOffsetsAndFractionsAreNormalisedToUtc() {
        assertThat(Timestamps.parseIsoWithOffset("2026-11-28T08:00:01.5+01:00"))
                .isEqualTo(Instant.parse("2026-11-28T07:00:01.500Z"));
        assertThat(Timestamps.parseIsoWithOffset("2026-11-28T05:30:00-01:30"))
                .isEqualTo(Instant.parse("2026-11-28T07:00:00Z"));
        assertThat(Timestamps.parseIsoWithOffset("2026-11-28T07:00:00.123456789Z"))
                .isEqualTo(Instant.parse("2026-11-28T07:00:00.123456789Z"));
        // the slow path takes what the fast one does not (lower-case, seconds in the offset) ...
        assertThat(Timestamps.parseIsoWithOffset("2026-11-28t07:00:00z")).isEqualTo(Instant.parse("2026-11-28T07:00:00Z"));
        // ... and both refuse what is not ISO-8601 with an offset
        assertThat(Timestamps.parseIsoWithOffset("2026-11-28T07:00:00")).isNull();
        assertThat(Timestamps.parseIsoWithOffset("2026-02-30T07:00:00Z")).isNull();
        assertThat(Timestamps.parseIsoWithOffset("2026-11-28 07:00:00Z")).isNull();
        assertThat(Timestamps.parseIsoWithOffset("yesterday")).isNull();
    }

    @Test
    void everyProblemOfAnItemIsReportedAtOnceWithItsReason() {
        var bad = detector("""
                {"intersectionId":"A 0","detectorId":"","timestamp":"yesterday",
                 "vehicleCount":-1,"occupancy":1.5,"extra":true,"haltingVehicles":"3"}""");
        assertThat(bad.valid()).isFalse();
        assertThat(reasons(bad)).containsExactlyInAnyOrder(Reason.BAD_ID, Reason.BAD_ID, Reason.BAD_TIMESTAMP,
                Reason.OUT_OF_RANGE, Reason.OUT_OF_RANGE, Reason.UNKNOWN_FIELD, Reason.WRONG_TYPE);
        assertThat(bad.reason()).contains("vehicleCount: must be between 0 and 10000")
                .contains("extra: unknown field").contains("haltingVehicles: must be an integer");
        assertThat(bad.key()).isNull();
    }

    @Test
    void requiredFieldsTypesAndDuplicateFields() {
        var missing = detector("""
                {"intersectionId":"A0","timestamp":"2026-11-28T07:00:01Z","occupancy":null}""");
        assertThat(missing.problems()).extracting(Problem::toString)
                .containsExactlyInAnyOrder("detectorId: required", "vehicleCount: required", "occupancy: required");
        assertThat(missing.key()).isEqualTo("A0");

        var types = detector("""
                {"intersectionId":7,"detectorId":["d"],"timestamp":true,"vehicleCount":2.0,"occupancy":"0.3"}""");
        assertThat(reasons(types)).containsExactlyInAnyOrder(Reason.WRONG_TYPE, Reason.WRONG_TYPE,
                Reason.BAD_TIMESTAMP, Reason.WRONG_TYPE, Reason.WRONG_TYPE);

        var twice = detector("""
                {"intersectionId":"A0","detectorId":"d","timestamp":"2026-11-28T07:00:01Z","vehicleCount":1,
                 "vehicleCount":2,"occupancy":0.1}""");
        assertThat(reasons(twice)).containsExactly(Reason.DUPLICATE_FIELD);

        var huge = detector("""
                {"intersectionId":"A0","detectorId":"d","timestamp":"2026-11-28T07:00:01Z","vehicleCount":99999999999,
                 "occupancy":0.1}""");
        assertThat(reasons(huge)).containsExactly(Reason.OUT_OF_RANGE);
    }

    @Test
    void idsFollowTheSpecAlphabetAndLength() {
        assertThat(ReadingValidator.validId("A0_w_0")).isTrue();
        assertThat(ReadingValidator.validId("cluster_25:1#a.b-c")).isTrue();
        assertThat(ReadingValidator.validId("x".repeat(128))).isTrue();
        assertThat(ReadingValidator.validId("x".repeat(129))).isFalse();
        assertThat(ReadingValidator.validId("")).isFalse();
        assertThat(ReadingValidator.validId("A 0")).isFalse();
        assertThat(ReadingValidator.validId("Ä0")).isFalse();
        assertThat(ReadingValidator.validId("a/b")).isFalse();
    }

    @Test
    void tooFarInTheFutureAndTooLateAreRejectedWithTheirReason() {
        var future = detector("""
                {"intersectionId":"A0","detectorId":"d","timestamp":"2026-11-28T07:06:00Z","vehicleCount":1,"occupancy":0.1}""");
        assertThat(reasons(future)).containsExactly(Reason.IN_FUTURE);
        assertThat(future.reason()).contains("in the future");

        var skewOk = detector("""
                {"intersectionId":"A0","detectorId":"d","timestamp":"2026-11-28T07:04:00Z","vehicleCount":1,"occupancy":0.1}""");
        assertThat(skewOk.valid()).isTrue();

        var late = detector("""
                {"intersectionId":"A0","detectorId":"d","timestamp":"2026-11-27T06:59:00Z","vehicleCount":1,"occupancy":0.1}""");
        assertThat(reasons(late)).containsExactly(Reason.TOO_LATE);

        var seconds = detector("""
                {"intersectionId":"A0","detectorId":"d","timestamp":1795849201,"vehicleCount":1,"occupancy":0.1}""");
        assertThat(reasons(seconds)).containsExactly(Reason.TOO_LATE);
        assertThat(seconds.reason()).contains("epoch seconds");
    }

    @Test
    void overCapacityIsAcceptedUpToTheFactorThenImplausible() {
        assertThat(parking("""
                {"carParkId":"P1","timestamp":"2026-11-28T07:00:00Z","capacity":100,"occupied":130}""").valid()).isTrue();
        assertThat(parking("""
                {"carParkId":"P1","timestamp":"2026-11-28T07:00:00Z","capacity":100,"occupied":200}""").valid()).isTrue();
        var broken = parking("""
                {"carParkId":"P1","timestamp":"2026-11-28T07:00:00Z","capacity":100,"occupied":201}""");
        assertThat(reasons(broken)).containsExactly(Reason.IMPLAUSIBLE);
        assertThat(reasons(parking("""
                {"carParkId":"P1","timestamp":"2026-11-28T07:00:00Z","capacity":0,"occupied":0}"""))).containsExactly(Reason.OUT_OF_RANGE);
    }

    @Test
    void aRecordThatIsNotOneJsonObjectIsRejected() {
        assertThat(reasons(detector("{not json"))).containsExactly(Reason.NOT_JSON);
        assertThat(detector("{not json").reason()).isEqualTo("not valid JSON");
        assertThat(reasons(detector(""))).containsExactly(Reason.NOT_JSON);
        assertThat(reasons(detector("[1,2]"))).containsExactly(Reason.NOT_AN_OBJECT);
        assertThat(reasons(detector("""
                {"intersectionId":"A0","detectorId":"d","timestamp":"2026-11-28T07:00:01Z","vehicleCount":1,"occupancy":0.1} {}""")))
                .containsExactly(Reason.NOT_JSON);
    }
}
