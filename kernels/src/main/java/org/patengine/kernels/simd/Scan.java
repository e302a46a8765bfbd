package org.patengine.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Branch-free vector scans for the checks a SIMD kernel makes on every call (finite values, angles
 * within a bound): they run on the thread the pool's workers wait on, so
 * they are kept to a few cycles per vector. Each answers only yes or no; the caller searches again,
 * lane by lane, for the first bad value to name in its error. A NaN is never within anything.
 * The comparisons are exact, so the answer is the same as the scalar loop's on every input.
 *
 * <p>Only the SIMD kernels use it: in the checks every backend shares, vector code that C2 has not
 * compiled yet allocates (an OpenCL kernel's few calls left it boxing there), so those stay scalar.
 */
public final class Scan {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();

    private Scan() {
    }

    /** True when every a[from, to) is finite. */
    public static boolean allFinite(float[] a, int from, int to) {
        VectorMask<Float> ok = S.maskAll(true);
        int i = from;
        for (; i <= to - L; i += L) {
            ok = ok.and(FloatVector.fromArray(S, a, i).test(VectorOperators.IS_FINITE));
        }
        boolean tail = true;
        for (; i < to; i++) {
            tail &= Float.isFinite(a[i]);
        }
        return ok.allTrue() & tail;
    }

    /**
     * True when |s_i · (c_i · x[off + i])| ≤ max for every i in [0, n) (c null: |s_i · x[off + i]|),
     * the products rounded in that order, as the scalar checks compute them.
     */
    public static boolean allScaledWithin(float[] s, float[] c, float[] x, int off, int n, float max) {
        VectorMask<Float> ok = S.maskAll(true);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            if (c != null) {
                v = FloatVector.fromArray(S, c, i).mul(v);
            }
            ok = ok.and(FloatVector.fromArray(S, s, i).mul(v).abs().compare(VectorOperators.LE, max));
        }
        boolean tail = true;
        for (; i < n; i++) {
            float v = c != null ? c[i] * x[off + i] : x[off + i];
            tail &= Math.abs(s[i] * v) <= max;
        }
        return ok.allTrue() & tail;
    }
}
