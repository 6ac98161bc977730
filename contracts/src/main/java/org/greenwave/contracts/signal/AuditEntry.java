package org.greenwave.contracts.signal;

import java.time.Instant;

/**
 * One entry of the signal audit trail on {@code signal.audit} (key intersectionId): every published or refused
 * plan and every human action, with who, when and why.
 *
 * @param id             unique and deterministic for the same event (e.g. the plan id plus the action)
 * @param intersectionId the intersection
 * @param at             when it happened
 * @param actor          {@code greenwave} for the optimizer, else the engineer's user name
 * @param action         one of the constants below
 * @param planId         the plan concerned, if any
 * @param reason         why: the plan's explanation, the validator's findings, or the engineer's words
 */
public record AuditEntry(String id, String intersectionId, Instant at, String actor, String action, String planId,
                         String reason) {

    public static final String SCHEMA = "urn:greenwave:audit-entry:1";
    public static final String PLAN_PUBLISHED = "PLAN_PUBLISHED";
    public static final String PLAN_REFUSED = "PLAN_REFUSED";
    public static final String PLAN_PROPOSED = "PLAN_PROPOSED";
    public static final String PLAN_APPROVED = "PLAN_APPROVED";
    public static final String PLAN_REJECTED = "PLAN_REJECTED";
    public static final String MODE_CHANGED = "MODE_CHANGED";
    public static final String MANUAL_PLAN = "MANUAL_PLAN";
}
