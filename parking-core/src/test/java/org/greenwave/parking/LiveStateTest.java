package org.greenwave.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.greenwave.parking.data.HistoryBuffer;
import org.greenwave.parking.data.Observation;
import org.greenwave.parking.forecast.LiveForecastScore;
import org.greenwave.parking.state.CarParkTracker;
import org.greenwave.parking.state.Trend;
import org.junit.jupiter.api.Test;

class LiveStateTest {

    @Test
    void forecastsSettleWhenTheirTargetTimeHasCome() {
        LiveForecastScore score = new LiveForecastScore(10, 100);
        score.forecast("P", 1_000, 30, 0.5);
        score.forecast("P", 2_000, 60, 0.8);
        assertThat(score.reading("P", 999, 0.9)).isEmpty();
        var settled = score.reading("P", 1_500, 0.6);
        assertThat(settled).singleElement().satisfies(s -> assertThat(s.absError()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(score.mae(30)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(score.mae(60)).isNaN();
        assertThat(score.reading("Q", 5_000, 0.1)).isEmpty();
    }

    @Test
    void historyDropsDuplicatesNegativesAndOldReadings() {
        HistoryBuffer history = new HistoryBuffer(Duration.ofHours(1).toMillis());
        long t = 1_000_000_000L;
        assertThat(history.add(new Observation("P", t, 0, 100, 10))).isTrue();
        assertThat(history.add(new Observation("P", t, 0, 100, 10))).isFalse();
        assertThat(history.add(new Observation("P", t + 1, 0, 100, -1))).isFalse();
        assertThat(history.add(new Observation("P", t - 60_000, 0, 100, 5))).isTrue(); // late, inserted in order
        assertThat(history.series("P").occupied(0)).isEqualTo(5);
        history.add(new Observation("P", t + Duration.ofHours(2).toMillis(), 0, 100, 50));
        assertThat(history.series("P").size()).isEqualTo(1);
    }

    @Test
    void trendNeedsAClearSlopeAndIgnoresLateReadings() {
        CarParkTracker tracker = new CarParkTracker("P");
        Instant t0 = Instant.parse("2026-03-02T08:00:00Z");
        for (int i = 0; i <= 10; i++) {
            tracker.update(t0.plusSeconds(60L * i), 100, 20 + 2 * i); // +2 cars a minute on 100: +1.2 per hour
        }
        assertThat(tracker.state(t0.plusSeconds(600), Duration.ofMinutes(10)).trend()).isEqualTo(Trend.FILLING);
        assertThat(tracker.update(t0, 100, 99)).isFalse();
        var state = tracker.state(t0.plusSeconds(600 + 601), Duration.ofMinutes(10));
        assertThat(state.occupied()).isEqualTo(40);
        assertThat(state.stale()).isTrue();
    }
}
