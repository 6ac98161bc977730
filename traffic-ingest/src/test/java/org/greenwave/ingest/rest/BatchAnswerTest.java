package org.greenwave.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenwave.ingest.service.IngestService.BatchResult;
import org.greenwave.ingest.service.IngestService.ItemError;
import org.junit.jupiter.api.Test;

class BatchAnswerTest {

    /** What the endpoint answered before: this map through Jackson with the service's non-null inclusion. */
    private static String jackson(BatchResult batch) throws Exception {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("accepted", batch.accepted().size());
        entity.put("duplicates", batch.duplicates().size());
        entity.put("rejected", batch.errors().size());
        entity.put("acceptedItems", batch.accepted());
        entity.put("duplicateItems", batch.duplicates());
        entity.put("errors", batch.errors());
        return new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL).writeValueAsString(entity);
    }

    private static void same(BatchResult batch) throws Exception {
        assertThat(new String(BatchAnswer.json(batch), StandardCharsets.UTF_8)).isEqualTo(jackson(batch));
    }

    @Test
    void everyItemAccepted() throws Exception {
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            accepted.add(i);
        }
        same(new BatchResult(accepted, List.of(), List.of()));
        same(new BatchResult(List.of(), List.of(), List.of()));
    }

    @Test
    void mixedBatchWithErrorsThatNeedEscaping() throws Exception {
        same(new BatchResult(List.of(0, 3, 12_345), List.of(1, 2), List.of(
                new ItemError(4, "out-of-range", List.of("vehicleCount: must be between 0 and 10000")),
                new ItemError(5, "invalid-id", List.of("detectorId: \"A\\b\" has \t control \u0001 and é ü ✓ 🚦",
                        "intersectionId: missing")),
                new ItemError(6, null, Arrays.asList("x", null)),
                new ItemError(7, "not-json", null))));
    }
}
