package org.greenwave.cli.twin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.Intersection;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.sumo.loop.ControllerStateSink;
import org.greenwave.sumo.loop.FieldDevices;
import org.greenwave.sumo.loop.FieldReading;
import org.greenwave.sumo.loop.PlanSource;
import org.greenwave.sumo.twin.DetectorIds;

/**
 * A twin run's own id namespace on the services' side: its intersections and detectors reach the services as
 * {@code <prefix><id>}, so that several runs of the same network on one platform are different devices with their
 * own history. An id that the prefix would make longer than SPEC allows (real networks name signal clusters with
 * 160 characters) is shortened with a hash ({@link DetectorIds#fit}). Plans come back with the twin's own ids;
 * other runs' plans are not the run's.
 */
public final class RunNamespace {

    private final String prefix;
    /** Namespaced intersection id to the twin's own (plans name the namespaced one). */
    private final Map<String, String> own = new ConcurrentHashMap<>();

    public RunNamespace(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** An id of this run as the services know it. */
    public String id(String twinId) {
        return DetectorIds.fit(prefix + twinId, prefix + twinId);
    }

    private String intersectionId(String twinId) {
        String id = id(twinId);
        own.putIfAbsent(id, twinId);
        return id;
    }

    /** The registry record of an intersection under this namespace. */
    public Intersection intersection(Intersection r) {
        return new Intersection(intersectionId(r.id()), r.name(), r.x(), r.y(), r.links(), r.phases(),
                r.detectors().stream().map(d -> new Intersection.Detector(id(d.id()), d.lane(), d.kind(),
                        d.lengthMeters(), d.fromMeters(), d.toMeters(), d.role())).toList(),
                r.fixedProgram(), r.limits());
    }

    /** Readings leave the twin with this run's ids. */
    public FieldDevices devices(FieldDevices inner) {
        return readings -> {
            List<FieldReading> out = new ArrayList<>(readings.size());
            for (FieldReading r : readings) {
                out.add(new FieldReading(intersectionId(r.intersectionId()), id(r.detectorId()), r.timestamp(),
                        r.vehicleCount(), r.occupancy(), r.haltingVehicles()));
            }
            inner.send(out);
        };
    }

    /** This run's plans, with the twin's own intersection ids. */
    public PlanSource plans(PlanSource inner) {
        return new PlanSource() {
            @Override
            public List<TimingPlan> poll(Duration timeout) {
                List<TimingPlan> out = new ArrayList<>();
                for (TimingPlan p : inner.poll(timeout)) {
                    String twinId = own.get(p.intersectionId());
                    if (twinId != null) {
                        out.add(new TimingPlan(p.planId(), twinId,
                                p.validFrom(), p.dataUntil(), p.cycleSeconds(), p.offsetSeconds(), p.phases(),
                                p.modelVersion(), p.explanation(), p.mode(), p.approvedBy()));
                    }
                }
                return out;
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    /** Controller states reported under this run's ids. */
    public ControllerStateSink states(ControllerStateSink inner) {
        return new ControllerStateSink() {
            @Override
            public void publish(List<ControllerState> states) {
                List<ControllerState> out = new ArrayList<>(states.size());
                for (ControllerState s : states) {
                    out.add(new ControllerState(intersectionId(s.intersectionId()), s.timestamp(), s.state(),
                            s.phaseIndex(), s.inTransition(), s.greenSeconds(), s.planId(), s.source()));
                }
                inner.publish(out);
            }

            @Override
            public void flush() {
                inner.flush();
            }
        };
    }
}
