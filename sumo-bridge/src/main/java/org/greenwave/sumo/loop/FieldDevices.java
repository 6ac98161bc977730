package org.greenwave.sumo.loop;

import java.util.List;

/**
 * Where the twin's detectors send their readings, the way the city's field devices do (for the product: HTTP to
 * traffic-ingest, see {@link IngestFieldDevices}).
 */
public interface FieldDevices extends AutoCloseable {

    /**
     * Delivers readings; returns once the receiver has promised to keep them (traffic-ingest: 202).
     *
     * @throws FieldDeviceException when the receiver refuses some or all of them
     */
    void send(List<FieldReading> readings);

    @Override
    default void close() {
    }

    /** The receiver refused readings or could not be reached. */
    class FieldDeviceException extends RuntimeException {

        private final int status;

        public FieldDeviceException(String message, int status) {
            super(message);
            this.status = status;
        }

        /** HTTP status, or 0 when no answer came. */
        public int status() {
            return status;
        }
    }
}
