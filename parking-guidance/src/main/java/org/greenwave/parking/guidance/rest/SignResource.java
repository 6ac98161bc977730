package org.greenwave.parking.guidance.rest;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.greenwave.contracts.parking.SignUpdate;
import org.greenwave.parking.guidance.service.GuidanceService;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** What each guidance sign shows now, and a live stream of changes (the same updates as on Kafka). */
@Path("/api/v1/signs")
@Produces(MediaType.APPLICATION_JSON)
public class SignResource {

    private final GuidanceService service;

    public SignResource(GuidanceService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Current display of every sign (signs without any reading yet are missing)")
    public List<SignUpdate> signs() {
        return service.engine().published();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Current display of one sign")
    public SignUpdate sign(@PathParam("id") String id) {
        return service.engine().published(id).orElseThrow(() -> new NotFoundException("no display for sign " + id));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: the current display of every sign, then each change")
    public Multi<SignUpdate> stream() {
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().iterable(service.engine().published()),
                // A slow client gets a buffer, not a failure; one that falls further behind reconnects.
                service.signStream().onOverflow().buffer(1024));
    }
}
