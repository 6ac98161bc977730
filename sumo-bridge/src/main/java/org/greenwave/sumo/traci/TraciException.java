package org.greenwave.sumo.traci;

/** SUMO refused a command, or the connection broke or spoke something unexpected. */
public class TraciException extends RuntimeException {

    public TraciException(String message) {
        super(message);
    }

    public TraciException(String message, Throwable cause) {
        super(message, cause);
    }
}
