package org.greenwave.sumo.traci;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Writes TraCI's big-endian storage format into a growing byte array. */
public final class TraciWriter {

    private byte[] bytes = new byte[64];
    private int size;

    public TraciWriter writeUByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    public TraciWriter writeInt(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
        return this;
    }

    public TraciWriter writeDouble(double value) {
        long bits = Double.doubleToLongBits(value);
        writeInt((int) (bits >>> 32));
        return writeInt((int) bits);
    }

    /** A string: its length in bytes as an int, then UTF-8 bytes. */
    public TraciWriter writeString(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        writeInt(b.length);
        return writeBytes(b);
    }

    public TraciWriter writeStringList(List<String> values) {
        writeInt(values.size());
        values.forEach(this::writeString);
        return this;
    }

    public TraciWriter writeTypedInt(int value) {
        return writeUByte(TraciConstants.TYPE_INTEGER).writeInt(value);
    }

    public TraciWriter writeTypedDouble(double value) {
        return writeUByte(TraciConstants.TYPE_DOUBLE).writeDouble(value);
    }

    public TraciWriter writeTypedString(String value) {
        return writeUByte(TraciConstants.TYPE_STRING).writeString(value);
    }

    public TraciWriter writeCompoundHeader(int items) {
        return writeUByte(TraciConstants.TYPE_COMPOUND).writeInt(items);
    }

    public TraciWriter writeBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
