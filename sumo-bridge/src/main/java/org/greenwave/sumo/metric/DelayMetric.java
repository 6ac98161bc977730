package org.greenwave.sumo.metric;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Mean delay per vehicle by the SPEC's (RESCO) definition, from a tripinfo file written with unfinished trips and
 * the scenario's route files. Agrees with the reference {@code delay.py}: {@code <vehicle>} and {@code <trip>}
 * departures in [begin, end) are the schedule; tripinfo entries with {@code depart < 0} (loaded, never departed)
 * are not counted as departed.
 */
public final class DelayMetric {

    /** Default width of the delay-over-time bins, seconds. */
    public static final double BIN_SECONDS = 300;

    public static DelayResult compute(List<Path> routeFiles, Path tripinfo, double begin, double end) {
        Map<String, Double> scheduled = new LinkedHashMap<>();
        for (Path routes : routeFiles) {
            readSchedule(routes, begin, end, scheduled);
        }
        int bins = Math.max(1, (int) Math.ceil((end - begin) / BIN_SECONDS));
        double[] binSum = new double[bins];
        int[] binCount = new int[bins];
        Set<String> seen = new HashSet<>();
        double total = 0;
        double tripTime = 0;
        double waiting = 0;
        int departed = 0;
        try (InputStream in = open(tripinfo)) {
            XMLStreamReader xml = factory().createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT || !xml.getLocalName().equals("tripinfo")) {
                    continue;
                }
                double depart = num(xml, "depart");
                if (depart < 0) {
                    continue;
                }
                seen.add(xml.getAttributeValue(null, "id"));
                double departDelay = num(xml, "departDelay");
                double delay = num(xml, "timeLoss") + departDelay;
                total += delay;
                tripTime += num(xml, "duration");
                waiting += num(xml, "waitingTime");
                departed++;
                int bin = bin(depart - departDelay, begin, bins);
                binSum[bin] += delay;
                binCount[bin]++;
            }
        } catch (IOException | XMLStreamException e) {
            throw new IllegalArgumentException("cannot read tripinfo " + tripinfo + ": " + e.getMessage(), e);
        }
        int never = 0;
        for (var e : scheduled.entrySet()) {
            if (!seen.contains(e.getKey())) {
                double delay = end - e.getValue();
                total += delay;
                never++;
                int bin = bin(e.getValue(), begin, bins);
                binSum[bin] += delay;
                binCount[bin]++;
            }
        }
        int n = departed + never;
        List<Double> series = new ArrayList<>(bins);
        for (int i = 0; i < bins; i++) {
            series.add(binCount[i] == 0 ? Double.NaN : binSum[i] / binCount[i]);
        }
        return new DelayResult(total / Math.max(n, 1), tripTime / Math.max(departed, 1),
                waiting / Math.max(departed, 1), n, never, List.copyOf(series), BIN_SECONDS);
    }

    private static int bin(double t, double begin, int bins) {
        int b = (int) Math.floor((t - begin) / BIN_SECONDS);
        return Math.max(0, Math.min(bins - 1, b));
    }

    private static void readSchedule(Path routes, double begin, double end, Map<String, Double> scheduled) {
        try (InputStream in = open(routes)) {
            XMLStreamReader xml = factory().createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String tag = xml.getLocalName();
                if (!tag.equals("vehicle") && !tag.equals("trip")) {
                    continue;
                }
                String depart = xml.getAttributeValue(null, "depart");
                double d;
                try {
                    d = depart == null ? -1 : Double.parseDouble(depart.trim());
                } catch (NumberFormatException e) {
                    continue; // "triggered", "now", ...: no scheduled time to count from
                }
                if (d >= begin && d < end) {
                    scheduled.put(xml.getAttributeValue(null, "id"), d);
                }
            }
        } catch (IOException | XMLStreamException e) {
            throw new IllegalArgumentException("cannot read routes " + routes + ": " + e.getMessage(), e);
        }
    }

    private static double num(XMLStreamReader xml, String name) {
        String v = xml.getAttributeValue(null, name);
        return v == null || v.isBlank() ? 0 : Double.parseDouble(v);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        return factory;
    }

    private DelayMetric() {
    }
}
