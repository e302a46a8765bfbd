package org.patengine.engine.experiment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import org.patengine.engine.train.Evaluation;

/**
 * The lines a run prints while it trains (stderr for the CLI): where it resumes, what it trains,
 * one line per epoch, the selected epoch and the test figures. The text is part of the
 * command line's interface: scripts and the README quote it.
 */
final class RunLog {
    private final PrintStream out;

    RunLog(PrintStream out) {
        this.out = out;
    }

    void finishedBefore(Path runDir, RunSummary done) {
        out.printf(Locale.ROOT, "%s: finished before, test accuracy on the physical system %.2f%%%n", runDir,
                100 * done.testPhysicalAcc());
    }

    void resuming(RunFolder folder, int epoch, int epochs) {
        if (epoch > epochs) {
            out.printf(Locale.ROOT, "resuming %s: all %d epochs are done; measuring the selected epoch on the test set again%n",
                    folder.dir(), epochs);
        } else {
            out.printf(Locale.ROOT, "resuming %s at epoch %d of %d%n", folder.dir(), epoch, epochs);
        }
    }

    /** The run's folder, what it trains, its data and its backend. */
    void start(ExperimentConfig c, RunFolder folder, ExperimentRunner.Setup s) {
        out.printf(Locale.ROOT, "%s | %s, %s, mode %s, preset %s%s | %d train / %d validation / %d test | backend %s%n",
                folder.dir(), c.dataset(), c.architecture(), c.mode(), c.preset(), c.hardware().isEmpty() ? "" : " " + c.hardware(),
                s.train().size(), s.validation() == null ? 0 : s.validation().size(), s.test().size(), s.backend().kind().id());
    }

    /** One epoch's training and its measurement on validation (else the test set). */
    void epoch(EpochRecord r, int epochs, boolean onValidation) {
        out.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f, acc %s | %s acc on physical %.2f%%, on model %.2f%%, agreement %.2f%% | %.0f samples/s, %.1f s | %d physical calls, %d samples%s%n",
                r.epoch(), epochs, r.trainLoss(), Double.isNaN(r.trainAcc()) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * r.trainAcc()),
                onValidation ? "validation" : "test", 100 * r.valPhysicalAcc(), 100 * r.valModelAcc(), 100 * r.valAgreement(),
                r.samplesPerSecond(), r.epochSeconds(), r.physicalCalls(), r.physicalSamples(),
                r.apparatusSeconds() > 0 ? String.format(Locale.ROOT, ", %.0f s on the apparatus", r.apparatusSeconds()) : "");
    }

    void selected(EpochRecord selected) {
        out.printf(Locale.ROOT, "selected epoch %d (best validation accuracy on the physical system, %.2f%%)%n",
                selected.epoch(), 100 * selected.valPhysicalAcc());
    }

    void fidelity(double cosine) {
        out.printf(Locale.ROOT, "gradient fidelity on the test set (models' backward vs the hardware's exact one, mean cosine): %.4f%n", cosine);
    }

    void test(int samples, Evaluation test) {
        out.printf(Locale.ROOT, "test (%d samples): accuracy on the physical system %.2f%%, on the digital model %.2f%%, agreement %.2f%%%n",
                samples, 100 * test.physicalAccuracy(), 100 * test.modelAccuracy(), 100 * test.agreement());
    }
}
