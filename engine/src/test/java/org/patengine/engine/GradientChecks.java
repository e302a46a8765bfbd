package org.patengine.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

/** Double-precision central-difference checks shared by the tests. */
public final class GradientChecks {
    private GradientChecks() {
    }

    /** {@code Σ a_i b_i} over [0, n), in double. */
    public static double dot(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Cosine of the angle between a[0, n) and b[0, n). */
    public static double cosine(float[] a, float[] b, int n) {
        return dot(a, b, n) / Math.sqrt(dot(a, a, n) * dot(b, b, n));
    }

    /**
     * Central differences of {@code f} in each {@code v[off + i]}, i in [0, n): restores v.
     * f must read v; it is evaluated in double.
     */
    public static double[] centralDifferences(float[] v, int off, int n, float eps, DoubleSupplier f) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            float orig = v[off + i];
            float up = orig + eps;
            float down = orig - eps;
            v[off + i] = up;
            double fu = f.getAsDouble();
            v[off + i] = down;
            double fd = f.getAsDouble();
            v[off + i] = orig;
            g[i] = (fu - fd) / ((double) up - down);
        }
        return g;
    }

    /**
     * Asserts {@code max_i |analytic_i − numeric_i| <= tol · max(max_i |numeric_i|, floor)}.
     */
    public static void assertClose(String what, float[] analytic, int off, double[] numeric, double tol) {
        double maxNum = 1e-6;
        for (double v : numeric) {
            maxNum = Math.max(maxNum, Math.abs(v));
        }
        double maxErr = 0;
        int worst = -1;
        for (int i = 0; i < numeric.length; i++) {
            double e = Math.abs(analytic[off + i] - numeric[i]);
            if (e > maxErr) {
                maxErr = e;
                worst = i;
            }
        }
        double rel = maxErr / maxNum;
        final int w = worst;
        final double err = maxErr;
        assertTrue(rel <= tol, () -> what + ": max error " + err + " relative " + rel + " > " + tol
                + " at " + w + " (analytic " + (w >= 0 ? analytic[off + w] : 0) + ", numeric "
                + (w >= 0 ? numeric[w] : 0) + ")");
    }
}
