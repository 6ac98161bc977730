package org.greenwave.parking.signs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.greenwave.contracts.parking.SignUpdate;
import org.greenwave.contracts.traffic.SensorStatus;
import org.greenwave.parking.forecast.Prediction;
import org.greenwave.parking.state.CarParkState;
import org.greenwave.parking.state.CarParkTracker;

/**
 * Decides what every configured sign shows, from the car parks' latest readings, their opening hours and their
 * forecasts, and says when that changes (signs are only sent an update when their display changes).
 *
 * <ul>
 *   <li>Status per car park with hysteresis and a minimum hold time ({@link StatusPolicy}); CLOSED outside opening
 *       hours; NO_DATA when the feed is stale, and then the line shows no count (never an old number).</li>
 *   <li>A sign whose car parks all have no data shows its safe fallback ("follow the signposting").</li>
 *   <li>When a car park is full, closed, or forecast to be full by the time a driver from this sign arrives, the
 *       line names an alternative: the next car park on the same sign that is open and not forecast full on
 *       arrival.</li>
 *   <li>Stale feeds raise a {@link SensorStatus} STALE event once, and OK when they recover.</li>
 * </ul>
 * Thread-safe (all methods synchronized). Time is always passed in, so replays and tests are deterministic.
 */
public final class SignEngine {

    /**
     * @param freeSpacesDeadband a shown count changes only when the real one moved at least this much (or hits 0)
     * @param zone               local time zone for opening hours
     * @param fallbackMessage    text of a sign without any data
     */
    public record Settings(StatusPolicy policy, Duration defaultStaleAfter, int freeSpacesDeadband, ZoneId zone,
                           String fallbackMessage) {
        public static Settings defaults() {
            return new Settings(StatusPolicy.DEFAULT, Duration.ofMinutes(20), 2, ZoneId.of("Europe/Berlin"),
                    "Parking guidance unavailable: follow the signposting");
        }
    }

    /** What changed: sign displays to publish and sensor health events to raise. */
    public record Changes(List<SignUpdate> signs, List<SensorStatus> sensors) {
        public boolean isEmpty() {
            return signs.isEmpty() && sensors.isEmpty();
        }
    }

    /** A car park as engineers see it: configuration (may be null for unconfigured ones), state and status. */
    public record Snapshot(String carParkId, CarParkInfo info, CarParkState state, Status status, Instant statusSince) {
    }

    private record Shown(Status status, Instant since) {
    }

    private final Settings settings;
    private final Map<String, CarParkInfo> carParks = new LinkedHashMap<>();
    private final Map<String, SignConfig> signs = new LinkedHashMap<>();
    private final Map<String, CarParkTracker> trackers = new LinkedHashMap<>();
    private final Map<String, Shown> shown = new HashMap<>();
    private final Map<String, Integer> shownFree = new HashMap<>();
    private final Map<String, Boolean> stale = new HashMap<>();
    private final Map<String, Boolean> fullOnArrival = new HashMap<>();
    private final Map<String, SignUpdate> published = new LinkedHashMap<>();
    private Function<String, List<Prediction>> forecasts = id -> List.of();

    public SignEngine(Collection<CarParkInfo> carParks, Collection<SignConfig> signs, Settings settings) {
        this.settings = settings;
        carParks.forEach(c -> this.carParks.put(c.id(), c));
        for (SignConfig s : signs) {
            for (SignConfig.Line line : s.lines()) {
                if (!this.carParks.containsKey(line.carParkId())) {
                    throw new IllegalArgumentException("sign " + s.id() + " shows unknown car park " + line.carParkId());
                }
            }
            this.signs.put(s.id(), s);
        }
    }

    /** Where forecasts come from (latest per car park, any horizons). */
    public synchronized void forecasts(Function<String, List<Prediction>> source) {
        this.forecasts = source;
    }

    /** Takes a reading and returns what changed as of {@code now}. */
    public synchronized Changes accept(String carParkId, Instant timestamp, int capacity, int occupied, Instant now) {
        trackers.computeIfAbsent(carParkId, CarParkTracker::new).update(timestamp, capacity, occupied);
        return evaluate(now);
    }

    /** Re-evaluates everything (staleness, opening hours, forecasts) as of {@code now}. */
    public synchronized Changes tick(Instant now) {
        return evaluate(now);
    }

    public synchronized List<SignUpdate> published() {
        return List.copyOf(published.values());
    }

    public synchronized Optional<SignUpdate> published(String signId) {
        return Optional.ofNullable(published.get(signId));
    }

    public Collection<SignConfig> signConfigs() {
        return signs.values();
    }

    public Collection<CarParkInfo> carParkInfos() {
        return carParks.values();
    }

    /** Every configured or reporting car park, configured ones first. */
    public synchronized List<Snapshot> snapshot(Instant now) {
        List<Snapshot> out = new ArrayList<>();
        for (String id : ids()) {
            CarParkTracker t = trackers.get(id);
            CarParkState state = t == null ? null : t.state(now, staleAfter(id));
            Shown s = shown.get(id);
            out.add(new Snapshot(id, carParks.get(id), state, s == null ? Status.NO_DATA : s.status(),
                    s == null ? null : s.since()));
        }
        return out;
    }

    public synchronized Optional<Snapshot> snapshot(String carParkId, Instant now) {
        return snapshot(now).stream().filter(s -> s.carParkId().equals(carParkId)).findFirst();
    }

    /** Car parks whose feed is stale now. */
    public synchronized long staleCount() {
        return stale.values().stream().filter(Boolean::booleanValue).count();
    }

    private List<String> ids() {
        List<String> ids = new ArrayList<>(carParks.keySet());
        trackers.keySet().stream().filter(id -> !carParks.containsKey(id)).forEach(ids::add);
        return ids;
    }

    private Duration staleAfter(String id) {
        CarParkInfo info = carParks.get(id);
        return info != null && info.staleAfter() != null ? info.staleAfter() : settings.defaultStaleAfter();
    }

    private Changes evaluate(Instant now) {
        List<SensorStatus> sensors = new ArrayList<>();
        Map<String, CarParkState> states = new HashMap<>();
        for (String id : ids()) {
            CarParkTracker t = trackers.get(id);
            CarParkState state = t == null ? null : t.state(now, staleAfter(id));
            states.put(id, state);
            Status next;
            Shown current = shown.get(id);
            CarParkInfo info = carParks.get(id);
            if (state != null) {
                boolean wasStale = stale.getOrDefault(id, false);
                if (state.stale() != wasStale) {
                    stale.put(id, state.stale());
                    sensors.add(new SensorStatus(id, "car-park", null, state.stale() ? SensorStatus.STALE : SensorStatus.OK,
                            state.lastReading(), state.stale()
                            ? "no occupancy reading for " + state.dataAge().toMinutes() + " min (limit "
                              + staleAfter(id).toMinutes() + " min): signs show no count"
                            : "occupancy readings arrive again", now));
                }
            }
            if (state == null || state.stale()) {
                next = Status.NO_DATA;
            } else if (info != null && !info.openingHours().isOpen(now.atZone(settings.zone()))) {
                next = Status.CLOSED;
            } else {
                boolean occupancyStatus = current != null && (current.status() == Status.OPEN
                        || current.status() == Status.ALMOST_FULL || current.status() == Status.FULL);
                next = settings.policy().next(occupancyStatus ? current.status() : null,
                        occupancyStatus ? current.since() : null, state.rate(), state.free(), now);
            }
            if (current == null || current.status() != next) {
                shown.put(id, new Shown(next, now));
            }
        }
        List<SignUpdate> changed = new ArrayList<>();
        for (SignConfig sign : signs.values()) {
            SignUpdate update = display(sign, states, now);
            SignUpdate before = published.get(sign.id());
            if (before == null || !sameDisplay(before, update)) {
                published.put(sign.id(), update);
                changed.add(update);
            }
        }
        return new Changes(changed, sensors);
    }

    private SignUpdate display(SignConfig sign, Map<String, CarParkState> states, Instant now) {
        List<SignConfig.Line> lines = sign.lines();
        boolean[] fullThere = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            fullThere[i] = fullOnArrival(sign, lines.get(i), states.get(lines.get(i).carParkId()));
        }
        List<SignUpdate.Entry> entries = new ArrayList<>();
        String message = null;
        boolean allNoData = true;
        for (int i = 0; i < lines.size(); i++) {
            SignConfig.Line line = lines.get(i);
            String id = line.carParkId();
            Status status = shown.get(id).status();
            CarParkState state = states.get(id);
            boolean counts = status == Status.OPEN || status == Status.ALMOST_FULL || status == Status.FULL;
            Integer free = counts ? shownFree(id, state.free(), status) : null;
            String trend = counts ? state.trend().name() : null;
            String alternative = null;
            if (fullThere[i]) {
                for (int j = 0; j < lines.size(); j++) {
                    Status other = shown.get(lines.get(j).carParkId()).status();
                    if (j != i && !fullThere[j] && (other == Status.OPEN || other == Status.ALMOST_FULL)) {
                        alternative = lines.get(j).carParkId();
                        break;
                    }
                }
                if (alternative != null && message == null) {
                    message = name(id) + (status == Status.FULL || status == Status.CLOSED ? " " + word(status)
                            : " full on arrival") + ": use " + name(alternative);
                }
            }
            allNoData &= status == Status.NO_DATA;
            entries.add(new SignUpdate.Entry(id, line.direction(), free, status.name(), trend, alternative));
        }
        if (allNoData) {
            message = settings.fallbackMessage();
        }
        return new SignUpdate(sign.id(), now, entries, allNoData, message);
    }

    /** Full now, closed, or forecast full at the driver's arrival (with hysteresis on the forecast). */
    private boolean fullOnArrival(SignConfig sign, SignConfig.Line line, CarParkState state) {
        Status status = shown.get(line.carParkId()).status();
        if (status == Status.FULL || status == Status.CLOSED) {
            return true;
        }
        if (status == Status.NO_DATA || state == null) {
            return false;
        }
        String key = sign.id() + '\u0000' + line.carParkId();
        double atArrival = interpolate(state.rate(), forecasts.apply(line.carParkId()), line.travelMinutes());
        boolean was = fullOnArrival.getOrDefault(key, false);
        StatusPolicy p = settings.policy();
        boolean now = was ? atArrival >= p.fullExit() : p.fullAt(atArrival);
        fullOnArrival.put(key, now);
        return now;
    }

    /** Forecast rate at {@code minutes} ahead: linear between now (the current rate) and the forecast horizons. */
    static double interpolate(double current, List<Prediction> forecast, int minutes) {
        if (forecast == null || forecast.isEmpty() || minutes <= 0) {
            return current;
        }
        double prevH = 0;
        double prevR = current;
        for (Prediction p : forecast.stream().sorted(java.util.Comparator.comparingInt(Prediction::horizonMinutes)).toList()) {
            if (minutes <= p.horizonMinutes()) {
                double f = (minutes - prevH) / (p.horizonMinutes() - prevH);
                return prevR + f * (p.rate() - prevR);
            }
            prevH = p.horizonMinutes();
            prevR = p.rate();
        }
        return prevR;
    }

    private int shownFree(String id, int free, Status status) {
        Integer before = shownFree.get(id);
        if (before == null || free == 0 || Math.abs(free - before) >= settings.freeSpacesDeadband()
                || status == Status.FULL && free < before) {
            shownFree.put(id, free);
            return free;
        }
        return before;
    }

    private String name(String id) {
        CarParkInfo info = carParks.get(id);
        return info != null && info.name() != null ? info.name() : id;
    }

    private static String word(Status s) {
        return s == Status.CLOSED ? "closed" : "full";
    }

    private static boolean sameDisplay(SignUpdate a, SignUpdate b) {
        return a.fallback() == b.fallback() && Objects.equals(a.message(), b.message()) && a.entries().equals(b.entries());
    }
}
