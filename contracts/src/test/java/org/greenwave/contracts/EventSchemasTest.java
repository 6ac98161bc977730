package org.greenwave.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.contracts.parking.SignUpdate;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.traffic.DetectorReading;
import org.greenwave.contracts.traffic.SensorStatus;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

    private static final Instant T = Instant.parse("2026-11-28T07:00:01Z");

    @Test
    void everyEventRecordConformsToItsSchema() {
        assertThat(EventSchemas.validateEvent(EventSchemas.DETECTOR_READING,
                new DetectorReading("A0", "A0_w_0", T, 2, 0.35, 1, T, "http"))).isEmpty();
        assertThat(EventSchemas.validateEvent(EventSchemas.PARKING_OCCUPANCY,
                new OccupancyReading("P-Rathaus", T, 577, 61, T, "http"))).isEmpty();
        assertThat(EventSchemas.validateEvent(EventSchemas.SENSOR_STATUS,
                new SensorStatus("A0_w_0", "detector", "A0", SensorStatus.STALE, T, "no data for 120 s", T))).isEmpty();
        assertThat(EventSchemas.validateEvent(EventSchemas.TIMING_PLAN, new TimingPlan("A0@1", "A0", T, T, 70, 0,
                List.of(new TimingPlan.PhaseTiming(0, "GGrr", 30, 10, 45, 3, 2),
                        new TimingPlan.PhaseTiming(2, "rrGG", 30, 10, 45, 3, 2)),
                "rules-1", "Equal demand on both approaches.", "AUTO", null))).isEmpty();
        assertThat(EventSchemas.validateEvent(EventSchemas.SIGN_UPDATE, new SignUpdate("S1", T,
                List.of(new SignUpdate.Entry("P-Rathaus", "left", 120, "OPEN", "FILLING", null)), false, null)))
                .isEmpty();
        assertThat(EventSchemas.validateEvent(EventSchemas.INTERSECTION, new Intersection("A0", "A0", 1, 2,
                List.of(new Intersection.Link(0, "w_0", "e_0", false, List.of(1), 2, Intersection.Link.STRAIGHT),
                        new Intersection.Link(1, "n_0", "s_0", false, List.of(0), 2)),
                List.of(new Intersection.Phase(0, "Gr", 30), new Intersection.Phase(2, "rG", 30)),
                List.of(new Intersection.Detector("A0_w_0", "w_0", "area", 50)),
                List.of(new Intersection.ProgramStep("Gr", 30), new Intersection.ProgramStep("yr", 3)),
                Intersection.SafetyLimits.defaults()))).isEmpty();
        assertThat(EventSchemas.validateEvent(EventSchemas.CONTROLLER_STATE,
                new ControllerState("A0", T, "GGrr", 0, false, 12, "A0@1", ControllerState.PLAN))).isEmpty();
        assertThat(EventSchemas.validateEvent(EventSchemas.AUDIT_ENTRY, new org.greenwave.contracts.signal.AuditEntry(
                "A0@1:approved", "A0", T, "engineer", "PLAN_APPROVED", "A0@1", "morning peak"))).isEmpty();
        assertThat(EventSchemas.validateEvent(EventSchemas.TWIN_METRICS, new org.greenwave.contracts.twin.TwinMetrics(
                "run-1", "bergheim-demo", "greenwave", 1, T, 27000, 25200, 30600, 900, 850, 50, 12, 41.5, 5.0, null, T)))
                .isEmpty();
        assertThat(EventSchemas.validateEvent(EventSchemas.TWIN_METRICS, new org.greenwave.contracts.twin.TwinMetrics(
                "run-1", "bergheim-demo", "Fixed Time", 1, T, 27000, 25200, 30600, -1, 850, 50, 12, null, 0, null, null)))
                .hasSize(3);
    }

    @Test
    void aLinkNamesItsManeuverAsAMapMessageDoesOrNotAtAll() throws Exception {
        Intersection record = new Intersection("A0", "A0", 1, 2,
                List.of(new Intersection.Link(0, "w_0", "n_0", false, List.of(), 0, Intersection.Link.U_TURN),
                        new Intersection.Link(1, "w_0", "e_0", false, List.of(), 0)),
                List.of(new Intersection.Phase(0, "GG", 30)), List.of(), List.of(new Intersection.ProgramStep("GG", 30)),
                Intersection.SafetyLimits.defaults());
        assertThat(EventSchemas.validateEvent(EventSchemas.INTERSECTION, record)).isEmpty();
        JsonNode tree = Json.mapper().valueToTree(record);
        assertThat(tree.at("/links/1").has("maneuver")).isFalse();
        assertThat(Json.mapper().treeToValue(tree, Intersection.class)).isEqualTo(record);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/links/0")).put("maneuver", "sideways");
        assertThat(EventSchemas.validate(EventSchemas.INTERSECTION, tree)).isNotEmpty();
    }

    @Test
    void fieldInputAcceptsSpecShapesAndBothTimestampForms() throws Exception {
        JsonNode iso = Json.mapper().readTree("""
                {"intersectionId":"A0","detectorId":"A0_w_0","timestamp":"2026-11-28T07:00:01Z",
                 "vehicleCount":2,"occupancy":0.35,"haltingVehicles":1}""");
        JsonNode epoch = Json.mapper().readTree("""
                {"intersectionId":"A0","detectorId":"A0_w_0","timestamp":1795849201000,
                 "vehicleCount":2,"occupancy":0.35}""");
        JsonNode park = Json.mapper().readTree("""
                {"carParkId":"P-Rathaus","timestamp":"2026-11-28T07:00:00+01:00","capacity":577,"occupied":61}""");
        assertThat(EventSchemas.validate(EventSchemas.FIELD_DETECTOR_READING, iso)).isEmpty();
        assertThat(EventSchemas.validate(EventSchemas.FIELD_DETECTOR_READING, epoch)).isEmpty();
        assertThat(EventSchemas.validate(EventSchemas.FIELD_PARKING_OCCUPANCY, park)).isEmpty();
    }

    @Test
    void fieldInputRejectsWrongTypesRangesIdsAndExtraFields() throws Exception {
        JsonNode bad = Json.mapper().readTree("""
                {"intersectionId":"A 0","detectorId":"","timestamp":"yesterday",
                 "vehicleCount":-1,"occupancy":1.5,"extra":true}""");
        List<String> errors = EventSchemas.validate(EventSchemas.FIELD_DETECTOR_READING, bad);
        assertThat(String.join("\n", errors))
                .contains("intersectionId").contains("detectorId").contains("timestamp")
                .contains("vehicleCount").contains("occupancy").contains("extra");
    }

    @Test
    void everySchemaHasItsVersionedIdAndTopicsAreUnique() throws Exception {
        for (String name : EventSchemas.ALL) {
            JsonNode schema = Json.mapper().readTree(EventSchemas.text(name));
            assertThat(schema.path("$id").asText()).isEqualTo("urn:greenwave:" + name + ":1");
        }
        assertThat(new HashSet<>(Topics.ALL)).hasSameSizeAs(Topics.ALL);
        assertThat(Topics.ALL).containsAll(Topics.COMPACTED);
    }
}
