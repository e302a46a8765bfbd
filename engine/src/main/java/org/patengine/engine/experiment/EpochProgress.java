package org.patengine.engine.experiment;

import java.io.PrintStream;
import java.util.Locale;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.patengine.engine.data.Dataset;
import org.patengine.engine.train.EpochResult;
import org.patengine.engine.train.Trainer;

/**
 * Trains one epoch, with a progress bar of samples done, speed and — at most every half second —
 * the last batch's loss and the epoch's running accuracy, or silently.
 */
final class EpochProgress {
    private static final long MESSAGE_INTERVAL_NANOS = 500_000_000L;

    private final PrintStream out;
    private final boolean shown;

    /** @param out where the bar is drawn; {@code shown}: draw it at all */
    EpochProgress(PrintStream out, boolean shown) {
        this.out = out;
        this.shown = shown;
    }

    /** One epoch of {@code t} on {@code train}, the {@code epoch}-th of {@code epochs}. */
    EpochResult train(Trainer t, Dataset train, int epoch, int epochs) {
        if (!shown) {
            return t.trainEpoch(train);
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                .setInitialMax(train.size()).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(out)).setUnit(" samples", 1).showSpeed().setMaxRenderedLength(130).build()) {
            long[] lastMessage = {System.nanoTime()};
            return t.trainEpoch(train, (done, total, loss, accuracy) -> {
                bar.stepTo(done);
                long now = System.nanoTime();
                if (now - lastMessage[0] > MESSAGE_INTERVAL_NANOS) {
                    lastMessage[0] = now;
                    bar.setExtraMessage(Double.isNaN(accuracy) ? String.format(Locale.ROOT, " | loss %.4f", loss)
                            : String.format(Locale.ROOT, " | loss %.4f, acc %.2f%%", loss, 100 * accuracy));
                }
            });
        }
    }
}
