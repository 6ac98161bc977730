package org.greenwave.optimizer.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.optimizer.service.SignalControlService;

/** Intersections and their current plans, for controllers and engineers. */
@Path("/api/v1/intersections")
@Produces(MediaType.APPLICATION_JSON)
public class IntersectionResource {

    private final SignalControlService control;

    public IntersectionResource(SignalControlService control) {
        this.control = control;
    }

    @GET
    @Operation(summary = "Known signalised intersections")
    public List<Map<String, Object>> list() {
        return control.intersections().stream()
                .map(m -> Map.<String, Object>of("id", m.id(), "phases", m.phaseCount(),
                        "incomingLanes", m.incomingLanes().size()))
                .toList();
    }

    @GET
    @Path("/{id}/plan")
    @Operation(summary = "The plan a controller should run now (the last published one)")
    public TimingPlan plan(@PathParam("id") String id) {
        return control.currentPlan(id).orElseThrow(() -> new NotFoundException("no plan for " + id + " yet"));
    }
}
