package org.greenwave.sumo.traci;

import static org.greenwave.sumo.traci.TraciConstants.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads TraCI's big-endian storage format from a byte array. */
public final class TraciReader {

    private final ByteBuffer buffer;

    public TraciReader(byte[] bytes) {
        this(ByteBuffer.wrap(bytes));
    }

    TraciReader(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    public int readUByte() {
        need(1);
        return buffer.get() & 0xff;
    }

    public int readInt() {
        need(4);
        return buffer.getInt();
    }

    public double readDouble() {
        need(8);
        return buffer.getDouble();
    }

    public String readString() {
        int length = readInt();
        if (length < 0) {
            throw new TraciException("negative string length " + length);
        }
        need(length);
        String s = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return s;
    }

    public List<String> readStringList() {
        int n = readInt();
        List<String> list = new ArrayList<>(Math.max(0, n));
        for (int i = 0; i < n; i++) {
            list.add(readString());
        }
        return list;
    }

    /**
     * A command or response length: one unsigned byte, or 0 followed by an int (for content over 255 bytes). The
     * returned length includes the length field itself.
     */
    public int readLength() {
        int length = readUByte();
        return length > 0 ? length : readInt();
    }

    public void expectType(int type) {
        int actual = readUByte();
        if (actual != type) {
            throw new TraciException(String.format("expected type 0x%02x, got 0x%02x", type, actual));
        }
    }

    public int readTypedInt() {
        expectType(TYPE_INTEGER);
        return readInt();
    }

    public double readTypedDouble() {
        expectType(TYPE_DOUBLE);
        return readDouble();
    }

    public String readTypedString() {
        expectType(TYPE_STRING);
        return readString();
    }

    public List<String> readTypedStringList() {
        expectType(TYPE_STRINGLIST);
        return readStringList();
    }

    /** A compound header; returns its item count. */
    public int readCompound() {
        expectType(TYPE_COMPOUND);
        return readInt();
    }

    /**
     * Any typed value: Integer (ubyte, byte, int), Double, String, List of String, double[] (double list and
     * positions), List of double[] (polygon), int[] (color), or List of Object (compound).
     */
    public Object readTypedValue() {
        int type = readUByte();
        switch (type) {
            case TYPE_UBYTE:
                return readUByte();
            case TYPE_BYTE:
                need(1);
                return (int) buffer.get();
            case TYPE_INTEGER:
                return readInt();
            case TYPE_DOUBLE:
                return readDouble();
            case TYPE_STRING:
                return readString();
            case TYPE_STRINGLIST:
                return readStringList();
            case TYPE_DOUBLELIST: {
                int n = readInt();
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = readDouble();
                }
                return values;
            }
            case POSITION_2D:
                return new double[] {readDouble(), readDouble()};
            case POSITION_3D:
                return new double[] {readDouble(), readDouble(), readDouble()};
            case TYPE_POLYGON:
                return readPolygonBody();
            case TYPE_COLOR:
                return new int[] {readUByte(), readUByte(), readUByte(), readUByte()};
            case TYPE_COMPOUND: {
                int n = readInt();
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(readTypedValue());
                }
                return items;
            }
            default:
                throw new TraciException(String.format("unknown TraCI type 0x%02x", type));
        }
    }

    /** A polygon after its type byte: point count (ubyte, or 0 then int), then x/y pairs. */
    public List<double[]> readPolygonBody() {
        int n = readUByte();
        if (n == 0) {
            n = readInt();
        }
        List<double[]> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new double[] {readDouble(), readDouble()});
        }
        return points;
    }

    public int position() {
        return buffer.position();
    }

    public void position(int position) {
        buffer.position(position);
    }

    public int remaining() {
        return buffer.remaining();
    }

    public boolean hasRemaining() {
        return buffer.hasRemaining();
    }

    private void need(int n) {
        if (buffer.remaining() < n) {
            throw new TraciException("truncated TraCI message: need " + n + " bytes, " + buffer.remaining() + " left");
        }
    }
}
