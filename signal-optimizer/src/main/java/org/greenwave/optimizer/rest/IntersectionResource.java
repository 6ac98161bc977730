package org.greenwave.optimizer.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.optimizer.service.SignalControlService;
import org.greenwave.signal.control.ControlMode;
import org.greenwave.signal.control.Decision;
import org.greenwave.signal.model.IntersectionModel;

/** Intersections, their plans and modes: for controllers, dashboards and (writing) traffic engineers. */
@Path("/api/v1/intersections")
@Produces(MediaType.APPLICATION_JSON)
public class IntersectionResource {

    /** An engineer's request: what and why (the reason goes into the audit trail). */
    public record ModeChange(ControlMode mode, String reason) {
    }

    public record Reason(String reason) {
    }

    public record ManualPlan(TimingPlan plan, String reason) {
    }

    private final SignalControlService control;
    private final SecurityIdentity identity;

    public IntersectionResource(SignalControlService control, SecurityIdentity identity) {
        this.control = control;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Known signalised intersections with their mode and what their controller shows")
    public List<Map<String, Object>> list() {
        return control.intersections().stream().map(this::summary).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One intersection: registry entry, mode, controller state, current and pending plan")
    public Map<String, Object> one(@PathParam("id") String id) {
        IntersectionModel model = control.intersection(id).orElseThrow(() -> new NotFoundException("unknown " + id));
        Map<String, Object> out = summary(model);
        out.put("intersection", model.intersection());
        control.currentPlan(id).ifPresent(p -> out.put("plan", p));
        control.pendingPlan(id).ifPresent(p -> out.put("pendingPlan", p));
        return out;
    }

    private Map<String, Object> summary(IntersectionModel m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("name", m.intersection().name());
        out.put("x", m.intersection().x());
        out.put("y", m.intersection().y());
        out.put("phases", m.phaseCount());
        out.put("incomingLanes", m.incomingLanes().size());
        out.put("mode", control.mode(m.id()));
        control.controllerState(m.id()).ifPresent(s -> out.put("controller", s));
        control.currentPlan(m.id()).ifPresent(p -> out.put("planId", p.planId()));
        control.pendingPlan(m.id()).ifPresent(p -> out.put("pendingPlanId", p.planId()));
        return out;
    }

    @GET
    @Path("/{id}/plan")
    @Operation(summary = "The plan a controller should run now (the last published one)")
    public TimingPlan plan(@PathParam("id") String id) {
        return control.currentPlan(id).orElseThrow(() -> new NotFoundException("no plan for " + id + " yet"));
    }

    @GET
    @Path("/{id}/pending")
    @Operation(summary = "The advisory plan waiting for an engineer's approval")
    public TimingPlan pending(@PathParam("id") String id) {
        return control.pendingPlan(id).orElseThrow(() -> new NotFoundException("no pending plan for " + id));
    }

    @PUT
    @Path("/{id}/mode")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("engineer")
    @Operation(summary = "Switch AUTO / ADVISORY / MANUAL (engineers)")
    public CompletionStage<Map<String, Object>> mode(@PathParam("id") String id, ModeChange change) {
        known(id);
        if (change == null || change.mode() == null) {
            throw new BadRequestException("mode required: AUTO, ADVISORY or MANUAL");
        }
        return control.setMode(id, change.mode(), user(), change.reason())
                .thenApply(ok -> Map.of("id", id, "mode", change.mode()));
    }

    @POST
    @Path("/{id}/pending/{planId}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("engineer")
    @Operation(summary = "Approve the pending advisory plan: it is validated again and published (engineers)")
    public CompletionStage<Response> approve(@PathParam("id") String id, @PathParam("planId") String planId,
                                             Reason reason) {
        known(id);
        try {
            return control.approve(id, planId, user(), reason == null ? null : reason.reason()).thenApply(this::answer);
        } catch (IllegalStateException e) {
            throw new WebApplicationException(e.getMessage(), 409);
        }
    }

    @POST
    @Path("/{id}/pending/{planId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("engineer")
    @Operation(summary = "Reject the pending advisory plan (engineers)")
    public CompletionStage<Map<String, Object>> reject(@PathParam("id") String id, @PathParam("planId") String planId,
                                                       Reason reason) {
        known(id);
        try {
            return control.reject(id, planId, user(), reason == null ? null : reason.reason())
                    .thenApply(p -> Map.of("rejected", p.planId()));
        } catch (IllegalStateException e) {
            throw new WebApplicationException(e.getMessage(), 409);
        }
    }

    @PUT
    @Path("/{id}/manual-plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("engineer")
    @Operation(summary = "Hold an engineer's plan (MANUAL mode); refused with the validator's findings if unsafe")
    public CompletionStage<Response> manual(@PathParam("id") String id, ManualPlan request) {
        known(id);
        if (request == null || request.plan() == null) {
            throw new BadRequestException("plan required");
        }
        return control.manual(id, request.plan(), user(), request.reason()).thenApply(this::answer);
    }

    private Response answer(Decision d) {
        if (d.action() == Decision.Action.REFUSED) {
            return Response.status(422).entity(Map.of("error", "refused by the safety validator",
                    "violations", d.violations().stream().map(Object::toString).toList())).build();
        }
        return Response.ok(d.plan()).build();
    }

    private void known(String id) {
        if (control.intersection(id).isEmpty()) {
            throw new NotFoundException("unknown intersection " + id);
        }
    }

    private String user() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
