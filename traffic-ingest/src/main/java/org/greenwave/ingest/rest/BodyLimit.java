package org.greenwave.ingest.rest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.greenwave.ingest.config.IngestConfig;

/**
 * Answers 413 with a clear message before a too-large body is read, from its Content-Length. (A chunked body
 * without a length is cut off by {@code quarkus.http.limits.max-body-size}, set to the same size, with a bare 413.)
 */
@ApplicationScoped
public class BodyLimit {

    void install(@Observes Router router, IngestConfig config) {
        long max = config.maxBodyBytes();
        router.route("/api/v1/*").order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                try {
                    if (Long.parseLong(length.trim()) > max) {
                        ctx.response().setStatusCode(413)
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                .putHeader(HttpHeaders.CONNECTION, "close")
                                .end("{\"error\":\"request body of " + length.trim() + " bytes is larger than the "
                                        + max + " bytes allowed; split the batch (nothing was accepted)\"}");
                        return;
                    }
                } catch (NumberFormatException e) {
                    // Vert.x rejects a malformed Content-Length itself
                }
            }
            ctx.next();
        });
    }
}
