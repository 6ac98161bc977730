package org.greenwave.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.greenwave.contracts.traffic.SensorStatus;
import org.greenwave.ingest.service.DeviceRegistry.UnknownDevices;
import org.greenwave.ingest.service.DeviceState.Origin;
import org.junit.jupiter.api.Test;

/** Stale and stuck detection, on the wall clock and in event time, with a hand-driven clock. */
class SensorHealthTest {

    private static final long T0 = Instant.parse("2026-11-28T07:00:00Z").toEpochMilli();
    private static final HealthRules DETECTORS = new HealthRules(Duration.ofSeconds(180), Duration.ofMinutes(30), 5);
    private static final HealthRules CAR_PARKS = new HealthRules(Duration.ofMinutes(15), Duration.ofHours(12), 5);

    private final AtomicLong wall = new AtomicLong(T0);
    private final DeviceRegistry registry = new DeviceRegistry(UnknownDevices.REGISTER, 100, 64, wall::get);

    private void reading(String intersection, String detector, long eventMillis, int count, double occupancy) {
        DeviceState d = registry.detector(intersection, detector).device();
        int values = 31 * count + Double.hashCode(occupancy);
        d.admit(eventMillis, values, count == 0 && occupancy == 0, wall.get(), new WritesInFlight(),
                WritesInFlight.NONE);
        d.settled(eventMillis, true);
    }

    private List<SensorStatus> sweep() {
        return registry.sweep(DETECTORS, CAR_PARKS);
    }

    @Test
    void liveDetectorGoesStaleAfterSilenceOnTheWallClockAndRecovers() {
        for (int i = 0; i < 10; i++) {
            reading("A0", "A0_w_0", wall.get(), i, 0.1 * (i % 3));
            assertThat(sweep()).as("a healthy device is not announced").isEmpty();
            wall.addAndGet(10_000);
        }
        wall.addAndGet(160_000); // 170 s since the last reading
        assertThat(sweep()).isEmpty();
        wall.addAndGet(10_000);
        List<SensorStatus> stale = sweep();
        assertThat(stale).singleElement().satisfies(s -> {
            assertThat(s.deviceId()).isEqualTo("A0_w_0");
            assertThat(s.parentId()).isEqualTo("A0");
            assertThat(s.status()).isEqualTo(SensorStatus.STALE);
            assertThat(s.since()).isEqualTo(Instant.ofEpochMilli(T0 + 90_000));
        });
        assertThat(sweep()).as("announced once, not at every sweep").isEmpty();

        reading("A0", "A0_w_0", wall.get(), 3, 0.2);
        assertThat(sweep()).singleElement().extracting(SensorStatus::status).isEqualTo(SensorStatus.OK);
    }

    @Test
    void replayedDataIsJudgedOnItsOwnEventTimeAndDoesNotFlood() {
        long past = T0 - Duration.ofHours(5).toMillis();
        // an hour of simulated time, 1 reading per detector per 5 s, arriving in 36 s of wall time
        for (int step = 0; step < 720; step++) {
            long event = past + step * 5_000L;
            reading("B1", "B1_n_0", event, step % 4, 0.05 * (step % 5));
            if (step < 100) {
                reading("B1", "B1_s_0", event, step % 3, 0.1);
            }
            if (step % 20 == 0) {
                wall.addAndGet(1_000);
                List<SensorStatus> changes = sweep();
                if (step * 5_000L < 100 * 5_000L + 180_000) {
                    assertThat(changes).as("step %d: nobody is stale yet, though every reading is hours old", step)
                            .isEmpty();
                }
            }
        }
        // B1_s_0 stopped after 500 s of event time while B1_n_0 went on for an hour: stale in event time;
        // B1_n_0 was never announced, though all its readings were 4-5 hours old on the wall clock.
        List<SensorStatus> all = registry.sweep(DETECTORS, CAR_PARKS);
        assertThat(registry.knownDetector("B1_s_0").status()).isEqualTo(SensorStatus.STALE);
        assertThat(registry.knownDetector("B1_n_0").status()).isEqualTo(SensorStatus.OK);
        assertThat(all).isEmpty(); // already announced during the replay, exactly once
    }

    @Test
    void constantNonZeroValuesAreStuckZerosAreNot() {
        long t = T0;
        for (int i = 0; i < 40; i++) {
            reading("C2", "C2_loop", t, 4, 1.0);     // a loop stuck "occupied"
            reading("C2", "C2_quiet", t, 0, 0.0);    // an empty road at night
            t += 60_000;
            wall.set(t);
        }
        List<SensorStatus> changes = sweep();
        assertThat(changes).singleElement().satisfies(s -> {
            assertThat(s.deviceId()).isEqualTo("C2_loop");
            assertThat(s.status()).isEqualTo(SensorStatus.STUCK);
            assertThat(s.since()).isEqualTo(Instant.ofEpochMilli(T0));
        });
        reading("C2", "C2_loop", t, 5, 0.8);
        assertThat(sweep()).singleElement().extracting(SensorStatus::status).isEqualTo(SensorStatus.OK);
    }

    @Test
    void aRegisteredDetectorThatNeverReportsIsStaleAndAnEarlierAnnouncementIsCleared() {
        registry.register("D3", List.of("D3_a", "D3_b"), Origin.CONFIG);
        registry.announcedBefore("D3_b", "detector", SensorStatus.STALE);
        wall.addAndGet(60_000);
        reading("D3", "D3_b", wall.get(), 1, 0.1);
        assertThat(sweep()).singleElement().satisfies(s -> {
            assertThat(s.deviceId()).isEqualTo("D3_b");
            assertThat(s.status()).isEqualTo(SensorStatus.OK);
        });
        wall.addAndGet(121_000);
        reading("D3", "D3_b", wall.get(), 2, 0.1);
        assertThat(sweep()).singleElement().satisfies(s -> {
            assertThat(s.deviceId()).isEqualTo("D3_a");
            assertThat(s.status()).isEqualTo(SensorStatus.STALE);
            assertThat(s.reason()).contains("since it was registered");
        });
    }

    @Test
    void oneDetectorWithAFastClockDoesNotMakeItsNeighboursStale() {
        for (int i = 0; i < 30; i++) {
            reading("E4", "E4_fast", wall.get() + 240_000, i % 5, 0.1); // 4 min ahead: within the allowed skew
            reading("E4", "E4_true", wall.get(), i % 4, 0.2);
            wall.addAndGet(10_000);
            assertThat(sweep()).isEmpty();
        }
    }
}
