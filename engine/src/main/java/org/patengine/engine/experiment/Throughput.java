package org.patengine.engine.experiment;

import java.util.List;

/**
 * Training wall time and samples over a run's epochs, a resumed run's earlier epochs included
 * (rebuilt from their metrics), for the summary's seconds per epoch and samples per second.
 */
final class Throughput {
    private double seconds;
    private long samples;

    /** The totals of the epochs already recorded. */
    static Throughput of(List<EpochRecord> done) {
        Throughput t = new Throughput();
        for (EpochRecord r : done) {
            t.seconds += r.epochSeconds();
            t.samples += (long) (r.samplesPerSecond() * r.epochSeconds());
        }
        return t;
    }

    /** Counts one epoch's training. */
    void add(double epochSeconds, int epochSamples) {
        seconds += epochSeconds;
        samples += epochSamples;
    }

    /** Seconds per epoch over {@code epochs} epochs (0 for none). */
    double meanEpochSeconds(int epochs) {
        return epochs == 0 ? 0 : seconds / epochs;
    }

    /** Samples per second of training (0 before any). */
    double samplesPerSecond() {
        return seconds == 0 ? 0 : samples / seconds;
    }
}
