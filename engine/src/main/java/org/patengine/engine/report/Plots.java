package org.patengine.engine.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of training curves and confusion matrices (XChart, rendered headless). */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /**
     * A line chart: one series per entry of {@code series} (name → y values), all against
     * {@code x}. NaN values are left out of their series.
     */
    public static void lines(Path file, String title, String xLabel, String yLabel, double[] x,
                             Map<String, double[]> series) throws IOException {
        lines(file, title, xLabel, yLabel, x, series, org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    }

    /** {@link #lines} with the legend where it hides least (curves that rise: bottom right; that fall: top right). */
    public static void lines(Path file, String title, String xLabel, String yLabel, double[] x,
                             Map<String, double[]> series, org.knowm.xchart.style.Styler.LegendPosition legend) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(legend);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            double[] y = e.getValue();
            if (y.length != x.length) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has " + y.length + " values for " + x.length + " x values");
            }
            for (int i = 0; i < x.length; i++) {
                if (!Double.isNaN(y[i])) {
                    xs.add(x[i]);
                    ys.add(y[i]);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(e.getKey(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * Points joined by lines, each series with its own x values ({@code {x[], y[]}}), on
     * logarithmic axes where asked (non-positive values are then left out, as NaN always are).
     */
    public static void xy(Path file, String title, String xLabel, String yLabel, Map<String, double[][]> series,
                          boolean logX, boolean logY) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setXAxisLogarithmic(logX).setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[] x = e.getValue()[0];
            double[] y = e.getValue()[1];
            if (y.length != x.length) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has " + y.length + " y values for " + x.length + " x values");
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                boolean shown = !Double.isNaN(x[i]) && !Double.isNaN(y[i]) && (!logX || x[i] > 0) && (!logY || y[i] > 0);
                if (shown) {
                    xs.add(x[i]);
                    ys.add(y[i]);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(e.getKey(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Each series as points only ({@code {x[], y[]}}), for parity plots. */
    public static void scatter(Path file, String title, String xLabel, String yLabel, Map<String, double[][]> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(700).height(600).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(3);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            if (e.getValue()[0].length > 0) {
                chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
            }
        }
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** A heat map of a confusion matrix, rows = true class, columns = predicted. */
    public static void confusion(Path file, String title, ConfusionMatrix cm) throws IOException {
        int k = cm.classes();
        HeatMapChart chart = new HeatMapChartBuilder().width(600).height(560).title(title)
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setPlotContentSize(1.0);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            idx.add(i);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, t, cm.count(t, p)});
            }
        }
        chart.addSeries("counts", idx, idx, cells);
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Convenience: an ordered map of series. */
    public static Map<String, double[]> series(Object... nameValues) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put((String) nameValues[i], (double[]) nameValues[i + 1]);
        }
        return m;
    }
}
