package org.patengine.engine.report;

/** Counts of (true class, predicted class) pairs. */
public final class ConfusionMatrix {
    private final int classes;
    private final long[] counts; // (classes, classes) row-major: [true][predicted]

    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, was " + classes);
        }
        this.classes = classes;
        this.counts = new long[classes * classes];
    }

    public int classes() {
        return classes;
    }

    /** Counts one sample. */
    public void add(int trueClass, int predicted) {
        if (trueClass < 0 || trueClass >= classes || predicted < 0 || predicted >= classes) {
            throw new IllegalArgumentException("class pair (" + trueClass + ", " + predicted + ") outside [0, " + classes + ")");
        }
        counts[trueClass * classes + predicted]++;
    }

    public long count(int trueClass, int predicted) {
        return counts[trueClass * classes + predicted];
    }

    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** Fraction on the diagonal (NaN when empty). */
    public double accuracy() {
        long diag = 0;
        for (int i = 0; i < classes; i++) {
            diag += counts[i * classes + i];
        }
        long t = total();
        return t == 0 ? Double.NaN : (double) diag / t;
    }

    /** Rows of counts, for JSON. */
    public long[][] rows() {
        long[][] r = new long[classes][classes];
        for (int i = 0; i < classes; i++) {
            System.arraycopy(counts, i * classes, r[i], 0, classes);
        }
        return r;
    }
}
