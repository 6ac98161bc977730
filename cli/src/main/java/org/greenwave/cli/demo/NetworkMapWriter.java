package org.greenwave.cli.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.SAXParserFactory;
import org.greenwave.contracts.Json;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.ScenarioConfig;
import org.greenwave.sumo.twin.Intersections;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Writes the dashboard's street map from a SUMO scenario: road lanes (vehicle lanes, not footpaths), junction
 * outlines, every signal with its links (registry id, SUMO id, position), street names, and the scenario's POIs of
 * type {@code greenwave.car-park} / {@code greenwave.parking-sign}. Pure Java (no SUMO process), so the map exists
 * even where {@code sumo} is not installed.
 */
public final class NetworkMapWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public static ObjectNode map(ScenarioConfig scenario, NetworkModel net) {
        ObjectNode out = NODES.objectNode();
        out.put("scenario", scenario.name());
        double[] bounds = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        ArrayNode lanes = out.putArray("lanes");
        Map<String, double[]> longestEdgeLane = new HashMap<>();
        for (NetworkModel.Lane lane : net.lanes().values()) {
            if (!lane.function().isEmpty() || lane.pedestrianOnly() || lane.shape().size() < 2) {
                continue;
            }
            ObjectNode l = lanes.addObject();
            l.put("id", lane.id());
            l.put("edge", lane.edge());
            l.set("shape", shape(lane.shape(), bounds));
        }
        ArrayNode junctions = out.putArray("junctions");
        for (NetworkModel.Junction j : net.junctions().values()) {
            if (j.shape().size() > 2 && !"internal".equals(j.type())) {
                ObjectNode o = junctions.addObject();
                o.put("id", j.id());
                o.set("shape", shape(j.shape(), null));
            }
        }
        ArrayNode signals = out.putArray("signals");
        for (NetworkModel.Signal s : net.signals()) {
            ObjectNode o = signals.addObject();
            o.put("id", Intersections.idOf(s));
            o.put("signal", s.id());
            o.put("name", s.id());
            o.put("x", round(s.x()));
            o.put("y", round(s.y()));
            ArrayNode links = o.putArray("links");
            for (NetworkModel.Link link : s.links()) {
                if (link.pedestrian()) {
                    continue;
                }
                ObjectNode k = links.addObject();
                k.put("index", link.index());
                k.put("from", link.fromLane());
                k.put("to", link.toLane());
                k.put("dir", link.direction());
            }
        }
        Map<String, String> names = edgeNames(scenario.netFile());
        ObjectNode edgeNames = out.putObject("edgeNames");
        names.forEach(edgeNames::put);
        out.set("streets", streetLabels(net, names));
        ArrayNode pois = out.putArray("pois");
        for (Path add : scenario.additionalFiles()) {
            for (Map<String, String> poi : pois(add)) {
                String type = poi.getOrDefault("type", "");
                if (!type.startsWith("greenwave.") || !poi.containsKey("x") || !poi.containsKey("y")) {
                    continue;
                }
                ObjectNode p = pois.addObject();
                p.put("id", poi.get("id"));
                p.put("type", type);
                p.put("x", Double.parseDouble(poi.get("x")));
                p.put("y", Double.parseDouble(poi.get("y")));
                grow(bounds, p.get("x").asDouble(), p.get("y").asDouble());
            }
        }
        ArrayNode b = out.putArray("bounds");
        for (double v : bounds) {
            b.add(round(v));
        }
        return out;
    }

    public static void write(ScenarioConfig scenario, NetworkModel net, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Json.toBytes(map(scenario, net)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One label per street name, on the middle of its longest road lane, turned along it. */
    private static ArrayNode streetLabels(NetworkModel net, Map<String, String> names) {
        Map<String, NetworkModel.Lane> longest = new LinkedHashMap<>();
        for (NetworkModel.Lane lane : net.lanes().values()) {
            String name = names.get(lane.edge());
            if (name == null || name.isBlank() || !lane.function().isEmpty() || lane.shape().size() < 2
                    || !lane.id().endsWith("_0")) {
                continue;
            }
            NetworkModel.Lane known = longest.get(name);
            if (known == null || lane.length() > known.length()) {
                longest.put(name, lane);
            }
        }
        ArrayNode out = NODES.arrayNode();
        longest.forEach((name, lane) -> {
            List<double[]> shape = lane.shape();
            double[] a = shape.get(0);
            double[] b = shape.get(shape.size() - 1);
            double angle = Math.toDegrees(Math.atan2(b[1] - a[1], b[0] - a[0]));
            if (angle > 90) {
                angle -= 180;
            } else if (angle < -90) {
                angle += 180;
            }
            // beside the road (to its right in driving direction), so the label does not cover the lanes
            double len = Math.hypot(b[0] - a[0], b[1] - a[1]);
            double nx = len == 0 ? 0 : (b[1] - a[1]) / len;
            double ny = len == 0 ? 0 : -(b[0] - a[0]) / len;
            ObjectNode o = out.addObject();
            o.put("name", name);
            o.put("x", round((a[0] + b[0]) / 2 + nx * 16));
            o.put("y", round((a[1] + b[1]) / 2 + ny * 16));
            o.put("angle", Math.round(angle));
        });
        return out;
    }

    private static ArrayNode shape(List<double[]> points, double[] bounds) {
        ArrayNode a = NODES.arrayNode();
        for (double[] p : points) {
            ArrayNode xy = a.addArray();
            xy.add(round(p[0]));
            xy.add(round(p[1]));
            if (bounds != null) {
                grow(bounds, p[0], p[1]);
            }
        }
        return a;
    }

    private static void grow(double[] b, double x, double y) {
        b[0] = Math.min(b[0], x);
        b[1] = Math.min(b[1], y);
        b[2] = Math.max(b[2], x);
        b[3] = Math.max(b[3], y);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Street names of the network's edges ({@code <edge id name>}), SUMO's own attribute. */
    static Map<String, String> edgeNames(Path netFile) {
        Map<String, String> names = new LinkedHashMap<>();
        parse(netFile, (element, attributes) -> {
            if ("edge".equals(element) && attributes.getValue("name") != null
                    && attributes.getValue("function") == null) {
                names.put(attributes.getValue("id"), attributes.getValue("name"));
            }
        });
        return names;
    }

    static List<Map<String, String>> pois(Path additionalFile) {
        List<Map<String, String>> out = new java.util.ArrayList<>();
        if (!Files.isRegularFile(additionalFile)) {
            return out;
        }
        parse(additionalFile, (element, attributes) -> {
            if ("poi".equals(element)) {
                Map<String, String> poi = new HashMap<>();
                for (int i = 0; i < attributes.getLength(); i++) {
                    poi.put(attributes.getQName(i), attributes.getValue(i));
                }
                out.add(poi);
            }
        });
        return out;
    }

    private interface ElementVisitor {
        void visit(String element, Attributes attributes);
    }

    private static void parse(Path file, ElementVisitor visitor) {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newSAXParser().parse(file.toFile(), new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    visitor.visit(qName, attributes);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private NetworkMapWriter() {
    }
}
