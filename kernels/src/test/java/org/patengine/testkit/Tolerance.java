package org.patengine.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Float-array comparisons for equivalence tests: elementwise
 * {@code |actual_i − expected_i| ≤ absolute + relative·|expected_i|}, computed in double, failing
 * with a message that names the array, the worst index, both values and the bound (a NaN on either
 * side fails). For a bound relative to an array's magnitude, pass {@code absolute = tol·scale} with
 * the scale from {@link #maxAbs}.
 */
public final class Tolerance {
    private Tolerance() {
    }

    /** Elementwise {@code |actual − expected| ≤ absolute + relative·|expected|}. */
    public static void assertClose(String what, float[] expected, float[] actual, double absolute, double relative) {
        assertEquals(expected.length, actual.length, what + ": length");
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs((double) actual[i] - expected[i]);
            double bound = absolute + relative * Math.abs(expected[i]);
            double excess = diff - bound;
            if (Double.isNaN(excess)) { // a NaN value or bound
                excess = Double.POSITIVE_INFINITY;
            }
            if (excess > worstExcess) {
                worstExcess = excess;
                worst = i;
            }
        }
        if (worst >= 0) {
            int i = worst;
            fail(what + "[" + i + "]: expected " + expected[i] + ", was " + actual[i] + " (|diff| = "
                    + Math.abs((double) actual[i] - expected[i]) + ", allowed " + (absolute + relative * Math.abs(expected[i]))
                    + ")");
        }
    }

    /** The largest |a_i| (0 for an empty array; NaN entries are skipped). */
    public static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            if (Math.abs(v) > m) {
                m = Math.abs(v);
            }
        }
        return m;
    }
}
