package org.patengine.engine.data;

import java.util.Locale;

/**
 * How a feature dataset's values are brought into the range its first layer expects, fitted on
 * the training part only and then applied unchanged to validation and test (so nothing of them
 * leaks into training).
 */
public enum FeatureScaling {
    /** The features as they are (the toy tasks, already in [−1, 1]). */
    NONE,
    /**
     * Per feature {@code x' = (x − min) / (max − min)} with min and max of the training part: the
     * training features span [0, 1]; held-out ones may fall slightly outside. A feature constant on
     * the training part maps to 0.5.
     */
    MIN_MAX;

    /** [train, validation (may be null), test] scaled by the fit on {@code train}. */
    public ArrayDataset[] apply(ArrayDataset train, ArrayDataset validation, ArrayDataset test) {
        if (this == NONE) {
            return new ArrayDataset[] {train, validation, test};
        }
        int d = train.inputSize();
        float[] lo = new float[d];
        float[] hi = new float[d];
        java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
        float[] x = train.inputs();
        for (int i = 0; i < x.length; i++) {
            lo[i % d] = Math.min(lo[i % d], x[i]);
            hi[i % d] = Math.max(hi[i % d], x[i]);
        }
        return new ArrayDataset[] {scaled(train, lo, hi), validation == null ? null : scaled(validation, lo, hi),
            scaled(test, lo, hi)};
    }

    private static ArrayDataset scaled(ArrayDataset data, float[] lo, float[] hi) {
        int d = lo.length;
        if (data.inputSize() != d) {
            throw new IllegalArgumentException("scaling fitted on " + d + " features, applied to " + data.inputSize());
        }
        float[] in = data.inputs();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            int f = i % d;
            float span = hi[f] - lo[f];
            out[i] = span > 0 ? (in[i] - lo[f]) / span : 0.5f;
        }
        return ArrayDataset.classification(out, d, data.labels(), data.classCount());
    }

    /** The lowercase name used in help text. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
