package org.greenwave.sumo.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads a SUMO {@code .net.xml} (or {@code .net.xml.gz}) into a {@link NetworkModel} with one streaming pass. */
public final class NetReader {

    private record Connection(String from, String to, int fromLane, int toLane, String via, String tl, int linkIndex,
                              String dir) {
    }

    private record EdgeInfo(String function, String to) {
    }

    public static NetworkModel read(Path netFile) {
        return read(netFile, List.of());
    }

    /** The scenario's network with the programs of its additional files. */
    public static NetworkModel read(ScenarioConfig scenario) {
        return read(scenario.netFile(), scenario.additionalFiles());
    }

    /**
     * Reads the network and the signal programs of additional files (loaded after the network, in order): SUMO
     * runs the program of a signal loaded last.
     */
    public static NetworkModel read(Path netFile, List<Path> additionalFiles) {
        Map<String, NetworkModel.Lane> lanes = new LinkedHashMap<>();
        Map<String, EdgeInfo> edges = new HashMap<>();
        Map<String, NetworkModel.Junction> junctions = new LinkedHashMap<>();
        Map<String, List<NetworkModel.Program>> programs = new TreeMap<>();
        List<Connection> connections = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(netFile);
             InputStream in = netFile.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            String edgeId = null;
            String edgeFunction = "";
            Programs collector = new Programs(programs);
            String junctionId = null;
            String[] junctionAttrs = null;
            List<String> foes = null;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "edge" -> edgeId = null;
                        case "tlLogic" -> collector.end();
                        case "junction" -> {
                            if (junctionId != null) {
                                junctions.put(junctionId, new NetworkModel.Junction(junctionId, junctionAttrs[0],
                                        Double.parseDouble(junctionAttrs[1]), Double.parseDouble(junctionAttrs[2]),
                                        words(junctionAttrs[3]), words(junctionAttrs[4]), List.copyOf(foes),
                                        shape(junctionAttrs[5])));
                                junctionId = null;
                            }
                        }
                        default -> {
                        }
                    }
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "edge" -> {
                        edgeId = attr(xml, "id", "");
                        edgeFunction = attr(xml, "function", "");
                        edges.put(edgeId, new EdgeInfo(edgeFunction, attr(xml, "to", "")));
                    }
                    case "lane" -> {
                        if (edgeId != null) {
                            String id = attr(xml, "id", "");
                            lanes.put(id, new NetworkModel.Lane(id, edgeId, edgeFunction,
                                    num(xml, "length", 0), num(xml, "speed", 13.89), shape(attr(xml, "shape", "")),
                                    attr(xml, "allow", ""), attr(xml, "disallow", "")));
                        }
                    }
                    case "tlLogic", "phase" -> collector.start(xml);
                    case "junction" -> {
                        String id = attr(xml, "id", "");
                        if (!id.startsWith(":")) {
                            junctionId = id;
                            junctionAttrs = new String[] {attr(xml, "type", ""), attr(xml, "x", "0"),
                                    attr(xml, "y", "0"), attr(xml, "incLanes", ""), attr(xml, "intLanes", ""),
                                    attr(xml, "shape", "")};
                            foes = new ArrayList<>();
                        }
                    }
                    case "request" -> {
                        if (junctionId != null) {
                            int index = (int) num(xml, "index", foes.size());
                            while (foes.size() <= index) {
                                foes.add("");
                            }
                            foes.set(index, attr(xml, "foes", ""));
                        }
                    }
                    case "connection" -> {
                        String from = attr(xml, "from", "");
                        // out of internal lanes only a crossing's signalled connection is a movement
                        if (!from.startsWith(":") || xml.getAttributeValue(null, "tl") != null
                                || xml.getAttributeValue(null, "via") != null) {
                            connections.add(new Connection(from, attr(xml, "to", ""),
                                    (int) num(xml, "fromLane", 0), (int) num(xml, "toLane", 0), attr(xml, "via", ""),
                                    attr(xml, "tl", ""), (int) num(xml, "linkIndex", -1), attr(xml, "dir", "")));
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException | XMLStreamException e) {
            throw new IllegalArgumentException("cannot read SUMO network " + netFile + ": " + e.getMessage(), e);
        }
        for (Path additional : additionalFiles) {
            readPrograms(additional, programs);
        }

        Map<String, String> junctionOfInternalLane = new HashMap<>();
        for (NetworkModel.Junction j : junctions.values()) {
            j.intLanes().forEach(l -> junctionOfInternalLane.put(l, j.id()));
        }
        List<NetworkModel.Signal> signals = new ArrayList<>();
        for (var entry : programs.entrySet()) {
            String tl = entry.getKey();
            Map<Integer, NetworkModel.Link> byIndex = new TreeMap<>();
            Set<String> tlJunctions = new LinkedHashSet<>();
            for (Connection c : connections) {
                if (!c.tl().equals(tl) || c.linkIndex() < 0 || byIndex.containsKey(c.linkIndex())) {
                    continue;
                }
                EdgeInfo from = edges.get(c.from());
                String junction = from == null ? "" : from.to();
                boolean pedestrian = from != null && ("crossing".equals(from.function())
                        || "walkingarea".equals(from.function()));
                if (pedestrian) {
                    // a crossing's junction is the one whose internal lanes list it
                    String crossingLane = c.from() + "_" + c.fromLane();
                    junction = junctionOfInternalLane.getOrDefault(crossingLane, junction);
                }
                if (!junction.isEmpty()) {
                    tlJunctions.add(junction);
                }
                byIndex.put(c.linkIndex(), new NetworkModel.Link(c.linkIndex(), c.from() + "_" + c.fromLane(),
                        c.to() + "_" + c.toLane(), c.via(), c.dir(), pedestrian, junction));
            }
            int stateLength = entry.getValue().get(0).phases().isEmpty() ? 0
                    : entry.getValue().get(0).phases().get(0).state().length();
            List<NetworkModel.Link> links = new ArrayList<>();
            for (int i = 0; i < stateLength; i++) {
                NetworkModel.Link link = byIndex.get(i);
                // an index without a connection (rare: unused signal position) keeps its place in the state
                links.add(link != null ? link : new NetworkModel.Link(i, "", "", "", "", false, ""));
            }
            double x = 0;
            double y = 0;
            int n = 0;
            for (String j : tlJunctions) {
                NetworkModel.Junction junction = junctions.get(j);
                if (junction != null) {
                    x += junction.x();
                    y += junction.y();
                    n++;
                }
            }
            signals.add(new NetworkModel.Signal(tl, List.copyOf(entry.getValue()), List.copyOf(links),
                    List.copyOf(tlJunctions), n == 0 ? 0 : x / n, n == 0 ? 0 : y / n));
        }
        // internal lane -> the next internal lane of the same way across a junction (split internal lanes)
        Map<String, String> internalNext = new HashMap<>();
        for (Connection c : connections) {
            if (c.from().startsWith(":") && !c.via().isEmpty()) {
                internalNext.put(c.from() + "_" + c.fromLane(), c.via());
            }
        }
        List<NetworkModel.LaneConnection> roadConnections = new ArrayList<>();
        for (Connection c : connections) {
            EdgeInfo from = edges.get(c.from());
            EdgeInfo to = edges.get(c.to());
            if (from == null || to == null || !from.function().isEmpty() || !to.function().isEmpty()) {
                continue;
            }
            double via = 0;
            String internal = c.via();
            for (int guard = 0; !internal.isEmpty() && guard < 8; guard++) {
                NetworkModel.Lane lane = lanes.get(internal);
                via += lane == null ? 0 : lane.length();
                internal = internalNext.getOrDefault(internal, "");
            }
            roadConnections.add(new NetworkModel.LaneConnection(c.from() + "_" + c.fromLane(), c.to() + "_" + c.toLane(),
                    c.dir(), from.to(), via));
        }
        Map<String, List<NetworkModel.LaneConnection>> into = new HashMap<>();
        Map<String, List<NetworkModel.LaneConnection>> outOf = new HashMap<>();
        for (NetworkModel.LaneConnection c : roadConnections) {
            into.computeIfAbsent(c.toLane(), k -> new ArrayList<>()).add(c);
            outOf.computeIfAbsent(c.fromLane(), k -> new ArrayList<>()).add(c);
        }
        return new NetworkModel(lanes, junctions, List.copyOf(signals), into, outOf);
    }

    /** Collects {@code tlLogic} programs; a program id loaded again replaces the earlier one and becomes the last. */
    private static final class Programs {
        private final Map<String, List<NetworkModel.Program>> programs;
        private String tl;
        private String programId;
        private String type;
        private double offset;
        private List<NetworkModel.ProgramPhase> phases;

        Programs(Map<String, List<NetworkModel.Program>> programs) {
            this.programs = programs;
        }

        void start(XMLStreamReader xml) {
            if (xml.getLocalName().equals("tlLogic")) {
                tl = attr(xml, "id", "");
                programId = attr(xml, "programID", "0");
                type = attr(xml, "type", "static");
                offset = num(xml, "offset", 0);
                phases = new ArrayList<>();
            } else if (phases != null) {
                phases.add(new NetworkModel.ProgramPhase(num(xml, "duration", 0), attr(xml, "state", ""),
                        num(xml, "minDur", -1), num(xml, "maxDur", -1), attr(xml, "name", "")));
            }
        }

        void end() {
            if (phases == null) {
                return;
            }
            List<NetworkModel.Program> list = programs.computeIfAbsent(tl, k -> new ArrayList<>());
            list.removeIf(p -> p.programId().equals(programId));
            list.add(new NetworkModel.Program(programId, type, offset, List.copyOf(phases)));
            phases = null;
        }
    }

    private static void readPrograms(Path file, Map<String, List<NetworkModel.Program>> programs) {
        Programs collector = new Programs(programs);
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT
                        && (xml.getLocalName().equals("tlLogic") || xml.getLocalName().equals("phase"))) {
                    collector.start(xml);
                } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("tlLogic")) {
                    collector.end();
                }
            }
        } catch (IOException | XMLStreamException e) {
            throw new IllegalArgumentException("cannot read SUMO additional file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String attr(XMLStreamReader xml, String name, String fallback) {
        String v = xml.getAttributeValue(null, name);
        return v == null ? fallback : v;
    }

    private static double num(XMLStreamReader xml, String name, double fallback) {
        String v = xml.getAttributeValue(null, name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    private static List<double[]> shape(String s) {
        if (s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.trim().split("\\s+")).map(p -> {
            String[] xy = p.split(",");
            return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
        }).toList();
    }

    private NetReader() {
    }
}
