package org.greenwave.sumo.traci;

import java.util.Arrays;

/**
 * One TraCI command: its id, its content (everything after the id) and what SUMO answers besides the status.
 *
 * @param id      command id, e.g. {@link TraciConstants#CMD_GET_TL_VARIABLE}
 * @param content the bytes after the command id
 * @param reply   what follows the status response
 */
public record TraciCommand(int id, byte[] content, Reply reply) {

    /** What SUMO sends back for a command after its status response. */
    public enum Reply {
        /** nothing (set commands, close) */
        STATUS_ONLY,
        /** one response command (get commands, version, subscriptions) */
        RESULT,
        /** the subscription results of the step just made */
        STEP
    }

    /** Appends the command with its length header: one byte, or 0 plus an int when it would not fit. */
    public void encode(TraciWriter out) {
        int length = 1 + 1 + content.length;
        if (length <= 255) {
            out.writeUByte(length);
        } else {
            out.writeUByte(0).writeInt(length + 4);
        }
        out.writeUByte(id).writeBytes(content);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraciCommand c && c.id == id && c.reply == reply && Arrays.equals(c.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * id + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return String.format("TraciCommand[0x%02x, %d bytes]", id, content.length);
    }
}
