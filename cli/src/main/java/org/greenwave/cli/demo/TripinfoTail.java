package org.greenwave.cli.demo;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the tripinfo file SUMO writes while it runs (one {@code <tripinfo .../>} per arrived vehicle) and keeps
 * the running mean delay of the vehicles that finished: time loss + departure delay, the SPEC's per-vehicle delay.
 * Vehicles still on their way count only once they arrive; the full metric (unfinished trips included) comes from
 * the complete file at the end of the run.
 */
final class TripinfoTail {

    private static final Pattern TRIP = Pattern.compile("<tripinfo\\s[^>]*>");
    private static final Pattern TIME_LOSS = Pattern.compile("\\stimeLoss=\"([-0-9.eE]+)\"");
    private static final Pattern DEPART_DELAY = Pattern.compile("\\sdepartDelay=\"([-0-9.eE]+)\"");
    private static final Pattern ARRIVAL = Pattern.compile("\\sarrival=\"([-0-9.eE]+)\"");

    private final Path file;
    private long offset;
    private final StringBuilder pending = new StringBuilder();
    private long finished;
    private double delaySum;

    TripinfoTail(Path file) {
        this.file = file;
    }

    /** Reads what SUMO wrote since the last call. */
    void poll() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return;
            }
            byte[] chunk = new byte[(int) Math.min(length - offset, 8 << 20)];
            in.seek(offset);
            in.readFully(chunk);
            offset += chunk.length;
            pending.append(new String(chunk, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return;
        }
        Matcher m = TRIP.matcher(pending);
        int consumed = 0;
        while (m.find()) {
            String trip = m.group();
            consumed = m.end();
            Matcher arrival = ARRIVAL.matcher(trip);
            if (arrival.find() && Double.parseDouble(arrival.group(1)) < 0) {
                continue; // written for an unfinished trip at the end of the run
            }
            double loss = value(TIME_LOSS, trip);
            double departDelay = value(DEPART_DELAY, trip);
            finished++;
            delaySum += Math.max(0, loss) + Math.max(0, departDelay);
        }
        pending.delete(0, consumed);
        int open = pending.lastIndexOf("<");
        if (open > 0) {
            pending.delete(0, open);
        }
    }

    long finished() {
        return finished;
    }

    /** Mean delay of the finished vehicles; null before the first one. */
    Double meanDelay() {
        return finished == 0 ? null : delaySum / finished;
    }

    private static double value(Pattern p, String trip) {
        Matcher m = p.matcher(trip);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
