package org.greenwave.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.greenwave.ingest.service.DedupWindow.Verdict;
import org.junit.jupiter.api.Test;

class DedupWindowTest {

    @Test
    void sameTimestampIsADuplicateOrAConflictByItsValues() {
        DedupWindow w = new DedupWindow(4);
        assertThat(w.admit(1000, 7)).isEqualTo(Verdict.NEW);
        assertThat(w.admit(1000, 7)).isEqualTo(Verdict.DUPLICATE);
        assertThat(w.admit(1000, 8)).isEqualTo(Verdict.CONFLICT);
        assertThat(w.admit(2000, 7)).isEqualTo(Verdict.NEW);
    }

    @Test
    void lateReadingsInsideTheWindowAreCheckedOutsideItRefused() {
        DedupWindow w = new DedupWindow(3); // rounded up to 4
        assertThat(w.admit(3000, 1)).isEqualTo(Verdict.NEW);
        assertThat(w.admit(1000, 1)).isEqualTo(Verdict.NEW);   // late, window not full: remembered
        assertThat(w.admit(2000, 1)).isEqualTo(Verdict.NEW);   // inserted between
        assertThat(w.admit(1000, 1)).isEqualTo(Verdict.DUPLICATE);
        assertThat(w.admit(4000, 1)).isEqualTo(Verdict.NEW);
        assertThat(w.admit(5000, 1)).isEqualTo(Verdict.NEW);   // full: 1000 is forgotten
        assertThat(w.admit(1000, 1)).isEqualTo(Verdict.OUTSIDE);
        assertThat(w.admit(500, 1)).isEqualTo(Verdict.OUTSIDE);
        assertThat(w.admit(2000, 1)).isEqualTo(Verdict.DUPLICATE);
        assertThat(w.admit(2500, 1)).isEqualTo(Verdict.NEW);   // late but newer than the oldest: inserted, 2000 goes
        assertThat(w.admit(2000, 1)).isEqualTo(Verdict.OUTSIDE);
        assertThat(w.size()).isEqualTo(4);
    }

    @Test
    void aForgottenTimestampCanBeStoredAgain() {
        DedupWindow w = new DedupWindow(8);
        w.admit(1000, 1);
        w.admit(2000, 1);
        w.admit(3000, 1);
        w.forget(2000);
        assertThat(w.admit(2000, 1)).isEqualTo(Verdict.NEW);
        assertThat(w.admit(3000, 1)).isEqualTo(Verdict.DUPLICATE);
        assertThat(w.size()).isEqualTo(3);
    }

    @Test
    void shuffledArrivalAgreesWithASetOfTheNewestTimestamps() {
        Random random = new Random(42);
        DedupWindow w = new DedupWindow(64);
        List<Long> times = new ArrayList<>();
        for (long t = 0; t < 500; t++) {
            times.add(t * 1000);
        }
        // each reading sent twice, locally shuffled (bounded disorder, as from a device that retries)
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < times.size(); i += 10) {
            List<Long> chunk = new ArrayList<>(times.subList(i, Math.min(i + 10, times.size())));
            chunk.addAll(chunk);
            Collections.shuffle(chunk, random);
            sent.addAll(chunk);
        }
        int news = 0;
        for (long t : sent) {
            Verdict v = w.admit(t, 1);
            assertThat(v).isIn(Verdict.NEW, Verdict.DUPLICATE);
            if (v == Verdict.NEW) {
                news++;
            }
        }
        assertThat(news).isEqualTo(times.size());
    }
}
