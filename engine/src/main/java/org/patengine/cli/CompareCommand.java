package org.patengine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.patengine.engine.experiment.ExperimentConfig;
import org.patengine.engine.experiment.ExperimentRunner;
import org.patengine.engine.experiment.EpochRecord;
import org.patengine.engine.experiment.RunFolder;
import org.patengine.engine.report.AtomicFiles;
import org.patengine.engine.report.Plots;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pat compare}: the same experiment under several training modes (and seeds), then a table
 * of test accuracy measured on the physical system — the deployment figure — and on the model
 * (mean ± sample standard deviation over the seeds), also written to {@code table.md} in the
 * parent folder, with {@code comparison.png}: each mode's validation accuracy per epoch, on the
 * physical system and on the digital model, averaged over the seeds. Runs go to {@code <out>/<mode>-s<seed>}; rerunning the same command reuses the
 * finished runs and resumes an interrupted one.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Train the same network under several modes and seeds; print accuracy on the physical system per mode.")
final class CompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ExperimentOptions options = new ExperimentOptions();

    @Option(names = "--modes", split = ",", defaultValue = "pat,insilico", description = "Modes to compare (default: ${DEFAULT-VALUE}).")
    List<String> modes;

    @Option(names = "--seeds", split = ",", defaultValue = "1", description = "Seeds, e.g. 1,2,3 (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--out", paramLabel = "DIR", description = "Parent folder of the runs (default: runs/compare-<time>); finished runs in it are reused, an interrupted one resumed.")
    Path out;

    @Option(names = "--no-progress")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig base = options.resolve();
        Path parent = out != null ? out : TrainCommand.runsFolder().resolve("compare-" + TrainCommand.timestamp());
        ExperimentRunner runner = new ExperimentRunner(System.err, !noProgress);
        List<String[]> rows = new ArrayList<>();
        double[] epochAxis = new double[base.epochs()];
        for (int e = 0; e < epochAxis.length; e++) {
            epochAxis[e] = e + 1;
        }
        Map<String, double[]> curves = new LinkedHashMap<>();
        for (String mode : modes) {
            double[] meanPhysical = new double[base.epochs()];
            double[] meanModel = new double[base.epochs()];
            double[] phys = new double[seeds.size()];
            double[] model = new double[seeds.size()];
            double[] agree = new double[seeds.size()];
            double sec = 0;
            for (int i = 0; i < seeds.size(); i++) {
                ExperimentConfig.Builder b = base.toBuilder();
                b.mode = mode;
                b.seed = seeds.get(i);
                ExperimentConfig c = b.build().validate();
                // a finished run is read back and an interrupted one resumed, so a killed compare is rerun as it was
                Path dir = parent.resolve(mode + "-s" + seeds.get(i));
                ExperimentRunner.Summary s = runner.runOrContinue(c, dir);
                List<EpochRecord> epochs = RunFolder.readEpochs(dir);
                for (int e = 0; e < base.epochs(); e++) {
                    meanPhysical[e] += epochs.get(e).valPhysicalAcc() / seeds.size();
                    meanModel[e] += epochs.get(e).valModelAcc() / seeds.size();
                }
                phys[i] = s.testPhysicalAcc();
                model[i] = s.testModelAcc();
                agree[i] = s.testAgreement();
                sec += s.meanEpochSeconds();
            }
            curves.put(mode + ", on the physical system", meanPhysical);
            curves.put(mode + ", on the digital model", meanModel);
            rows.add(new String[] {mode, pm(phys), pm(model), pm(agree), String.format(Locale.ROOT, "%.1f", sec / seeds.size())});
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%s, %s, preset %s, %d epochs, seeds %s (runs in %s)%n", base.dataset(),
                base.architecture(), base.preset(), base.epochs(), seeds, parent));
        table.append("| mode | test accuracy on the physical system | on the digital model | agreement | s/epoch |\n");
        table.append("|---|---|---|---|---|\n");
        for (String[] r : rows) {
            table.append(String.format("| %s | %s | %s | %s | %s |%n", (Object[]) r));
        }
        AtomicFiles.writeString(parent.resolve("table.md"), table.toString());
        Plots.lines(parent.resolve("comparison.png"), String.format(Locale.ROOT, "%s, preset %s: validation accuracy, mean of %d seed%s",
                base.dataset(), base.preset(), seeds.size(), seeds.size() == 1 ? "" : "s"), "epoch", "fraction", epochAxis, curves);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%n%s", table);
        w.flush();
        return 0;
    }

    /** mean ± sample standard deviation, in percent. */
    static String pm(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        if (v.length == 1) {
            return String.format(Locale.ROOT, "%.2f %%", 100 * mean);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * mean, 100 * Math.sqrt(ss / (v.length - 1)));
    }
}
