package org.greenwave.ingest.rest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.greenwave.ingest.service.IngestService.BatchResult;
import org.greenwave.ingest.service.IngestService.ItemError;

/**
 * The JSON answer to a batch, written by hand: byte for byte what Jackson writes for the same map (a unit test holds
 * it to that). Jackson spent about 0.3 µs per reading on it, mostly on the list of accepted item indexes (500
 * boxed integers per batch through a generic serializer), as much as validating the reading.
 */
final class BatchAnswer {

    private BatchAnswer() {
    }

    /**
     * {@code {"accepted":n,"duplicates":n,"rejected":n,"acceptedItems":[..],"duplicateItems":[..],"errors":[..]}},
     * each error {@code {"index":i,"reason":"..","problems":[".."]}}.
     */
    static byte[] json(BatchResult batch) {
        StringBuilder sb = new StringBuilder(64 + 5 * batch.accepted().size());
        sb.append("{\"accepted\":").append(batch.accepted().size())
                .append(",\"duplicates\":").append(batch.duplicates().size())
                .append(",\"rejected\":").append(batch.errors().size())
                .append(",\"acceptedItems\":");
        indexes(sb, batch.accepted());
        sb.append(",\"duplicateItems\":");
        indexes(sb, batch.duplicates());
        sb.append(",\"errors\":[");
        for (int i = 0; i < batch.errors().size(); i++) {
            ItemError e = batch.errors().get(i);
            if (i > 0) {
                sb.append(',');
            }
            // null fields are left out, as the service's Jackson (quarkus.jackson.serialization-inclusion=non-null)
            sb.append("{\"index\":").append(e.index());
            if (e.reason() != null) {
                sb.append(",\"reason\":");
                string(sb, e.reason());
            }
            if (e.problems() != null) {
                sb.append(",\"problems\":[");
                for (int j = 0; j < e.problems().size(); j++) {
                    if (j > 0) {
                        sb.append(',');
                    }
                    string(sb, e.problems().get(j));
                }
                sb.append(']');
            }
            sb.append('}');
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void indexes(StringBuilder sb, List<Integer> list) {
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(list.get(i).intValue());
        }
        sb.append(']');
    }

    private static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        sb.append('"');
    }
}
