package org.patengine.engine.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.patengine.engine.report.AtomicFiles;
import org.patengine.engine.report.Plots;
import org.patengine.engine.report.ResultTable;

/**
 * Test accuracy on the physical system against the number of physical layers L, per training
 * mode: the paper's depth claim (in-silico training degrades with depth while PAT does not) as a
 * table ({@code depth.md}: mean ± sample standard deviation over the seeds, one row per mode, one
 * column per L) and a plot ({@code depth.png}: the means against L, one line per mode).
 */
public final class DepthSweep {
    private final String title;
    private final List<Integer> depths;
    private final Map<String, String[]> cells = new LinkedHashMap<>();
    private final Map<String, double[]> means = new LinkedHashMap<>();

    public DepthSweep(String title, List<Integer> depths) {
        if (depths.isEmpty()) {
            throw new IllegalArgumentException("a depth sweep needs at least one depth");
        }
        this.title = title;
        this.depths = List.copyOf(depths);
    }

    /** Adds one mode's runs at one depth (one summary per seed). */
    public void add(String mode, int depth, List<RunSummary> runs) {
        int col = depths.indexOf(depth);
        if (col < 0) {
            throw new IllegalArgumentException("depth " + depth + " is not one of this sweep's " + depths);
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(mode + " at L = " + depth + ": no runs");
        }
        double[] acc = new double[runs.size()];
        double mean = 0;
        for (int i = 0; i < acc.length; i++) {
            acc[i] = runs.get(i).testPhysicalAcc();
            mean += acc[i] / acc.length;
        }
        cells.computeIfAbsent(mode, m -> new String[depths.size()])[col] = ResultTable.meanSd(acc);
        double[] row = means.computeIfAbsent(mode, m -> {
            double[] r = new double[depths.size()];
            java.util.Arrays.fill(r, Double.NaN);
            return r;
        });
        row[col] = mean;
    }

    /** The table in markdown: test accuracy on the physical system, one row per mode, one column per depth. */
    public String table() {
        List<String> columns = new ArrayList<>();
        columns.add("mode");
        for (int d : depths) {
            columns.add("L = " + d);
        }
        ResultTable t = new ResultTable(title + ": test accuracy on the physical system", columns);
        for (Map.Entry<String, String[]> e : cells.entrySet()) {
            List<String> row = new ArrayList<>();
            row.add(e.getKey());
            for (String c : e.getValue()) {
                row.add(c == null ? "" : c);
            }
            t.add(row);
        }
        return t.markdown();
    }

    /** Writes {@code depth.md} and {@code depth.png} into {@code folder}. */
    public void write(Path folder) throws IOException {
        AtomicFiles.writeString(folder.resolve("depth.md"), table());
        double[] x = new double[depths.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = depths.get(i);
        }
        Plots.lines(folder.resolve("depth.png"), title, "physical layers L", "test accuracy on the physical system", x, means,
                org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
    }
}
