package org.patengine.engine.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.patengine.engine.data.Dataset;
import org.patengine.engine.loss.SoftmaxCrossEntropy;
import org.patengine.engine.network.Network;
import org.patengine.engine.optim.Adam;
import org.patengine.engine.optim.LearningRateSchedule;
import org.patengine.engine.optim.SgdMomentum;
import org.patengine.engine.optim.StepSchedule;
import org.patengine.engine.report.ConfusionMatrix;
import org.patengine.engine.train.EpochResult;
import org.patengine.engine.train.Evaluation;
import org.patengine.engine.train.Trainer;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;

/**
 * Runs one experiment end to end: data, network, trainer, one checkpoint and metrics line per
 * epoch, and a final test report measured on the physical system and on the digital model.
 * With a validation split, the parameters reported on the test set are those of the epoch with the
 * best validation accuracy on the physical system (kept in {@code best.bin}; the earliest such
 * epoch on ties): settings and checkpoints are chosen on validation, the test set is measured once.
 * Without one, the last epoch is reported.
 * A run folder that already holds a checkpoint can be resumed: the saved configuration and state
 * are restored, and the run continues exactly where its last completed epoch left it.
 */
public final class ExperimentRunner {

    /** The final report of a run (written to summary.json). */
    public record Summary(ExperimentConfig config, String runDir, int epochs, int trainSamples,
                          int validationSamples, int testSamples, String backend, String network,
                          int parameters, double meanEpochSeconds, double samplesPerSecond,
                          int selectedEpoch, double selectedValPhysicalAcc,
                          double testPhysicalAcc, double testModelAcc, double testAgreement,
                          double testPhysicalLoss, double testModelLoss, long[][] confusion) {
    }

    private final PrintStream log;
    private final boolean progress;

    /** @param log where progress lines go (stderr for the CLI); {@code progress}: show a progress bar */
    public ExperimentRunner(PrintStream log, boolean progress) {
        this.log = log;
        this.progress = progress;
    }

    /** Trains a new run into {@code runDir} (which must not hold a checkpoint yet). */
    public Summary run(ExperimentConfig config, Path runDir) throws IOException {
        config.validate();
        RunFolder folder = new RunFolder(runDir);
        if (Files.exists(folder.checkpoint())) {
            throw new IOException(runDir + " already holds a run (checkpoint.bin): use --resume to continue it, or another --out");
        }
        folder.writeConfig(config);
        return execute(config, folder, false);
    }

    /** Continues the run in {@code runDir} from its last checkpoint, with its saved configuration. */
    public Summary resume(Path runDir) throws IOException {
        RunFolder folder = new RunFolder(runDir);
        if (!Files.exists(folder.config()) || !Files.exists(folder.checkpoint())) {
            throw new IOException(runDir + " has no config.json and checkpoint.bin to resume from");
        }
        ExperimentConfig config = ExperimentConfig.read(folder.config()).validate();
        return execute(config, folder, true);
    }

    /**
     * Runs {@code config} into {@code runDir}, or carries on with what is there: a finished run
     * (summary.json) is read back, an interrupted one (checkpoint.bin) is resumed. A folder that
     * holds a run of another configuration is an error naming the first field that differs.
     */
    public Summary runOrContinue(ExperimentConfig config, Path runDir) throws IOException {
        config.validate();
        RunFolder folder = new RunFolder(runDir);
        if (!Files.exists(folder.config())) {
            return run(config, runDir);
        }
        ExperimentConfig saved = ExperimentConfig.read(folder.config());
        if (!saved.equals(config)) {
            throw new IOException(runDir + " holds a run of another configuration (" + ExperimentConfig.firstDifference(saved, config)
                    + "): use another --out");
        }
        if (Files.exists(folder.summary())) {
            Summary done = RunFolder.JSON.readValue(folder.summary().toFile(), Summary.class);
            log.printf(Locale.ROOT, "%s: finished before, test accuracy on the physical system %.2f%%%n", runDir, 100 * done.testPhysicalAcc());
            return done;
        }
        return Files.exists(folder.checkpoint()) ? resume(runDir) : run(config, runDir);
    }

    /** The network, trainer and datasets of a configuration. */
    public record Setup(Dataset train, Dataset validation, Dataset test, Network network,
                        Trainer trainer, ComputeBackend backend) {
    }

    /** Builds everything a configuration describes (nothing is trained). */
    public static Setup setup(ExperimentConfig c) throws IOException {
        return setup(c, DatasetCatalog.load(c));
    }

    /**
     * {@link #setup(ExperimentConfig)} on data already loaded for a configuration with the same
     * dataset fields ([train, validation, test] as {@link DatasetCatalog#load} gives), e.g. to measure
     * the same test set on several hardware variants.
     */
    public static Setup setup(ExperimentConfig c, Dataset[] data) {
        ComputeBackend backend = Backends.select(c.backend());
        int classes = data[0].classCount();
        if (data[0].inputSize() != Architectures.inputSize(c.architecture())) {
            throw new IllegalArgumentException("architecture " + c.architecture() + " takes " + Architectures.inputSize(c.architecture())
                    + " inputs, dataset " + c.dataset() + " has " + data[0].inputSize());
        }
        Network net = Architectures.build(c.architecture(), classes, c.preset(), c.hardware(), c.seed(), backend);
        LearningRateSchedule schedule = c.lrStepEpochs() > 0
                ? new StepSchedule((float) c.learningRate(), (float) c.lrGamma(), c.lrStepEpochs())
                : LearningRateSchedule.constant((float) c.learningRate());
        Trainer t = Trainer.builder(net).mode(c.trainingMode()).loss(new SoftmaxCrossEntropy())
                .optimizer(c.optimizer().equalsIgnoreCase("sgd") ? new SgdMomentum(0.9f) : new Adam())
                .schedule(schedule).batchSize(c.batch()).seed(c.seed()).build();
        return new Setup(data[0], data[1], data[2], net, t, backend);
    }

    private Summary execute(ExperimentConfig c, RunFolder folder, boolean resume) throws IOException {
        Setup s = setup(c);
        Trainer t = s.trainer();
        if (resume) {
            Checkpoints.read(folder.checkpoint(), t);
            folder.loadEpochs(t.epoch());
            log.printf(Locale.ROOT, "resuming %s at epoch %d of %d%n", folder.dir(), t.epoch() + 1, c.epochs());
        }
        log.printf(Locale.ROOT, "%s | %s, %s, mode %s, preset %s%s | %d train / %d validation / %d test | backend %s%n",
                folder.dir(), c.dataset(), c.architecture(), c.mode(), c.preset(), c.hardware().isEmpty() ? "" : " " + c.hardware(),
                s.train().size(),
                s.validation() == null ? 0 : s.validation().size(), s.test().size(), s.backend().kind().id());
        double seconds = 0;
        long samples = 0;
        for (EpochRecord r : folder.epochs()) {
            seconds += r.epochSeconds();
            samples += (long) (r.samplesPerSecond() * r.epochSeconds());
        }
        while (t.epoch() < c.epochs()) {
            int epoch = t.epoch() + 1;
            long t0 = System.nanoTime();
            EpochResult er;
            if (progress) {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, c.epochs()))
                        .setInitialMax(s.train().size()).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                        .setConsumer(new ConsoleProgressBarConsumer(log)).setUnit(" samples", 1).showSpeed().setMaxRenderedLength(130).build()) {
                    long[] lastMessage = {System.nanoTime()};
                    er = t.trainEpoch(s.train(), (done, total, loss, accuracy) -> {
                        bar.stepTo(done);
                        long now = System.nanoTime();
                        if (now - lastMessage[0] > 500_000_000L) {
                            lastMessage[0] = now;
                            bar.setExtraMessage(Double.isNaN(accuracy) ? String.format(Locale.ROOT, " | loss %.4f", loss)
                                    : String.format(Locale.ROOT, " | loss %.4f, acc %.2f%%", loss, 100 * accuracy));
                        }
                    });
                }
            } else {
                er = t.trainEpoch(s.train());
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            seconds += sec;
            samples += er.samples();
            Evaluation v = s.validation() != null ? t.evaluate(s.validation()) : t.evaluate(s.test());
            EpochRecord r = new EpochRecord(epoch, er.learningRate(), er.meanLoss(), er.accuracy(), v.physicalLoss(), v.physicalAccuracy(),
                    v.modelLoss(), v.modelAccuracy(), v.agreement(), er.samples() / sec, sec);
            folder.addEpoch(r);
            if (s.validation() != null && selectedEpoch(folder.epochs(), true).epoch() == epoch) {
                Checkpoints.write(folder.best(), t);
            }
            Checkpoints.write(folder.checkpoint(), t);
            log.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f, acc %s | %s acc on physical %.2f%%, on model %.2f%%, agreement %.2f%% | %.0f samples/s, %.1f s%n",
                    epoch, c.epochs(), er.meanLoss(), Double.isNaN(er.accuracy()) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * er.accuracy()),
                    s.validation() != null ? "validation" : "test", 100 * v.physicalAccuracy(),
                    100 * v.modelAccuracy(), 100 * v.agreement(), er.samples() / sec, sec);
        }
        EpochRecord selected = selectedEpoch(folder.epochs(), s.validation() != null);
        if (s.validation() != null) {
            if (!Files.exists(folder.best())) {
                throw new IOException(folder.best() + " is missing: it holds the epoch with the best validation accuracy ("
                        + selected.epoch() + ")");
            }
            Checkpoints.read(folder.best(), t);
            if (t.epoch() != selected.epoch()) {
                throw new IOException(folder.best() + " holds epoch " + t.epoch() + ", metrics.jsonl says the best validation epoch is "
                        + selected.epoch());
            }
            log.printf(Locale.ROOT, "selected epoch %d (best validation accuracy on the physical system, %.2f%%)%n",
                    selected.epoch(), 100 * selected.valPhysicalAcc());
        }
        ConfusionMatrix cm = new ConfusionMatrix(s.network().outputSize());
        Evaluation test = t.evaluate(s.test(), cm);
        int epochsDone = folder.epochs().size();
        Summary summary = new Summary(c, folder.dir().toString(), epochsDone, s.train().size(),
                s.validation() == null ? 0 : s.validation().size(), s.test().size(), s.backend().description(),
                s.network().toString(), s.network().parameters().size(), epochsDone == 0 ? 0 : seconds / epochsDone,
                seconds == 0 ? 0 : samples / seconds, selected.epoch(), selected.valPhysicalAcc(), test.physicalAccuracy(), test.modelAccuracy(), test.agreement(),
                test.physicalLoss(), test.modelLoss(), cm.rows());
        folder.writeSummary(summary, cm);
        log.printf(Locale.ROOT, "test (%d samples): accuracy on the physical system %.2f%%, on the digital model %.2f%%, agreement %.2f%%%n",
                s.test().size(), 100 * test.physicalAccuracy(), 100 * test.modelAccuracy(), 100 * test.agreement());
        return summary;
    }

    /** The epoch reported on the test set: the first with the best validation accuracy on the physical system, else the last. */
    static EpochRecord selectedEpoch(java.util.List<EpochRecord> epochs, boolean byValidation) {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch was trained");
        }
        EpochRecord best = epochs.get(epochs.size() - 1);
        if (byValidation) {
            best = epochs.get(0);
            for (EpochRecord e : epochs) {
                if (e.valPhysicalAcc() > best.valPhysicalAcc()) {
                    best = e;
                }
            }
        }
        return best;
    }
}
