package org.patengine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.patengine.engine.experiment.Comparison;
import org.patengine.engine.experiment.DepthSweep;
import org.patengine.engine.experiment.EpochRecord;
import org.patengine.engine.experiment.ExperimentConfig;
import org.patengine.engine.experiment.ExperimentRunner;
import org.patengine.engine.experiment.RunFolder;
import org.patengine.engine.experiment.RunSummary;
import org.patengine.kernels.PatProperties;

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
 * an interrupted one. With {@code --depths}, every mode runs at every depth (runs in
 * {@code <out>/<mode>-L<depth>-s<seed>}) and {@link DepthSweep} adds {@code depth.md} and
 * {@code depth.png}. Every run's configuration is validated before the first run starts.
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

    @Option(names = "--depths", split = ",", paramLabel = "L",
            description = "Physical layers to sweep, e.g. 1,2,3,4,5 (architectures with a depth only): every mode runs at each; "
                    + "adds depth.md and depth.png, test accuracy on the physical system against L.")
    List<Integer> depths;

    @Option(names = "--out", paramLabel = "DIR", description = "Parent folder of the runs (default: runs/compare-<time>); finished runs in it are reused, an interrupted one resumed.")
    Path out;

    @Option(names = "--no-progress", description = "No progress bar (none is drawn anyway where standard error is not a terminal).")
    boolean noProgress;

    /** One row of the comparison: a mode at a depth (null: the configuration's), one configuration per seed. */
    private record Setting(String mode, Integer depth, List<ExperimentConfig> perSeed) {
    }

    /** A value listed twice would run (and count in the table) twice: refused, naming it. */
    private void once(String option, List<?> values) {
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (Object v : values) {
            if (!seen.add(v)) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + " lists " + v + " twice: give each once");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        // compare's own lists replace the single-run options: given, they would be silently ignored
        if (options.mode != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mode " + options.mode
                    + " is a single run's option: compare takes --modes (e.g. --modes " + options.mode + ")");
        }
        if (options.common.seed != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seed " + options.common.seed
                    + " is a single run's option: compare takes --seeds (e.g. --seeds " + options.common.seed + ")");
        }
        once("--modes", modes.stream().map(m -> m.trim().toLowerCase(Locale.ROOT)).toList());
        once("--seeds", seeds);
        if (depths != null) {
            once("--depths", depths);
            for (int d : depths) {
                if (d < 1) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--depths " + d
                            + ": a network has at least 1 physical layer");
                }
            }
        }
        options.checkEstimatorOptions(modes);
        ExperimentConfig base = options.resolveUnchecked(); // each run's configuration is checked below
        Path parent = out != null ? out : TrainCommand.runsFolder().resolve("compare-" + TrainCommand.timestamp());
        List<Integer> sweep = depths == null || depths.isEmpty() ? null : List.copyOf(depths);
        if (sweep != null && options.depth != null && options.depth != 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--depth and --depths both given: use one");
        }
        // every configuration is checked before anything is created
        List<Setting> settings = new ArrayList<>();
        for (String mode : modes) {
            for (Integer depth : sweep == null ? java.util.Collections.<Integer>singletonList(null) : sweep) {
                List<ExperimentConfig> perSeed = new ArrayList<>();
                for (long seed : seeds) {
                    ExperimentConfig.Builder b = base.toBuilder();
                    b.mode = mode;
                    b.commonNoise &= org.patengine.engine.train.TrainingMode.parse(mode).blackBox(); // --common-noise is fd's and spsa's
                    if (org.patengine.engine.train.TrainingMode.parse(mode) != org.patengine.engine.train.TrainingMode.PAT) {
                        b.twinRefine = 0; // --twin-refine is pat's: the other modes measure nothing to refine on
                        b.twinMemory = ExperimentConfig.DEFAULT_TWIN_MEMORY;
                        b.twinRefineLr = ExperimentConfig.DEFAULT_TWIN_REFINE_LR;
                    }
                    b.seed = seed;
                    if (depth != null) {
                        b.depth = depth;
                    }
                    perSeed.add(b.build().validate());
                }
                settings.add(new Setting(mode, depth, perSeed));
            }
        }
        String what = String.format(Locale.ROOT, "%s, %s, preset %s, %d epochs, seeds %s",
                base.dataset(), base.architecture(), base.preset(), base.epochs(), seeds);
        ExperimentRunner runner = new ExperimentRunner(System.err, !noProgress && PatProperties.progressBar());
        Comparison comparison = new Comparison(what + " (runs in " + parent + ")", base.epochs());
        DepthSweep depthSweep = sweep == null ? null : new DepthSweep(what, sweep);
        for (Setting setting : settings) {
            List<RunSummary> runs = new ArrayList<>();
            List<List<EpochRecord>> metrics = new ArrayList<>();
            for (ExperimentConfig c : setting.perSeed()) {
                // a finished run is read back and an interrupted one resumed, so a killed compare is rerun as it was
                Path dir = parent.resolve(setting.mode() + (setting.depth() == null ? "" : "-L" + setting.depth()) + "-s" + c.seed());
                runs.add(runner.runOrContinue(c, dir));
                metrics.add(RunFolder.readEpochs(dir));
            }
            comparison.add(setting.depth() == null ? setting.mode() : setting.mode() + ", L = " + setting.depth(), runs, metrics);
            if (depthSweep != null) {
                depthSweep.add(setting.mode(), setting.depth(), runs);
            }
        }
        if (depthSweep != null) {
            depthSweep.write(parent);
        }
        comparison.write(parent, String.format(Locale.ROOT, "%s, preset %s: validation accuracy, mean of %d seed%s",
                base.dataset(), base.preset(), seeds.size(), seeds.size() == 1 ? "" : "s"));
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%n%s", comparison.table());
        if (depthSweep != null) {
            w.printf("%n%s", depthSweep.table());
        }
        w.flush();
        return 0;
    }
}
