package org.greenwave.parking.guidance.service;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.greenwave.contracts.parking.OccupancyReading;
import org.greenwave.contracts.parking.SignUpdate;
import org.greenwave.contracts.traffic.SensorStatus;
import org.greenwave.parking.data.Calendar;
import org.greenwave.parking.data.CsvReadings;
import org.greenwave.parking.data.HistoryBuffer;
import org.greenwave.parking.data.Holidays;
import org.greenwave.parking.data.Observation;
import org.greenwave.parking.data.OccupancySeries;
import org.greenwave.parking.forecast.ForecastContext;
import org.greenwave.parking.forecast.LiveForecastScore;
import org.greenwave.parking.forecast.OccupancyForecaster;
import org.greenwave.parking.forecast.Prediction;
import org.greenwave.parking.forecast.Trainer;
import org.greenwave.parking.guidance.config.GuidanceConfig;
import org.greenwave.parking.guidance.messaging.GuidancePublisher;
import org.greenwave.parking.guidance.messaging.SignOwnership;
import org.greenwave.parking.signs.CarParkInfo;
import org.greenwave.parking.signs.OpeningHours;
import org.greenwave.parking.signs.SignConfig;
import org.greenwave.parking.signs.SignEngine;
import org.greenwave.parking.signs.StatusPolicy;
import org.jboss.logging.Logger;

/**
 * The service's heart: keeps the car parks' state and history, runs the sign engine on every reading and on a
 * clock tick (staleness, opening hours), refreshes forecasts, retrains the forecaster in the background, and
 * publishes what changed (Kafka, SSE, metrics).
 */
@ApplicationScoped
public class GuidanceService {

    private static final Logger LOG = Logger.getLogger(GuidanceService.class);

    private final GuidanceConfig config;
    private final GuidancePublisher publisher;
    private final SignOwnership ownership;
    private final MeterRegistry metrics;
    /** Publications and take-overs of signs happen one at a time (no display published twice). */
    private final Object publishing = new Object();
    private final ZoneId zone;
    private final Holidays holidays;
    private final SignEngine engine;
    private final HistoryBuffer history;
    private final LiveForecastScore score = new LiveForecastScore(500, 1024);
    private final AtomicReference<OccupancyForecaster> forecaster = new AtomicReference<>();
    private final AtomicReference<ForecastContext> context = new AtomicReference<>();
    private final Map<String, List<Prediction>> forecasts = new ConcurrentHashMap<>();
    private final Map<String, Instant> forecastOrigins = new ConcurrentHashMap<>();
    private final BroadcastProcessor<SignUpdate> signStream = BroadcastProcessor.create();
    private final BroadcastProcessor<String> carParkStream = BroadcastProcessor.create();
    private final ScheduledExecutorService training = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "forecaster-training");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final AtomicBoolean trainingRunning = new AtomicBoolean();
    private final Clock clock = Clock.systemUTC();
    private volatile String forecasterSource = "cold start (seasonal profile)";
    private volatile Trainer.Report lastTraining;
    private volatile Instant contextBuilt = Instant.EPOCH;
    /** Set once the start-up (saved model, history) is done: scheduled work waits for it. */
    private volatile boolean started;

    public GuidanceService(GuidanceConfig config, GuidancePublisher publisher,
                           @io.smallrye.common.annotation.Identifier("sign-ownership") SignOwnership ownership,
                           MeterRegistry metrics) {
        this.config = config;
        this.publisher = publisher;
        this.ownership = ownership;
        this.metrics = metrics;
        this.zone = ZoneId.of(config.zone());
        this.holidays = Holidays.of(config.holidays());
        List<CarParkInfo> carParks = new ArrayList<>();
        config.carParks().forEach((id, c) -> carParks.add(new CarParkInfo(id, c.name(), c.capacity(), c.latitude(),
                c.longitude(), OpeningHours.parse(c.openingHours()), c.staleAfter().orElse(null))));
        List<SignConfig> signs = new ArrayList<>();
        config.signs().forEach((id, s) -> signs.add(new SignConfig(id, s.name(), s.lines().stream().map(line -> {
            String[] p = line.trim().split("\\s+");
            if (p.length != 3) {
                throw new IllegalArgumentException("sign " + id + " line '" + line
                        + "': expected 'carParkId direction travelMinutes'");
            }
            return new SignConfig.Line(p[0], p[1], Integer.parseInt(p[2]));
        }).toList())));
        var t = config.thresholds();
        StatusPolicy policy = new StatusPolicy(t.almostFullEnter(), t.almostFullExit(), t.fullEnter(), t.fullExit(),
                t.fullFreeSpaces(), t.minHold());
        this.engine = new SignEngine(carParks, signs, new SignEngine.Settings(policy, t.staleAfter(),
                t.freeSpacesDeadband(), zone, t.fallbackMessage()));
        this.engine.forecasts(id -> forecasts.getOrDefault(id, List.of()));
        this.history = new HistoryBuffer(config.forecast().keepHistory().toMillis());
        this.forecaster.set(OccupancyForecaster.coldStart(holidays));
        Gauge.builder("greenwave.parking.stale.feeds", engine, SignEngine::staleCount)
                .description("car parks whose occupancy feed is stale").register(metrics);
        Gauge.builder("greenwave.parking.history.readings", history, HistoryBuffer::size).register(metrics);
        for (int h : config.forecast().horizons()) {
            Gauge.builder("greenwave.parking.forecast.mae", score, s -> s.mae(h)).tag("horizon", Integer.toString(h))
                    .description("mean absolute error of the rate over the latest settled forecasts").register(metrics);
        }
    }

    void start(@Observes StartupEvent event) {
        config.forecast().modelDir().map(Path::of).filter(Files::isDirectory).ifPresent(dir -> {
            try {
                forecaster.set(OccupancyForecaster.load(dir));
                forecasterSource = "loaded from " + dir;
                LOG.infof("forecaster loaded from %s", dir);
            } catch (RuntimeException e) {
                LOG.errorf(e, "cannot load the forecaster from %s: starting cold", dir);
            }
        });
        config.forecast().historyCsv().map(Path::of).ifPresent(file -> {
            if (!Files.isRegularFile(file)) {
                LOG.warnf("history CSV %s not found: starting without history", file);
                return;
            }
            var result = CsvReadings.read(file, CsvReadings.Columns.DEFAULT, zone);
            history.addAll(result.readings());
            LOG.infof("history: %d readings loaded from %s (%d dropped: %s)", result.readings().size(), file,
                    result.droppedTotal(), result.dropped());
        });
        rebuildContext();
        started = true;
        if (config.forecast().retrain()) {
            training.scheduleWithFixedDelay(this::retrain, config.forecast().firstTraining().toMillis(),
                    config.forecast().retrainEvery().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        training.shutdownNow();
        signStream.onComplete();
        carParkStream.onComplete();
    }

    /** A validated reading from Kafka. */
    public void onReading(OccupancyReading r) {
        Instant now = clock.instant();
        Observation o = new Observation(r.carParkId(), r.timestamp().toEpochMilli(),
                zone.getRules().getOffset(r.timestamp()).getTotalSeconds(), r.capacity(), r.occupied());
        history.add(o);
        for (var settled : score.reading(r.carParkId(), o.time(), o.rate())) {
            DistributionSummary.builder("greenwave.parking.forecast.abs.error")
                    .description("absolute error of the forecast rate, settled when the target time has come")
                    .tag("horizon", Integer.toString(settled.horizonMinutes()))
                    .register(metrics).record(settled.absError());
        }
        publish(engine.accept(r.carParkId(), r.timestamp(), r.capacity(), r.occupied(), now));
        synchronized (carParkStream) {
            carParkStream.onNext(r.carParkId());
        }
    }

    @Scheduled(every = "${greenwave.parking.tick:10s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!started) {
            return;
        }
        publish(engine.tick(clock.instant()));
    }

    @Scheduled(every = "${greenwave.parking.forecast.refresh}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshForecasts() {
        if (!started) {
            return;
        }
        Instant now = clock.instant();
        if (Duration.between(contextBuilt, now).compareTo(Duration.ofMinutes(15)) > 0) {
            rebuildContext();
        }
        OccupancyForecaster f = forecaster.get();
        ForecastContext ctx = context.get();
        List<Integer> horizons = config.forecast().horizons();
        for (var snapshot : engine.snapshot(now)) {
            if (snapshot.state() == null || snapshot.state().stale()) {
                forecasts.remove(snapshot.carParkId());
                continue;
            }
            OccupancySeries s = history.series(snapshot.carParkId());
            List<Prediction> p = f.forecast(s, ctx, now.toEpochMilli(), horizons);
            forecasts.put(snapshot.carParkId(), p);
            forecastOrigins.put(snapshot.carParkId(), now);
            for (Prediction x : p) {
                score.forecast(snapshot.carParkId(), now.toEpochMilli() + x.horizonMinutes() * Calendar.MINUTE,
                        x.horizonMinutes(), x.rate());
            }
        }
        publish(engine.tick(now));
    }

    /** Retrains the forecaster on the history in memory (on the training thread, low priority). */
    void retrain() {
        if (!trainingRunning.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = clock.instant();
            Map<String, OccupancySeries> all = history.all();
            var options = Trainer.Options.defaults(config.forecast().horizons()).withHolidays(holidays)
                    .withEpochs(config.forecast().maxEpochs(), 100_000);
            var result = Trainer.train(all, now.toEpochMilli(), options, m -> LOG.info(m));
            if (result.forecaster().trained()) {
                forecaster.set(result.forecaster());
                lastTraining = result.report();
                forecasterSource = "trained " + now + " on " + history.size() + " readings";
                rebuildContext();
                LOG.infof("forecaster retrained (validation MAE by horizon: %s)", validationSummary(result.report()));
            } else {
                LOG.infof("forecaster not retrained: %s", result.report().note());
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.error("forecaster training failed; keeping the previous one", e);
        } finally {
            trainingRunning.set(false);
        }
    }

    private static String validationSummary(Trainer.Report report) {
        StringBuilder sb = new StringBuilder();
        report.validation().forEach((h, m) -> sb.append(String.format(java.util.Locale.ROOT,
                " +%d: model %.4f persistence %.4f historical-average %.4f;", h, m.get("model")[0],
                m.get("persistence")[0], m.get("historical-average")[0])));
        return sb.toString().trim();
    }

    private void rebuildContext() {
        Instant now = clock.instant();
        context.set(ForecastContext.of(history.all(), Long.MIN_VALUE / 2, now.toEpochMilli() + 1, holidays));
        contextBuilt = now;
    }

    /**
     * Sends what changed: to this instance's SSE clients always, to Kafka only for the signs and car parks this
     * instance publishes for (messaging/SignOwnership; all of them when it runs alone).
     */
    private void publish(SignEngine.Changes changes) {
        synchronized (publishing) {
            for (SignUpdate u : changes.signs()) {
                if (ownership.owns(u.signId())) {
                    publisher.publish(u);
                    metrics.counter("greenwave.parking.sign.updates", "sign", u.signId()).increment();
                }
                synchronized (signStream) {
                    signStream.onNext(u);
                }
            }
            for (SensorStatus s : changes.sensors()) {
                if (ownership.owns(s.deviceId())) {
                    publisher.publish(s);
                    metrics.counter("greenwave.parking.sensor.alerts", "status", s.status()).increment();
                }
                if (SensorStatus.STALE.equals(s.status())) {
                    LOG.warnf("car park %s: %s", s.deviceId(), s.reason());
                }
            }
        }
    }

    /**
     * This instance starts publishing for more signs (messaging/SignOwnership): every current display of a sign
     * taken over that differs from what was last published for it is published now, then the ownership applies.
     */
    public void takeOver(Runnable applyOwnership, java.util.function.Predicate<String> takenOver,
                         Map<String, SignUpdate> lastPublished) {
        synchronized (publishing) {
            applyOwnership.run();
            int sent = 0;
            for (SignUpdate current : engine.published()) {
                if (!takenOver.test(current.signId())) {
                    continue;
                }
                SignUpdate last = lastPublished.get(current.signId());
                if (last == null || !sameDisplay(last, current)) {
                    publisher.publish(current);
                    metrics.counter("greenwave.parking.sign.updates", "sign", current.signId()).increment();
                    sent++;
                }
            }
            LOG.infof("took over %d signs' publication: %d displays differed from the last published",
                    engine.published().stream().filter(u -> takenOver.test(u.signId())).count(), sent);
        }
    }

    private static boolean sameDisplay(SignUpdate a, SignUpdate b) {
        return a.fallback() == b.fallback() && java.util.Objects.equals(a.entries(), b.entries())
                && java.util.Objects.equals(a.message(), b.message());
    }

    // ---------------------------------------------------------------- views for REST

    public SignEngine engine() {
        return engine;
    }

    public Instant now() {
        return clock.instant();
    }

    public List<Prediction> forecast(String carParkId) {
        return forecasts.getOrDefault(carParkId, List.of());
    }

    public Optional<Instant> forecastOrigin(String carParkId) {
        return Optional.ofNullable(forecastOrigins.get(carParkId));
    }

    public String forecasterSource() {
        return forecasterSource;
    }

    public boolean forecasterTrained() {
        return forecaster.get().trained();
    }

    public Map<Integer, Double> liveMae() {
        return score.mae();
    }

    /** How the current forecaster did on its held-out validation period (empty before the first training). */
    public Optional<Trainer.Report> lastTraining() {
        return Optional.ofNullable(lastTraining);
    }

    /** Blend weights of the current forecaster per horizon (empty when cold). */
    public Map<Integer, Map<String, Double>> blendWeights() {
        return forecaster.get().blendWeights();
    }

    public Multi<SignUpdate> signStream() {
        return signStream;
    }

    /** Ids of car parks as their readings arrive. */
    public Multi<String> carParkStream() {
        return carParkStream;
    }

    public GuidanceConfig config() {
        return config;
    }
}
