package org.patengine.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import org.patengine.engine.experiment.ExperimentConfig;
import org.patengine.engine.experiment.ExperimentRunner;
import org.patengine.engine.experiment.RunSummary;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pat train}: one experiment into a run folder, or {@code --resume} of one. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a physical neural network and write a run folder: config.json, metrics.jsonl/.csv,",
            "checkpoint.bin (each epoch), best.bin (best validation accuracy on the physical system), curves.png, loss.png,",
            "confusion.png, summary.json. The test set is measured once, at the end, with best.bin's parameters."})
final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ExperimentOptions options = new ExperimentOptions();

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<dataset>-<mode>-<time>).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its last checkpoint (its saved configuration is used).")
    Path resume;

    @Option(names = "--no-progress", description = "No progress bar (e.g. in logs).")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        ExperimentRunner runner = new ExperimentRunner(System.err, !noProgress);
        RunSummary s;
        if (resume != null) {
            if (out != null || options.config != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--resume takes the run's saved configuration: do not combine it with --out or --config");
            }
            s = runner.resume(resume);
        } else {
            ExperimentConfig c = options.resolve();
            Path dir = out != null ? out : defaultRunDir(c);
            s = runner.run(c, dir);
        }
        spec.commandLine().getOut().printf(java.util.Locale.ROOT,
                "%s: test accuracy on the physical system %.2f%%, on the digital model %.2f%% (%d epochs, %.1f s/epoch)%n",
                s.runDir(), 100 * s.testPhysicalAcc(), 100 * s.testModelAcc(), s.epochs(), s.meanEpochSeconds());
        spec.commandLine().getOut().flush();
        return 0;
    }

    static Path defaultRunDir(ExperimentConfig c) {
        return runsFolder().resolve(c.dataset() + "-" + c.mode() + "-" + c.preset() + "-s" + c.seed() + "-" + timestamp());
    }

    /** {@code <pat.home>/runs}. */
    static Path runsFolder() {
        return org.patengine.engine.experiment.DatasetCatalog.home().resolve("runs");
    }

    static String timestamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
