package org.greenwave.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.ingest.service.DedupWindow.Verdict;
import org.greenwave.ingest.service.DeviceRegistry.UnknownDevices;
import org.greenwave.ingest.service.DeviceState.Origin;
import org.junit.jupiter.api.Test;

class DeviceRegistryTest {

    @Test
    void rejectPolicyKnowsOnlyConfiguredAndTwinDevices() {
        DeviceRegistry registry = new DeviceRegistry(UnknownDevices.REJECT, 100, 16, System::currentTimeMillis);
        registry.register("A0", List.of("A0_w_0"), Origin.CONFIG);
        registry.register(new Intersection("B1", "B1", 0, 0, List.of(), List.of(),
                List.of(new Intersection.Detector("B1_n_0", "n_0", "area", 50)), List.of(),
                Intersection.SafetyLimits.defaults()), Origin.TWIN);
        registry.registerCarPark("P1", Origin.CONFIG);

        assertThat(registry.detector("A0", "A0_w_0").device()).isNotNull();
        assertThat(registry.detector("B1", "B1_n_0").device().origin()).isEqualTo(Origin.TWIN);
        assertThat(registry.carPark("P1").device()).isNotNull();
        assertThat(registry.detector("A0", "A0_x").problem().reason()).isEqualTo(Reason.UNKNOWN_DEVICE);
        assertThat(registry.detector("A0", "A0_x").problem().message()).contains("not registered at intersection A0");
        assertThat(registry.detector("Z9", "Z9_x").problem().message()).contains("intersection Z9");
        assertThat(registry.carPark("P2").problem().reason()).isEqualTo(Reason.UNKNOWN_DEVICE);
        assertThat(registry.detector("B1", "A0_w_0").problem().reason()).isEqualTo(Reason.WRONG_INTERSECTION);

        registry.unregister("B1");
        assertThat(registry.detector("B1", "B1_n_0").problem().reason()).isEqualTo(Reason.UNKNOWN_DEVICE);
        registry.unregister("A0"); // configuration is not the twin's to delete
        assertThat(registry.detector("A0", "A0_w_0").device()).isNotNull();
    }

    @Test
    void registerPolicyLearnsNewDevicesUpToTheLimit() {
        DeviceRegistry registry = new DeviceRegistry(UnknownDevices.REGISTER, 3, 16, System::currentTimeMillis);
        List<String> added = new java.util.ArrayList<>();
        registry.onNewDevice(d -> added.add(d.id()));
        assertThat(registry.detector("N1", "N1_a").device().origin()).isEqualTo(Origin.DISCOVERED);
        assertThat(registry.knowsIntersection("N1")).isTrue();
        assertThat(registry.detector("N1", "N1_b").device()).isNotNull();
        assertThat(registry.carPark("P9").device()).isNotNull();
        assertThat(registry.detector("N1", "N1_c").problem().reason()).isEqualTo(Reason.REGISTRY_FULL);
        assertThat(registry.detector("N1", "N1_a").device()).as("known ones still resolve").isNotNull();
        assertThat(registry.detector("N2", "N1_a").problem().reason()).isEqualTo(Reason.WRONG_INTERSECTION);
        assertThat(added).containsExactly("N1_a", "N1_b", "P9");
    }

    @Test
    void theIndexByIdBytesFollowsTheRegistryThroughMovesAndDeletions() {
        DeviceRegistry registry = new DeviceRegistry(UnknownDevices.REGISTER, 5000, 16, System::currentTimeMillis);
        for (int i = 0; i < 3000; i++) { // past the index's first table: it grows
            registry.register("I" + i / 8, List.of("I" + i / 8 + "_d" + i % 8), Origin.CONFIG);
        }
        for (int i = 0; i < 3000; i++) {
            String id = "I" + i / 8 + "_d" + i % 8;
            assertThat(found(registry, id)).as(id).isSameAs(registry.knownDetector(id));
        }
        assertThat(found(registry, "I0_d")).as("a prefix is another id").isNull();
        assertThat(found(registry, "I0_d00")).isNull();
        assertThat(found(registry, "X")).isNull();

        DeviceState before = registry.knownDetector("I0_d0");
        registry.register("J0", List.of("I0_d0"), Origin.CONFIG); // the detector moved to another intersection
        DeviceState moved = found(registry, "I0_d0");
        assertThat(moved).isNotSameAs(before).isSameAs(registry.knownDetector("I0_d0"));
        assertThat(moved.parentIs(bytes("J0"), 0, 2)).isTrue();
        assertThat(moved.parentIs(bytes("I0"), 0, 2)).isFalse();

        registry.register(new Intersection("T1", "T1", 0, 0, List.of(), List.of(),
                List.of(new Intersection.Detector("T1_n_0", "n_0", "area", 50)), List.of(),
                Intersection.SafetyLimits.defaults()), Origin.TWIN);
        assertThat(found(registry, "T1_n_0")).isNotNull();
        registry.unregister("T1");
        assertThat(found(registry, "T1_n_0")).as("deleted by the twin").isNull();
        assertThat(found(registry, "I1_d3")).as("the others stay").isSameAs(registry.knownDetector("I1_d3"));
    }

    private static DeviceState found(DeviceRegistry registry, String id) {
        byte[] b = bytes("[\"" + id + "\"]"); // the id inside a body, as the reader meets it
        return registry.detectorIndex().find(b, 2, 2 + id.length(), DetectorIndex.hash(b, 2, 2 + id.length()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aDuplicateArrivingWhileTheOriginalIsInFlightWaitsForIt() {
        DeviceRegistry registry = new DeviceRegistry(UnknownDevices.REGISTER, 10, 16, System::currentTimeMillis);
        DeviceState d = registry.detector("A0", "A0_w_0").device();
        WritesInFlight writes = new WritesInFlight();
        CompletableFuture<Void> first = new CompletableFuture<>();
        assertThat(d.admit(1000, 1, false, 0, writes, writes.open(first)).verdict()).isEqualTo(Verdict.NEW);
        var dup = d.admit(1000, 1, false, 0, writes, writes.open(new CompletableFuture<>()));
        assertThat(dup.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(dup.original()).isSameAs(first);

        d.settled(1000, false); // the write failed: forgotten, a retry stores it
        assertThat(d.admit(1000, 1, false, 0, writes, writes.open(new CompletableFuture<>())).verdict())
                .isEqualTo(Verdict.NEW);
        d.settled(1000, true);
        var stored = d.admit(1000, 1, false, 0, writes, writes.open(new CompletableFuture<>()));
        assertThat(stored.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(stored.original()).as("already stored: nothing to wait for").isNull();
    }

    @Test
    void aReadingWhoseBatchCompletedNormallyIsStoredWithoutBeingSettledOneByOne() {
        DeviceRegistry registry = new DeviceRegistry(UnknownDevices.REGISTER, 10, 16, System::currentTimeMillis);
        DeviceState d = registry.detector("A0", "A0_w_0").device();
        WritesInFlight writes = new WritesInFlight();
        CompletableFuture<Void> batch = new CompletableFuture<>();
        int write = writes.open(batch);
        assertThat(d.admit(1000, 1, false, 0, writes, write).verdict()).isEqualTo(Verdict.NEW);
        assertThat(d.admit(2000, 1, false, 0, writes, write).verdict()).isEqualTo(Verdict.NEW);
        assertThat(d.admit(1000, 1, false, 0, writes, writes.open(new CompletableFuture<>())).original())
                .isSameAs(batch);

        batch.complete(null); // completed, not yet closed: stored
        var stored = d.admit(1000, 1, false, 0, writes, writes.open(new CompletableFuture<>()));
        assertThat(stored.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(stored.original()).as("stored: nothing to wait for").isNull();
        writes.close(write); // closed: stored
        assertThat(d.admit(2000, 1, false, 0, writes, writes.open(new CompletableFuture<>())).original()).isNull();
        assertThat(d.admit(1000, 2, false, 0, writes, WritesInFlight.NONE).verdict()).isEqualTo(Verdict.CONFLICT);
    }

    @Test
    void aWriteThatFailedKeepsItsDuplicatesWaitingUntilItsReadingsAreSettled() {
        DeviceRegistry registry = new DeviceRegistry(UnknownDevices.REGISTER, 10, 16, System::currentTimeMillis);
        DeviceState d = registry.detector("A0", "A0_w_0").device();
        WritesInFlight writes = new WritesInFlight();
        CompletableFuture<Void> batch = new CompletableFuture<>();
        int write = writes.open(batch);
        d.admit(1000, 1, false, 0, writes, write);
        d.admit(2000, 1, false, 0, writes, write);
        batch.completeExceptionally(new IllegalStateException("not acknowledged"));
        assertThat(d.admit(2000, 1, false, 0, writes, writes.open(new CompletableFuture<>())).original())
                .as("failed, not yet settled: the duplicate waits and fails with it").isSameAs(batch);
        d.settled(1000, true); // this one reached Kafka after all
        d.settled(2000, false);
        writes.close(write);
        assertThat(d.admit(1000, 1, false, 0, writes, WritesInFlight.NONE).original()).isNull();
        assertThat(d.admit(2000, 1, false, 0, writes, WritesInFlight.NONE).verdict()).isEqualTo(Verdict.NEW);
    }
}
