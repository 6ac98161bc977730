package org.greenwave.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import org.greenwave.parking.data.CsvReadings;
import org.greenwave.parking.data.OccupancySeries;
import org.junit.jupiter.api.Test;

class CsvReadingsTest {

    private static CsvReadings.Result read(String csv, CsvReadings.Columns cols, ZoneId zone) throws Exception {
        return CsvReadings.read(new BufferedReader(new StringReader(csv)), cols, zone);
    }

    @Test
    void dropsDuplicatesAndNegativeCountsKeepsOverCapacityClipped() throws Exception {
        var r = read("""
                # a comment line
                carParkId,timestamp,capacity,occupied
                P-A,2026-03-02T08:00:00Z,100,40
                P-A,2026-03-02T08:00:00Z,100,40
                P-A,2026-03-02T08:05:00Z,100,-3
                P-A,2026-03-02T08:10:00Z,100,130
                P-A,2026-03-02T08:15:00Z,0,10
                P-A,not a time,100,10
                P-A,1772439300000,100,55
                """, CsvReadings.Columns.DEFAULT, null);
        assertThat(r.rows()).isEqualTo(7);
        assertThat(r.readings()).hasSize(3);
        assertThat(r.dropped()).containsEntry("exact duplicate", 1).containsEntry("negative count", 1)
                .containsEntry("capacity below 1", 1).containsEntry("timestamp not understood", 1);
        OccupancySeries s = CsvReadings.byCarPark(r.readings()).get("P-A");
        assertThat(s.rate(1)).isEqualTo(1.0); // 130 of 100 clipped
        assertThat(s.occupied(1)).isEqualTo(130);
        assertThat(s.time(2)).isEqualTo(1772439300000L);
    }

    @Test
    void mapsColumnsReadsSemicolonsAndLocalTimesInAZone() throws Exception {
        var r = read("""
                SystemCodeNumber;Capacity;Occupancy;LastUpdated
                "BHM;1";577;61;2016-10-04 07:59:42
                """, new CsvReadings.Columns("SystemCodeNumber", "LastUpdated", "Capacity", "Occupancy"),
                ZoneId.of("Europe/London"));
        assertThat(r.readings()).hasSize(1);
        var o = r.readings().get(0);
        assertThat(o.carParkId()).isEqualTo("BHM;1");
        assertThat(Instant.ofEpochMilli(o.time())).isEqualTo(Instant.parse("2016-10-04T06:59:42Z"));
        assertThat(o.offsetSeconds()).isEqualTo(3600);
    }

    @Test
    void offsetWrittenInTheTimestampGivesTheWallClock() throws Exception {
        var r = read("carParkId,timestamp,capacity,occupied\nP,2026-07-01T09:00:00+02:00,10,1\n",
                CsvReadings.Columns.DEFAULT, null);
        assertThat(r.readings().get(0).offsetSeconds()).isEqualTo(7200);
        assertThat(r.readings().get(0).localTime() % 86_400_000L).isEqualTo(9 * 3_600_000L);
    }

    @Test
    void readsGermanDatesAndKeepsTheFirstOfDuplicatesAnywhereInTheFile() throws Exception {
        var r = read("""
                carParkId,timestamp,capacity,occupied
                P,28.11.2026 07:00,10,1
                Q,28.11.2026 07:00,10,1
                P,28.11.2026 07:05:00,10,2
                P,28.11.2026 07:00,10,1
                """, CsvReadings.Columns.DEFAULT, null);
        assertThat(r.readings()).extracting(o -> o.carParkId() + o.occupied()).containsExactly("P1", "Q1", "P2");
        assertThat(r.dropped()).containsEntry("exact duplicate", 1);
        assertThat(Instant.ofEpochMilli(r.readings().get(2).time())).isEqualTo(Instant.parse("2026-11-28T07:05:00Z"));
    }

    @Test
    void missingColumnSaysHowToMapIt() {
        assertThatThrownBy(() -> read("id,time,cap,occ\n", CsvReadings.Columns.DEFAULT, null))
                .hasMessageContaining("--id-col");
    }
}
