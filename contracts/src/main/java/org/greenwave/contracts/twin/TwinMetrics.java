package org.greenwave.contracts.twin;

import java.time.Instant;

/**
 * Live numbers of one digital-twin run on {@code twin.metrics} (key controller), so that a dashboard can put
 * greenwave's delay beside the fixed-time baseline while both run on the same demand and seed.
 *
 * @param runId            one id per run (both controllers of a comparison share it)
 * @param scenario         the scenario's name, e.g. {@code bergheim-demo}
 * @param controller       {@code greenwave} (closed loop with the services) or a baseline such as {@code fixed}
 * @param seed             SUMO's random seed
 * @param timestamp        wall-clock time of this record
 * @param simTime          simulation time, seconds (the scenario's clock, e.g. 27000 = 07:30)
 * @param begin            the scenario's begin, seconds
 * @param end              the scenario's end, seconds
 * @param departed         vehicles that entered the network so far
 * @param arrived          vehicles that finished their trip so far
 * @param running          vehicles in the network now
 * @param halting          vehicles standing (below 0.1 m/s) on the signals' approaches now
 * @param meanDelaySeconds mean delay (time loss + departure delay) of the vehicles that finished so far; null
 *                         before the first one
 * @param pace             simulated seconds per wall-clock second of the run
 * @param finalMeanDelaySeconds the SPEC mean delay of the whole run once it ended (unfinished trips included);
 *                         null while it runs
 * @param eventTime        the instant that {@code simTime} stands for in the events the twin sends (readings,
 *                         controller states, and so the plans made from them), so that a dashboard can show those
 *                         events in the scenario's time of day; null if the twin sends none
 */
public record TwinMetrics(
        String runId,
        String scenario,
        String controller,
        int seed,
        Instant timestamp,
        double simTime,
        double begin,
        double end,
        long departed,
        long arrived,
        int running,
        int halting,
        Double meanDelaySeconds,
        double pace,
        Double finalMeanDelaySeconds,
        Instant eventTime) {

    public static final String SCHEMA = "urn:greenwave:twin-metrics:1";
}
