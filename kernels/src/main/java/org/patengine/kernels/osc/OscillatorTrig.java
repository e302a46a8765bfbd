package org.patengine.kernels.osc;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.patengine.kernels.simd.VectorWidth;

/**
 * Branch-free vector sin and cos for the SIMD oscillator kernel's fused loops: the polynomial of
 * {@link org.patengine.kernels.simd.SimdMath} (Cody–Waite reduction by π/2 in three parts, Cephes
 * minimax polynomials on |r| ≤ π/4, about 1 ulp for |x| ≤ {@link OscillatorSupport#MAX_PHASE})
 * without its lane-by-lane fallback for large or non-finite lanes.
 *
 * <p>Why a copy: once SimdMath's fallback has been taken anywhere in the process (a diverging run
 * reaches it), C2 compiles the fallback into every caller, which pushes the fused RK4 loops over
 * its inlining budget; vectors crossing a call C2 declined to inline are boxed, and the kernel
 * allocates on every call. Here large lanes only lose accuracy gradually (the kernels reject
 * angles beyond {@link OscillatorSupport#MAX_PHASE} anyway) and non-finite lanes give NaN, which
 * the divergence check reports.
 */
final class OscillatorTrig {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final float TWO_OVER_PI = 0.636619772367581343f;
    private static final float MAGIC = 12582912f; // 1.5·2^23: adding it rounds to an integer in the low bits
    private static final float P1 = 1.5703125f;
    private static final float P2 = 4.837512969970703125e-4f;
    private static final float P3 = 7.54978995489188216e-8f;
    private static final float S1 = -1.6666654611e-1f;
    private static final float S2 = 8.3321608736e-3f;
    private static final float S3 = -1.9515295891e-4f;
    private static final float C1 = 4.166664568298827e-2f;
    private static final float C2 = -1.388731625493765e-3f;
    private static final float C3 = 2.443315711809948e-5f;

    private OscillatorTrig() {
    }

    static FloatVector sin(FloatVector x) {
        return kernel(x, 0);
    }

    static FloatVector cos(FloatVector x) {
        return kernel(x, 1);
    }

    /** sin(x + shift·π/2): reduce x = j·π/2 + r, pick sin r or cos r and the sign by (j + shift) mod 4. */
    private static FloatVector kernel(FloatVector x, int shift) {
        FloatVector t = x.fma(TWO_OVER_PI, MAGIC);
        IntVector q = t.reinterpretAsInts().add(shift);
        FloatVector j = t.sub(MAGIC);
        FloatVector r = j.fma(FloatVector.broadcast(S, -P1), x);
        r = j.fma(FloatVector.broadcast(S, -P2), r);
        r = j.fma(FloatVector.broadcast(S, -P3), r);
        FloatVector r2 = r.mul(r);
        FloatVector sinR = r2.fma(S3, S2).fma(r2, FloatVector.broadcast(S, S1)).mul(r2).fma(r, r);
        FloatVector cosR = r2.fma(C3, C2).fma(r2, FloatVector.broadcast(S, C1)).mul(r2).mul(r2).add(r2.fma(-0.5f, 1f));
        VectorMask<Integer> odd = q.and(1).compare(VectorOperators.NE, 0);
        IntVector bits = sinR.reinterpretAsInts().blend(cosR.reinterpretAsInts(), odd);
        IntVector sign = q.and(2).lanewise(VectorOperators.LSHL, 30);
        return bits.lanewise(VectorOperators.XOR, sign).reinterpretAsFloats();
    }
}
