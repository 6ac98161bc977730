package org.greenwave.parking.guidance.rest;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.greenwave.parking.guidance.service.GuidanceService;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Car parks for engineers: state, status, forecasts with bands, and how well forecasts did lately. */
@Path("/api/v1/car-parks")
@Produces(MediaType.APPLICATION_JSON)
public class CarParkResource {

    private final GuidanceService service;

    public CarParkResource(GuidanceService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Every configured or reporting car park with state, status and forecasts")
    public List<CarParkView> carParks() {
        return service.engine().snapshot(service.now()).stream().map(s -> CarParkView.of(s, service)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One car park")
    public CarParkView carPark(@PathParam("id") String id) {
        return service.engine().snapshot(id, service.now()).map(s -> CarParkView.of(s, service))
                .orElseThrow(() -> new NotFoundException("unknown car park " + id));
    }

    @GET
    @Path("/forecast-error")
    @Operation(summary = "How good the forecasts are: live MAE per horizon of settled forecasts, and the held-out "
            + "validation errors (MAE, RMSE) of the model and the simple methods from the last training, with the "
            + "blend weights")
    public Map<String, Object> forecastError() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("forecaster", service.forecasterSource());
        out.put("trained", service.forecasterTrained());
        out.put("liveMaeByHorizon", service.liveMae());
        out.put("blendWeights", service.blendWeights());
        service.lastTraining().ifPresent(r -> {
            Map<String, Object> validation = new java.util.LinkedHashMap<>();
            r.validation().forEach((h, byMethod) -> {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                byMethod.forEach((method, e) -> m.put(method, Map.of("mae", e[0], "rmse", e[1])));
                validation.put(Integer.toString(h), m);
            });
            out.put("validation", validation);
            out.put("validationFrom", java.time.Instant.ofEpochMilli(r.validationFrom()));
            out.put("trainedUntil", java.time.Instant.ofEpochMilli(r.trainUntil()));
        });
        return out;
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: a car park's view each time one of its readings arrives")
    public Multi<CarParkView> stream() {
        return service.carParkStream().onOverflow().drop().onItem().transformToUniAndConcatenate(id ->
                io.smallrye.mutiny.Uni.createFrom().item(() -> service.engine().snapshot(id, service.now())
                        .map(s -> CarParkView.of(s, service)).orElse(null)))
                .filter(java.util.Objects::nonNull);
    }
}
