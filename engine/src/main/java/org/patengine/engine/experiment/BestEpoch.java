package org.patengine.engine.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.patengine.engine.train.Trainer;

/**
 * Which epoch a run reports on the test set: with a validation split, the first epoch with the
 * best validation accuracy on the physical system, whose parameters are kept in {@code best.bin};
 * without one, the last epoch. Settings and checkpoints are chosen on validation, the test set is
 * measured once.
 */
final class BestEpoch {
    private BestEpoch() {
    }

    /** The epoch reported on the test set: the first with the best validation accuracy on the physical system, else the last. */
    static EpochRecord of(List<EpochRecord> epochs, boolean byValidation) {
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

    /** After an epoch measured on validation: writes the trainer to best.bin when this epoch is now the best. */
    static void keepIfBest(RunFolder folder, Trainer t, int epoch) throws IOException {
        if (of(folder.epochs(), true).epoch() == epoch) {
            Checkpoints.write(folder.best(), t);
        }
    }

    /**
     * The reported epoch of a finished run; with validation, best.bin is read into the trainer and
     * must hold that epoch (a missing or stale file is an error naming it).
     */
    static EpochRecord restore(RunFolder folder, Trainer t, boolean byValidation) throws IOException {
        EpochRecord selected = of(folder.epochs(), byValidation);
        if (byValidation) {
            if (!Files.exists(folder.best())) {
                throw new IOException(folder.best() + " is missing: it holds the epoch with the best validation accuracy ("
                        + selected.epoch() + ")");
            }
            Checkpoints.read(folder.best(), t);
            if (t.epoch() != selected.epoch()) {
                throw new IOException(folder.best() + " holds epoch " + t.epoch() + ", metrics.jsonl says the best validation epoch is "
                        + selected.epoch());
            }
        }
        return selected;
    }
}
