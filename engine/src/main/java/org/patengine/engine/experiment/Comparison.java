package org.patengine.engine.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.patengine.engine.report.AtomicFiles;
import org.patengine.engine.report.Plots;
import org.patengine.engine.report.ResultTable;

/**
 * The same experiment under several settings (training modes, systems, baselines), each run with
 * the same seeds: per setting, the test accuracy on the physical system — the deployment figure —
 * on the digital model and their agreement as mean ± sample standard deviation over the seeds,
 * with the mean seconds per epoch; and each setting's validation accuracy per epoch, on the
 * physical system and on the digital model, averaged over the seeds. {@link #write} puts the table
 * in {@code table.md} and the curves in {@code comparison.png}.
 */
public final class Comparison {
    private static final List<String> COLUMNS = List.of("mode", "test accuracy on the physical system", "on the digital model",
            "agreement", "s/epoch");

    private final int epochs;
    private final ResultTable table;
    private final Map<String, double[]> curves = new LinkedHashMap<>();

    /** A comparison of runs of {@code epochs} epochs each, under a one-line title. */
    public Comparison(String title, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        this.epochs = epochs;
        this.table = new ResultTable(title, COLUMNS);
    }

    /**
     * Adds one setting: its runs' summaries and their metrics, one of each per seed, in the same
     * order; every run has at least this comparison's epochs.
     */
    public void add(String setting, List<RunSummary> runs, List<List<EpochRecord>> metrics) {
        if (runs.isEmpty() || runs.size() != metrics.size()) {
            throw new IllegalArgumentException(setting + ": " + runs.size() + " summaries and " + metrics.size()
                    + " metrics, expected one of each per seed");
        }
        int seeds = runs.size();
        double[] meanPhysical = new double[epochs];
        double[] meanModel = new double[epochs];
        double[] phys = new double[seeds];
        double[] model = new double[seeds];
        double[] agree = new double[seeds];
        double sec = 0;
        for (int i = 0; i < seeds; i++) {
            List<EpochRecord> run = metrics.get(i);
            if (run.size() < epochs) {
                throw new IllegalArgumentException(setting + ": run " + (i + 1) + " has " + run.size() + " epochs of metrics, expected "
                        + epochs);
            }
            for (int e = 0; e < epochs; e++) {
                meanPhysical[e] += run.get(e).valPhysicalAcc() / seeds;
                meanModel[e] += run.get(e).valModelAcc() / seeds;
            }
            RunSummary s = runs.get(i);
            phys[i] = s.testPhysicalAcc();
            model[i] = s.testModelAcc();
            agree[i] = s.testAgreement();
            sec += s.meanEpochSeconds();
        }
        curves.put(setting + ", on the physical system", meanPhysical);
        curves.put(setting + ", on the digital model", meanModel);
        table.add(List.of(setting, ResultTable.meanSd(phys), ResultTable.meanSd(model), ResultTable.meanSd(agree),
                String.format(Locale.ROOT, "%.1f", sec / seeds)));
    }

    /** The table in markdown, under its title. */
    public String table() {
        return table.markdown();
    }

    /** Writes {@code table.md} and {@code comparison.png} (the mean validation curves, titled {@code plotTitle}) into {@code folder}. */
    public void write(Path folder, String plotTitle) throws IOException {
        AtomicFiles.writeString(folder.resolve("table.md"), table());
        double[] epochAxis = new double[epochs];
        for (int e = 0; e < epochAxis.length; e++) {
            epochAxis[e] = e + 1;
        }
        Plots.lines(folder.resolve("comparison.png"), plotTitle, "epoch", "fraction", epochAxis, curves);
    }
}
