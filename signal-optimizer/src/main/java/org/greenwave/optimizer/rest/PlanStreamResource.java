package org.greenwave.optimizer.rest;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.optimizer.service.SignalControlService;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Server-sent events of published plans, for controllers and dashboards. */
@Path("/api/v1/plans/stream")
public class PlanStreamResource {

    private final SignalControlService control;

    public PlanStreamResource(SignalControlService control) {
        this.control = control;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Published plans as they happen (optionally for one intersection)")
    public Multi<TimingPlan> stream(@QueryParam("intersection") String intersection) {
        return control.stream().filter(p -> intersection == null || intersection.equals(p.intersectionId()));
    }
}
