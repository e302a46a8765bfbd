package org.patengine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.patengine.engine.experiment.Comparison;
import org.patengine.engine.experiment.EpochRecord;
import org.patengine.engine.experiment.ExperimentConfig;
import org.patengine.engine.experiment.ExperimentRunner;
import org.patengine.engine.experiment.RunFolder;
import org.patengine.engine.experiment.RunSummary;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pat compare}: the same experiment under several training modes (and seeds), then a table
 * of test accuracy measured on the physical system — the deployment figure — and on the model
 * (mean ± sample standard deviation over the seeds), also written to {@code table.md} in the
 * parent folder, with {@code comparison.png}: each mode's validation accuracy per epoch, on the
 * physical system and on the digital model, averaged over the seeds ({@link Comparison}). Runs go
 * to {@code <out>/<mode>-s<seed>}; rerunning the same command reuses the finished runs and resumes
 * an interrupted one.
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
        Comparison comparison = new Comparison(String.format(Locale.ROOT, "%s, %s, preset %s, %d epochs, seeds %s (runs in %s)",
                base.dataset(), base.architecture(), base.preset(), base.epochs(), seeds, parent), base.epochs());
        for (String mode : modes) {
            List<RunSummary> runs = new ArrayList<>();
            List<List<EpochRecord>> metrics = new ArrayList<>();
            for (long seed : seeds) {
                ExperimentConfig.Builder b = base.toBuilder();
                b.mode = mode;
                b.seed = seed;
                ExperimentConfig c = b.build().validate();
                // a finished run is read back and an interrupted one resumed, so a killed compare is rerun as it was
                Path dir = parent.resolve(mode + "-s" + seed);
                runs.add(runner.runOrContinue(c, dir));
                metrics.add(RunFolder.readEpochs(dir));
            }
            comparison.add(mode, runs, metrics);
        }
        comparison.write(parent, String.format(Locale.ROOT, "%s, preset %s: validation accuracy, mean of %d seed%s",
                base.dataset(), base.preset(), seeds.size(), seeds.size() == 1 ? "" : "s"));
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%n%s", comparison.table());
        w.flush();
        return 0;
    }
}
