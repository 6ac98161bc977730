package org.greenwave.sumo.evaluate;

/** Told after every simulation step of a run (cheap: implementations throttle their own output). */
@FunctionalInterface
public interface RunProgress {

    void onStep(String controller, int seed, double time, double begin, double end);

    RunProgress NONE = (controller, seed, time, begin, end) -> {
    };
}
