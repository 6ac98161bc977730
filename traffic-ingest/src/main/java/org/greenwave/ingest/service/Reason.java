package org.greenwave.ingest.service;

import java.util.Locale;

/**
 * Why an item was rejected, as a short fixed code: the {@code reason} tag of the rejection metric and the
 * {@code reason} of an item error in the HTTP answer. A fixed set on purpose: field names or values from the
 * input never become metric tags (unbounded cardinality).
 */
public enum Reason {
    /** The record (Kafka) or the body (HTTP) is not JSON. */
    NOT_JSON,
    /** The item is JSON but not an object. */
    NOT_AN_OBJECT,
    /** A field the SPEC does not define. */
    UNKNOWN_FIELD,
    /** The same field twice in one item. */
    DUPLICATE_FIELD,
    /** A required field is missing or null. */
    REQUIRED,
    /** A field has the wrong JSON type. */
    WRONG_TYPE,
    /** A number outside its range. */
    OUT_OF_RANGE,
    /** An id that is not 1-128 characters of letters, digits and {@code _ . : # -}. */
    BAD_ID,
    /** A timestamp that is neither ISO-8601 with offset nor epoch milliseconds. */
    BAD_TIMESTAMP,
    /** A timestamp too far ahead of the server clock. */
    IN_FUTURE,
    /** A timestamp older than the accepted age. */
    TOO_LATE,
    /** A car park reporting implausibly more cars than spaces. */
    IMPLAUSIBLE,
    /** An intersection, detector or car park not in the registry while unknown devices are rejected. */
    UNKNOWN_DEVICE,
    /** A detector the registry places at a different intersection. */
    WRONG_INTERSECTION,
    /** The registry is at its configured maximum size; no new device can be registered. */
    REGISTRY_FULL,
    /** Same device and timestamp as a stored reading but different values. */
    CONFLICTING_DUPLICATE,
    /** Older than every reading this device's duplicate window still remembers: a duplicate cannot be ruled out. */
    OUTSIDE_DEDUP_WINDOW;

    private final String code = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The code as written in metrics and answers, e.g. {@code too-late}. */
    public String code() {
        return code;
    }
}
