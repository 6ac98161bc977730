package org.greenwave.sumo.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small inline-SVG charts for the report: no scripts, no network, readable when printed. */
final class Svg {

    static final Map<String, String> COLORS = Map.of(
            "fixed", "#7f7f7f", "max-pressure", "#1f77b4", "greedy", "#ff7f0e", "greenwave", "#2ca02c");
    private static final String[] EXTRA = {"#9467bd", "#8c564b", "#e377c2", "#17becf"};

    static String color(String controller, int index) {
        return COLORS.getOrDefault(controller, EXTRA[index % EXTRA.length]);
    }

    /** A bar per controller (its mean), a whisker over the seeds' range, and a dot per seed. */
    static String bars(List<String> names, List<Double> means, List<double[]> perSeed, String yLabel) {
        int w = 560;
        int h = 300;
        int left = 60;
        int right = 20;
        int top = 20;
        int bottom = 50;
        double max = 0;
        for (int i = 0; i < names.size(); i++) {
            max = Math.max(max, means.get(i));
            for (double v : perSeed.get(i)) {
                max = Math.max(max, v);
            }
        }
        double yMax = niceCeiling(max);
        StringBuilder s = open(w, h);
        axes(s, left, top, w - right, h - bottom, 0, yMax, yLabel);
        double slot = (double) (w - left - right) / Math.max(1, names.size());
        for (int i = 0; i < names.size(); i++) {
            double cx = left + slot * (i + 0.5);
            double bw = Math.min(70, slot * 0.6);
            double y = scale(means.get(i), 0, yMax, h - bottom, top);
            String c = color(names.get(i), i);
            s.append(f("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s' opacity='0.8'><title>%s: %.1f s</title></rect>",
                    cx - bw / 2, y, bw, h - bottom - y, c, esc(names.get(i)), means.get(i)));
            double[] seeds = perSeed.get(i);
            if (seeds.length > 1) {
                double lo = Double.MAX_VALUE;
                double hi = -Double.MAX_VALUE;
                for (double v : seeds) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                double y1 = scale(lo, 0, yMax, h - bottom, top);
                double y2 = scale(hi, 0, yMax, h - bottom, top);
                s.append(f("<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#222' stroke-width='1.5'/>", cx, cx, y1, y2));
                s.append(f("<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#222'/>", cx - 8, cx + 8, y1, y1));
                s.append(f("<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#222'/>", cx - 8, cx + 8, y2, y2));
            }
            for (int k = 0; k < seeds.length; k++) {
                double dy = scale(seeds[k], 0, yMax, h - bottom, top);
                s.append(f("<circle cx='%.1f' cy='%.1f' r='3' fill='#222'><title>seed value %.2f s</title></circle>",
                        cx + (k - (seeds.length - 1) / 2.0) * 6, dy, seeds[k]));
            }
            s.append(f("<text x='%.1f' y='%d' text-anchor='middle' font-size='13'>%s</text>", cx, h - bottom + 18, esc(names.get(i))));
            s.append(f("<text x='%.1f' y='%.1f' text-anchor='middle' font-size='12' font-weight='bold'>%.1f</text>", cx, y - 5, means.get(i)));
        }
        return s.append("</svg>").toString();
    }

    /** Lines over simulated time; x values are seconds of the day, shown as hh:mm. */
    static String lines(Map<String, double[]> series, double x0, double dx, double xLimit, String yLabel, int w,
                        int h, String title) {
        int left = 55;
        int right = 15;
        int top = title == null ? 15 : 30;
        int bottom = 40;
        double max = 0;
        int n = 0;
        for (double[] v : series.values()) {
            n = Math.max(n, v.length);
            for (double d : v) {
                if (Double.isFinite(d)) {
                    max = Math.max(max, d);
                }
            }
        }
        double yMax = niceCeiling(max);
        double xEnd = Math.min(x0 + dx * n, xLimit);
        StringBuilder s = open(w, h);
        if (title != null) {
            s.append(f("<text x='%d' y='18' font-size='13' font-weight='bold'>%s</text>", left, esc(title)));
        }
        axes(s, left, top, w - right, h - bottom, 0, yMax, yLabel);
        int ticks = 6;
        for (int t = 0; t <= ticks; t++) {
            double xv = x0 + (xEnd - x0) * t / ticks;
            double x = scale(xv, x0, xEnd, left, w - right);
            s.append(f("<text x='%.1f' y='%d' text-anchor='middle' font-size='11'>%s</text>", x, h - bottom + 15, clock(xv)));
        }
        int i = 0;
        for (var e : series.entrySet()) {
            List<String> points = new ArrayList<>();
            double[] v = e.getValue();
            StringBuilder path = new StringBuilder();
            for (int k = 0; k < v.length; k++) {
                if (!Double.isFinite(v[k])) {
                    if (!points.isEmpty()) {
                        path.append(polyline(points, color(e.getKey(), i)));
                        points.clear();
                    }
                    continue;
                }
                double x = scale(Math.min(x0 + dx * (k + 0.5), xEnd), x0, xEnd, left, w - right);
                double y = scale(v[k], 0, yMax, h - bottom, top);
                points.add(f("%.1f,%.1f", x, y));
            }
            if (!points.isEmpty()) {
                path.append(polyline(points, color(e.getKey(), i)));
            }
            s.append(f("<g><title>%s</title>%s</g>", esc(e.getKey()), path));
            i++;
        }
        return s.append("</svg>").toString();
    }

    /**
     * A map of the signals and the roads around them (network coordinates, north up). {@code notes} become each
     * signal's tooltip.
     */
    static String map(org.greenwave.sumo.net.NetworkModel network, Map<String, String> notes) {
        List<org.greenwave.sumo.net.NetworkModel.Signal> signals = network.signals();
        if (signals.isEmpty()) {
            return "";
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (var sig : signals) {
            minX = Math.min(minX, sig.x());
            maxX = Math.max(maxX, sig.x());
            minY = Math.min(minY, sig.y());
            maxY = Math.max(maxY, sig.y());
        }
        double margin = Math.max(150, 0.15 * Math.max(maxX - minX, maxY - minY));
        minX -= margin;
        minY -= margin;
        maxX += margin;
        maxY += margin;
        int w = 900;
        double scale = Math.min(w / (maxX - minX), 500 / (maxY - minY));
        int h = (int) Math.ceil((maxY - minY) * scale);
        final double x0 = minX;
        final double y1 = maxY;
        final double k = scale;
        StringBuilder s = open(w, h);
        s.append("<rect width='100%' height='100%' fill='#fafafa'/>");
        java.util.Set<String> drawn = new java.util.HashSet<>();
        for (var lane : network.lanes().values()) {
            if (!lane.function().isEmpty() || lane.pedestrianOnly() || !drawn.add(lane.edge()) || lane.shape().size() < 2) {
                continue;
            }
            boolean inside = lane.shape().stream().anyMatch(p -> p[0] >= x0 && p[0] <= x0 + w / k
                    && p[1] <= y1 && p[1] >= y1 - h / k);
            if (!inside) {
                continue;
            }
            List<String> points = new ArrayList<>();
            for (double[] p : lane.shape()) {
                points.add(f("%.1f,%.1f", (p[0] - x0) * k, (y1 - p[1]) * k));
            }
            s.append(f("<polyline fill='none' stroke='#b0b0b0' stroke-width='2' points='%s'/>", String.join(" ", points)));
        }
        boolean labels = signals.size() <= 40;
        for (var sig : signals) {
            double cx = (sig.x() - x0) * k;
            double cy = (y1 - sig.y()) * k;
            s.append(f("<circle cx='%.1f' cy='%.1f' r='6' fill='#d62728' stroke='white' stroke-width='1.5'><title>%s</title></circle>",
                    cx, cy, esc(sig.id() + (notes.containsKey(sig.id()) ? "\n" + notes.get(sig.id()) : ""))));
            if (labels) {
                s.append(f("<text x='%.1f' y='%.1f' font-size='11' fill='#333'>%s</text>", cx + 8, cy - 8, esc(sig.id())));
            }
        }
        return s.append("</svg>").toString();
    }

    static String legend(List<String> names) {
        StringBuilder s = new StringBuilder("<div class='legend'>");
        for (int i = 0; i < names.size(); i++) {
            s.append(f("<span><i style='background:%s'></i>%s</span>", color(names.get(i), i), esc(names.get(i))));
        }
        return s.append("</div>").toString();
    }

    private static String polyline(List<String> points, String color) {
        return f("<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>", color, String.join(" ", points));
    }

    private static StringBuilder open(int w, int h) {
        return new StringBuilder(f("<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' font-family='sans-serif'>", w, h, w, h));
    }

    private static void axes(StringBuilder s, int x1, int y1, int x2, int y2, double yMin, double yMax, String yLabel) {
        for (int t = 0; t <= 5; t++) {
            double v = yMin + (yMax - yMin) * t / 5;
            double y = scale(v, yMin, yMax, y2, y1);
            s.append(f("<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#ddd'/>", x1, x2, y, y));
            s.append(f("<text x='%d' y='%.1f' text-anchor='end' font-size='11'>%s</text>", x1 - 5, y + 4, fmt(v)));
        }
        s.append(f("<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='#333'/>", x1, x2, y2, y2));
        s.append(f("<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='#333'/>", x1, x1, y1, y2));
        s.append(f("<text transform='translate(14,%d) rotate(-90)' text-anchor='middle' font-size='12'>%s</text>",
                (y1 + y2) / 2, esc(yLabel)));
    }

    static String clock(double seconds) {
        long t = Math.round(seconds);
        return f("%02d:%02d", (t / 3600) % 24, (t / 60) % 60);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? f("%.0f", v) : f("%.1f", v);
    }

    private static double scale(double v, double from, double to, double a, double b) {
        return to == from ? a : a + (v - from) / (to - from) * (b - a);
    }

    static double niceCeiling(double v) {
        if (v <= 0 || !Double.isFinite(v)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.5, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private Svg() {
    }
}
