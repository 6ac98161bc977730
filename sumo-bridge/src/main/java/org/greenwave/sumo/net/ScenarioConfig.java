package org.greenwave.sumo.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What greenwave needs from a {@code .sumocfg}: network, route and additional files (absolute paths) and the
 * simulated period.
 *
 * @param file            the configuration file
 * @param netFile         the network
 * @param routeFiles      route files (where scheduled departures come from)
 * @param additionalFiles additional files of the scenario itself (kept when the twin adds its own)
 * @param begin           simulation begin, seconds
 * @param end             simulation end, seconds
 */
public record ScenarioConfig(Path file, Path netFile, List<Path> routeFiles, List<Path> additionalFiles,
                             double begin, double end) {

    public String name() {
        String n = file.getFileName().toString();
        return n.endsWith(".sumocfg") ? n.substring(0, n.length() - ".sumocfg".length()) : n;
    }

    public static ScenarioConfig read(Path cfg) {
        Path file = cfg.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such SUMO configuration: " + cfg);
        }
        Path dir = file.getParent();
        Path net = null;
        List<Path> routes = new ArrayList<>();
        List<Path> additional = new ArrayList<>();
        Double begin = null;
        Double end = null;
        try (InputStream in = Files.newInputStream(file)) {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String value = xml.getAttributeValue(null, "value");
                if (value == null) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "net-file", "n" -> net = dir.resolve(value.trim()).normalize();
                    case "route-files", "r" -> routes.addAll(paths(dir, value));
                    case "additional-files", "a" -> additional.addAll(paths(dir, value));
                    case "begin", "b" -> begin = Double.parseDouble(value.trim());
                    case "end", "e" -> end = Double.parseDouble(value.trim());
                    default -> {
                    }
                }
            }
        } catch (IOException | XMLStreamException e) {
            throw new IllegalArgumentException("cannot read SUMO configuration " + cfg + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("begin/end of " + cfg + " must be seconds: " + e.getMessage(), e);
        }
        if (net == null) {
            throw new IllegalArgumentException(cfg + " names no net-file");
        }
        if (end == null || end < 0) {
            throw new IllegalArgumentException(cfg + " has no <end>: greenwave evaluates a fixed period (begin..end)");
        }
        double b = begin == null ? 0 : begin;
        if (end <= b) {
            throw new IllegalArgumentException(cfg + ": end " + end + " is not after begin " + b);
        }
        return new ScenarioConfig(file, net, List.copyOf(routes), List.copyOf(additional), b, end);
    }

    private static List<Path> paths(Path dir, String value) {
        List<Path> list = new ArrayList<>();
        for (String part : value.split("[,\\s]+")) {
            if (!part.isBlank()) {
                list.add(dir.resolve(part.trim()).normalize());
            }
        }
        return list;
    }
}
