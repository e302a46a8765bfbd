package org.patengine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.patengine.engine.data.Dataset;
import org.patengine.engine.data.FeatureScaling;
import org.patengine.engine.experiment.Checkpoints;
import org.patengine.engine.experiment.DatasetCatalog;
import org.patengine.engine.experiment.ExperimentData;
import org.patengine.engine.experiment.ExperimentConfig;
import org.patengine.engine.experiment.ExperimentRunner;
import org.patengine.engine.report.ResultTable;
import org.patengine.engine.train.Evaluation;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pat eval}: a saved run's parameters on the physical system, optionally with other
 * non-idealities than it was trained with (another preset, knobs changed with {@code --hardware},
 * another hardware instance with {@code --seed}; the options shared with train are
 * {@link CommonOptions}): a robustness test.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a saved run on the test set, on the physical system and on the digital model.")
final class EvalCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "A run folder written by pat train.")
    Path run;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--sweep", paramLabel = "KNOB=V1,V2,...",
            description = "Measure once per value of one hardware knob, e.g. actuationNoise=0,0.02,0.05,0.1, and print a table.")
    String sweep;

    @Option(names = "--checkpoint", defaultValue = "best",
            description = "best (the epoch chosen on validation, best.bin; the last epoch when the run had no validation split) or last (checkpoint.bin). Default: ${DEFAULT-VALUE}.")
    String checkpoint;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig saved = ExperimentConfig.read(run.resolve("config.json"));
        ExperimentConfig.Builder b = saved.toBuilder();
        common.applyTo(b); // a seed gives another hardware instance: its hidden mismatch comes from the seed; θ from the checkpoint
        // only the test set is used, but a scaling fitted on the training part needs that part as the run had it
        if (DatasetCatalog.named(saved.dataset()).scaling() == FeatureScaling.NONE) {
            b.trainSamples = 1;
            b.validation = 0;
        }
        ExperimentConfig c = b.build().validate();
        Path file = switch (checkpoint) {
            // without a validation split the reported epoch is the last one, which checkpoint.bin holds
            case "best" -> saved.validation() == 0 ? run.resolve("checkpoint.bin") : run.resolve("best.bin");
            case "last" -> run.resolve("checkpoint.bin");
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--checkpoint '" + checkpoint + "' is not one of [best, last]");
        };
        if (!Files.exists(file) && file.getFileName().toString().equals("best.bin")) {
            throw new CommandLine.ParameterException(spec.commandLine(), run + " has no best.bin, which holds the epoch chosen on its"
                    + " validation split of " + saved.validation() + " samples (was the run stopped before its first epoch ended?);"
                    + " --checkpoint last evaluates its last epoch");
        }
        if (!Files.exists(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), run + " has no " + file.getFileName() + ": is it a run folder written by pat train?");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (sweep == null) {
            ExperimentRunner.Setup s = ExperimentRunner.setup(c);
            Evaluation e = measure(s, file);
            out.printf(Locale.ROOT,
                    "%s (epoch %d) on %s hardware (preset %s%s%s): %d test samples: accuracy on the physical system %.2f%%, on the digital model %.2f%%, agreement %.2f%%%n",
                    run, s.trainer().epoch(), c.architecture(), c.preset(), c.hardware().isEmpty() ? "" : ", " + c.hardware(),
                    common.seed != null ? ", seed " + common.seed : "", e.samples(),
                    100 * e.physicalAccuracy(), 100 * e.modelAccuracy(), 100 * e.agreement());
            Double fidelity = org.patengine.engine.grad.GradientFidelity.measureIfExact(s.network(), s.test(),
                    new org.patengine.engine.loss.SoftmaxCrossEntropy(), c.batch());
            if (fidelity != null) {
                out.printf(Locale.ROOT, "gradient fidelity on the test set (models' backward vs the hardware's exact one, mean cosine): %.4f%n",
                        fidelity);
            }
            out.flush();
            return 0;
        }
        // a robustness curve: the same parameters on hardware with one knob at each value
        String[] kv = sweep.split("=", 2);
        if (kv.length != 2 || kv[1].isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sweep '" + sweep + "' is not KNOB=V1,V2,...");
        }
        List<Double> values = new ArrayList<>();
        for (String v : kv[1].split(",")) {
            try {
                values.add(Double.parseDouble(v.trim()));
            } catch (NumberFormatException ex) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--sweep " + kv[0] + ": '" + v + "' is not a number");
            }
        }
        out.printf(Locale.ROOT, "%s on %s hardware (preset %s%s), %s swept:%n", run, c.architecture(), c.preset(),
                c.hardware().isEmpty() ? "" : ", " + c.hardware(), kv[0]);
        out.print(ResultTable.header(List.of(kv[0], "test accuracy on the physical system", "on the digital model", "agreement")));
        Dataset[] data = ExperimentData.load(c); // the knob changes only the hardware: load the images once
        for (double v : values) {
            ExperimentConfig.Builder at = c.toBuilder();
            at.hardware.put(kv[0], v);
            ExperimentConfig cv;
            try {
                cv = at.build().validate();
            } catch (IllegalArgumentException ex) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--sweep: " + ex.getMessage());
            }
            Evaluation e = measure(ExperimentRunner.setup(cv, data), file);
            out.print(ResultTable.row(List.of(fmt(v), ResultTable.percent(e.physicalAccuracy()),
                    ResultTable.percent(e.modelAccuracy()), ResultTable.percent(e.agreement()))));
            out.flush();
        }
        return 0;
    }

    private static Evaluation measure(ExperimentRunner.Setup s, Path checkpointFile) throws java.io.IOException {
        Checkpoints.read(checkpointFile, s.trainer());
        return s.trainer().evaluate(s.test());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
