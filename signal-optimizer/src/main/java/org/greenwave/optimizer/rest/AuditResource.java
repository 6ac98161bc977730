package org.greenwave.optimizer.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.greenwave.contracts.signal.AuditEntry;
import org.greenwave.optimizer.service.AuditTrail;

/** The audit trail: every published or refused plan and every human action. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditTrail audit;

    public AuditResource(AuditTrail audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Audit entries, newest first; filter by intersection, action, actor")
    public List<AuditEntry> query(@QueryParam("intersection") String intersection, @QueryParam("action") String action,
                                  @QueryParam("actor") String actor, @QueryParam("limit") @DefaultValue("100") int limit) {
        return audit.query(intersection, action, actor, Math.max(1, Math.min(limit, 10_000)));
    }
}
