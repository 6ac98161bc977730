package org.greenwave.contracts;

/** Kafka record header names used across services. */
public final class Headers {

    /** Why a record was sent to a dead-letter topic (UTF-8 text). */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";
    /** The topic the dead-lettered record was read from, or "http" for REST input. */
    public static final String DEAD_LETTER_SOURCE = "dead-letter-source";
    /** The JSON Schema id ({@code $id}) a record's value conforms to, e.g. {@code urn:greenwave:detector-reading:1}. */
    public static final String SCHEMA = "greenwave-schema";

    private Headers() {
    }
}
