package org.greenwave.parking.guidance.rest;

import java.time.Instant;
import java.util.List;
import org.greenwave.parking.forecast.Prediction;
import org.greenwave.parking.guidance.service.GuidanceService;
import org.greenwave.parking.signs.SignEngine;

/**
 * A car park as engineers see it: configuration, live state, status on the signs, and forecasts with their
 * uncertainty band (rates 0..1; free spaces derived from the forecast rate).
 */
public record CarParkView(String id, String name, Integer capacity, Double latitude, Double longitude,
                          String openingHours, String status, Instant statusSince, Integer occupied, Integer free,
                          Double rate, String trend, Double ratePerHour, Instant lastReading, Long dataAgeSeconds,
                          boolean stale, Instant forecastOrigin, List<ForecastView> forecasts, String forecaster) {

    public record ForecastView(int horizonMinutes, Instant target, double rate, double low, double high,
                               Integer freeSpaces) {
    }

    static CarParkView of(SignEngine.Snapshot s, GuidanceService service) {
        var info = s.info();
        var state = s.state();
        Instant origin = service.forecastOrigin(s.carParkId()).orElse(null);
        Integer capacity = state != null ? Integer.valueOf(state.capacity()) : info != null ? info.capacity() : null;
        List<ForecastView> forecasts = origin == null ? List.of() : service.forecast(s.carParkId()).stream()
                .map((Prediction p) -> new ForecastView(p.horizonMinutes(), origin.plusSeconds(60L * p.horizonMinutes()),
                        round(p.rate()), round(p.low()), round(p.high()),
                        capacity == null ? null : (int) Math.round(capacity * (1 - p.rate()))))
                .toList();
        return new CarParkView(s.carParkId(), info != null ? info.name() : null, capacity,
                info != null ? info.latitude() : null, info != null ? info.longitude() : null,
                info != null ? info.openingHours().toString() : null, s.status().name(), s.statusSince(),
                state != null ? state.occupied() : null, state != null ? state.free() : null,
                state != null ? round(state.rate()) : null, state != null ? state.trend().name() : null,
                state != null ? round(state.ratePerHour()) : null, state != null ? state.lastReading() : null,
                state != null ? state.dataAge().toSeconds() : null, state == null || state.stale(), origin, forecasts,
                service.forecasterSource());
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
