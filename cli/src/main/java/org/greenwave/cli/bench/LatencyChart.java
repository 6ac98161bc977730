package org.greenwave.cli.bench;

import java.util.Locale;

/**
 * The picture of {@code bench pipeline}: reading-to-plan latency per second of load (median and worst of the
 * second's intersections) on a logarithmic axis, so that a steady 10 ms and a backlog growing to 30 s fit one chart.
 */
final class LatencyChart {

    private static final int W = 760;
    private static final int H = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 50;
    private static final int BOTTOM = 44;

    static String svg(double[] p50, double[] max, int[] planned, int warmup, int intersections) {
        int n = p50.length;
        double top = 10;
        for (double v : max) {
            if (!Double.isNaN(v)) {
                while (top < v) {
                    top *= 10;
                }
            }
        }
        double bottom = 1;
        StringBuilder s = new StringBuilder();
        s.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                + " font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", W, H));
        s.append(f("<text x=\"%d\" y=\"20\" font-size=\"14\">reading (HTTP POST) to plan on signal.timing-plans,"
                + " %d intersections reporting every second</text>%n", LEFT, intersections));
        int x0 = LEFT;
        int x1 = W - RIGHT;
        int y0 = H - BOTTOM;
        int y1 = TOP;
        if (warmup > 0 && n > 0) {
            s.append(f("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eeeeee\"/>%n", x0, y1,
                    x(warmup - 0.5, n, x0, x1) - x0, y0 - y1));
            s.append(f("<text x=\"%d\" y=\"%d\" fill=\"#777\">warm-up</text>%n", x0 + 4, y0 - 6));
        }
        for (double v = bottom; v <= top; v *= 10) {
            double y = y(v, bottom, top, y0, y1);
            s.append(f("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", x0, x1, y, y));
            s.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", x0 - 6, y + 4,
                    v >= 1000 ? f("%.0f s", v / 1000) : f("%.0f ms", v)));
        }
        for (int sec = 0; sec < n; sec += Math.max(1, n / 10 / 5 * 5)) {
            double x = x(sec, n, x0, x1);
            s.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x, y0 + 16, sec));
        }
        s.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">second of load</text>%n", (x0 + x1) / 2, H - 8));
        s.append(f("<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", x0, x1, y0, y0));
        s.append(f("<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", x0, x0, y0, y1));
        // seconds in which some intersections got no plan (the optimizer skipped them: it decides on the newest)
        boolean anyMissing = false;
        for (int i = 0; i < n; i++) {
            if (planned[i] < intersections) {
                anyMissing = true;
                double w = (x1 - x0) / (double) Math.max(1, n);
                double h = 0.25 * (y0 - y1) * (intersections - planned[i]) / intersections;
                s.append(f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#ff7f0e\""
                        + " fill-opacity=\"0.5\"/>%n", x(i, n, x0, x1) - w / 2, y0 - h, w, h));
            }
        }
        if (anyMissing) {
            s.append(f("<text x=\"%d\" y=\"%d\" fill=\"#c05f00\">bars: intersections without a plan"
                    + " (quarter height = all)</text>%n", x0 + 290, y1 - 8));
        }
        line(s, max, n, bottom, top, x0, x1, y0, y1, "#d62728");
        line(s, p50, n, bottom, top, x0, x1, y0, y1, "#1f77b4");
        s.append(f("<text x=\"%d\" y=\"%d\" fill=\"#1f77b4\">median of the second</text>%n", x0, y1 - 8));
        s.append(f("<text x=\"%d\" y=\"%d\" fill=\"#d62728\">worst of the second</text>%n", x0 + 140, y1 - 8));
        return s.append("</svg>\n").toString();
    }

    private static void line(StringBuilder s, double[] v, int n, double bottom, double top, int x0, int x1, int y0,
                             int y1, String color) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(v[i])) {
                points.append(f("%.1f,%.1f ", x(i, n, x0, x1), y(Math.max(bottom, v[i]), bottom, top, y0, y1)));
            }
        }
        s.append(f("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n", color,
                points.toString().trim()));
    }

    private static double x(double sec, int n, int x0, int x1) {
        return x0 + (x1 - x0) * (sec + 0.5) / Math.max(1, n);
    }

    private static double y(double v, double bottom, double top, int y0, int y1) {
        return y0 - (y0 - y1) * Math.log10(v / bottom) / Math.log10(top / bottom);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private LatencyChart() {
    }
}
