package org.patengine.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.patengine.engine.experiment.ExperimentConfig;
import org.patengine.engine.experiment.ExperimentRunner;
import org.patengine.engine.experiment.RunSummary;
import org.patengine.kernels.PatProperties;

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

    @Option(names = "--no-progress", description = "No progress bar (none is drawn anyway where standard error is not a terminal).")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        ExperimentRunner runner = new ExperimentRunner(System.err, !noProgress && PatProperties.progressBar());
        RunSummary s;
        if (resume != null) {
            // the run's saved configuration holds; only --epochs (to extend it) may change, anything else is refused
            List<String> other = new ArrayList<>();
            CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            for (CommandLine.Model.OptionSpec o : parsed.matchedOptions()) {
                if (!List.of("--resume", "--epochs", "--no-progress").contains(o.longestName())) {
                    other.add(typedName(o, parsed.originalArgs()));
                }
            }
            if (!other.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--resume continues the run with its saved configuration: "
                        + String.join(", ", other) + " cannot change it (only --epochs, to extend the run)");
            }
            s = runner.resume(resume, options.epochs);
        } else {
            ExperimentConfig c = options.resolve();
            options.checkEstimatorOptions(List.of(c.mode()));
            Path dir = out != null ? out : defaultRunDir(c);
            s = runner.run(c, dir);
        }
        spec.commandLine().getOut().printf(java.util.Locale.ROOT,
                "%s: test accuracy on the physical system %.2f%%, on the digital model %.2f%% (%d epochs, %.1f s/epoch)%n",
                s.runDir(), 100 * s.testPhysicalAcc(), 100 * s.testModelAcc(), s.epochs(), s.meanEpochSeconds());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The name of {@code o} as the user typed it (an option may have aliases), else its longest. */
    private static String typedName(CommandLine.Model.OptionSpec o, List<String> args) {
        for (String name : o.names()) {
            for (String a : args) {
                if (a.equals(name) || a.startsWith(name + "=")) {
                    return name;
                }
            }
        }
        return o.longestName();
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
