package org.patengine.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link Scan} against the scalar definitions, at every length up to a few vectors and every
 * position of one bad value (NaN, ±∞, a value just past a bound, the bound itself), at odd offsets;
 * the build runs it at every vector width.
 */
class ScanTest {
    private static final float[] SPECIALS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Math.nextUp(2f), 2f, -2f, Math.nextDown(-2f), Float.MAX_VALUE, -0f};

    private static boolean finiteScalar(float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean scaledScalar(float[] s, float[] c, float[] x, int off, int n, float max) {
        for (int i = 0; i < n; i++) {
            float v = c != null ? c[i] * x[off + i] : x[off + i];
            if (!(Math.abs(s[i] * v) <= max)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void agreesWithTheScalarLoopsEverywhere() {
        SplittableRandom r = new SplittableRandom(9);
        for (int len = 0; len <= 70; len++) {
            for (int off : new int[] {0, 3}) {
                float[] a = new float[off + len + 5];
                float[] s = new float[len];
                float[] c = new float[len];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) r.nextDouble(-1.9, 1.9);
                }
                for (int i = 0; i < len; i++) {
                    s[i] = (float) r.nextDouble(0.5, 1.0);
                    c[i] = (float) r.nextDouble(0.5, 1.0);
                }
                check(a, s, c, off, len, "clean");
                for (int bad = 0; bad < len; bad++) {
                    for (float v : SPECIALS) {
                        float keep = a[off + bad];
                        a[off + bad] = v;
                        check(a, s, c, off, len, "a[" + (off + bad) + "] = " + v);
                        a[off + bad] = keep;
                    }
                }
            }
        }
    }

    private static void check(float[] a, float[] s, float[] c, int off, int len, String what) {
        String at = what + ", length " + len + " at " + off;
        assertEquals(finiteScalar(a, off, off + len), Scan.allFinite(a, off, off + len), "allFinite: " + at);
        assertEquals(scaledScalar(s, c, a, off, len, 1.5f), Scan.allScaledWithin(s, c, a, off, len, 1.5f), "allScaledWithin: " + at);
        assertEquals(scaledScalar(s, null, a, off, len, 1.5f), Scan.allScaledWithin(s, null, a, off, len, 1.5f),
                "allScaledWithin without c: " + at);
    }
}
