package org.greenwave.sumo.plan;

/**
 * Something a signal's plan executor did, for the evaluation report and the dashboard.
 *
 * @param type           what happened
 * @param simTime        simulation time, seconds
 * @param intersectionId the intersection
 * @param planId         the plan concerned (null for fallback events without a plan)
 * @param detail         a short explanation (reason of a rejection, cause of a fallback)
 */
public record ExecutorEvent(Type type, double simTime, String intersectionId, String planId, String detail) {

    public enum Type {
        /** a valid plan was received and waits for its validFrom */
        PLAN_ACCEPTED,
        /** a plan failed the checks and was ignored; the last valid plan stays */
        PLAN_REJECTED,
        /** the controller started executing a plan */
        PLAN_APPLIED,
        /** no valid plan for too long: back to the scenario's fixed-time program */
        FALLBACK_ENTERED,
        /** a valid plan arrived during fallback: plans run again */
        FALLBACK_LEFT
    }
}
