package org.patengine.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised sin and cos for float lanes: the one sine/cosine polynomial of this module.
 *
 * <p>Why not {@code lanewise(VectorOperators.SIN)}: on this JDK/CPU pair the SVML intrinsic is not
 * used, and the fallback calls {@link Math#sin} lane by lane and allocates. Here: Cody–Waite
 * reduction {@code x = j·π/2 + r} with π/2 split in three parts (j·P1 is exact for |j| < 2¹⁶), then
 * the Cephes minimax polynomials for sin and cos on |r| ≤ π/4, chosen and signed by the quadrant
 * {@code j mod 4}, which the magic-number rounding leaves in the low bits of the float. About 1 ulp
 * for |x| ≤ {@value #LIMIT}.
 *
 * <p>Two entries per function. {@link #sin(FloatVector)} / {@link #cos(FloatVector)} are correct for
 * any input: vectors with a lane beyond {@value #LIMIT} (or non-finite) are computed lane by lane
 * with {@link Math#sin}/{@link Math#cos}. {@link #sinCore} / {@link #cosCore} are the branch-free
 * polynomial alone, for fused loops such as the oscillator kernel's. Why fused loops need the core:
 * once the lane-by-lane fallback has been taken anywhere in the process (a diverging run reaches it),
 * C2 compiles the fallback into every caller, which pushes a large fused loop over C2's inlining
 * budget; vectors crossing a call C2 declined to inline are boxed, and the loop allocates on every
 * call. With the core, large lanes only lose accuracy gradually (callers reject arguments beyond
 * {@value #LIMIT} themselves) and non-finite lanes give NaN.
 *
 * <p>C2's inlining budget, the second half: the polynomial is 211 bytes of bytecode, above
 * {@code MaxInlineSize} (35), so C2 inlines it only at call sites its profile calls hot. A fused
 * loop compiled early, or on OSR, can see a site as not hot ("failed to inline: callee is too
 * large" in {@code -XX:+PrintInlining}); its vectors are then boxed and the training step
 * allocates kilobytes per call, by the luck of compile timing (seen in CI and in JMH at batch 256).
 * Application code cannot use the JDK's {@code @ForceInline}, so every launcher of this project
 * (./pat, surefire's argLine, the JMH forks) passes {@link #JIT_QUIET} and {@link #JIT_INLINE},
 * which force-inline every method of this class; an application embedding the kernels should pass
 * them too.
 */
public final class SimdMath {
    /** Keeps the JVM from echoing the CompileCommand below on standard output. */
    public static final String JIT_QUIET = "-XX:CompileCommand=quiet";
    /** Makes C2 inline every method of this class at every call site (see the class comment). */
    public static final String JIT_INLINE = "-XX:CompileCommand=inline,org.patengine.kernels.simd.SimdMath::*";

    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;

    /** Largest |x| handled by the vector path. */
    public static final float LIMIT = 8192f;

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

    private SimdMath() {
    }

    /** sin of every lane. */
    public static FloatVector sin(FloatVector x) {
        if (x.abs().compare(VectorOperators.LE, LIMIT).allTrue()) {
            return kernel(x, 0);
        }
        return Fallback.laneWise(x, false);
    }

    /** cos of every lane. */
    public static FloatVector cos(FloatVector x) {
        if (x.abs().compare(VectorOperators.LE, LIMIT).allTrue()) {
            return kernel(x, 1);
        }
        return Fallback.laneWise(x, true);
    }

    /**
     * sin of every lane by the branch-free polynomial alone: about 1 ulp for |x| ≤ {@value #LIMIT},
     * gradually less accurate beyond, NaN for a non-finite lane. Bit for bit {@link #sin(FloatVector)}
     * within the limit.
     */
    public static FloatVector sinCore(FloatVector x) {
        return kernel(x, 0);
    }

    /** cos of every lane by the branch-free polynomial alone (see {@link #sinCore}). */
    public static FloatVector cosCore(FloatVector x) {
        return kernel(x, 1);
    }

    /** sin(x + shift·π/2) for |x| ≤ LIMIT. */
    private static FloatVector kernel(FloatVector x, int shift) {
        FloatVector t = x.fma(TWO_OVER_PI, MAGIC);
        IntVector q = t.reinterpretAsInts().add(shift); // low bits: j + shift (mod 4)
        FloatVector j = t.sub(MAGIC);
        FloatVector r = j.fma(c(-P1), x);
        r = j.fma(c(-P2), r);
        r = j.fma(c(-P3), r);
        FloatVector r2 = r.mul(r);
        FloatVector sinR = r2.fma(S3, S2).fma(r2, c(S1)).mul(r2).fma(r, r);
        FloatVector cosR = r2.fma(C3, C2).fma(r2, c(C1)).mul(r2).mul(r2).add(r2.fma(-0.5f, 1f));
        VectorMask<Integer> odd = q.and(1).compare(VectorOperators.NE, 0);
        IntVector bits = sinR.reinterpretAsInts().blend(cosR.reinterpretAsInts(), odd);
        IntVector sign = q.and(2).lanewise(VectorOperators.LSHL, 30);
        return bits.lanewise(VectorOperators.XOR, sign).reinterpretAsFloats();
    }

    /**
     * The sum of v's lanes, lane 0 first. Not {@code reduceLanes(ADD)}: its float order differs
     * between the interpreter and C2, so a run resumed in a fresh JVM would not repeat the
     * uninterrupted one bit for bit.
     */
    public static float sumLanes(FloatVector v) {
        float r = 0f;
        for (int l = 0; l < S.length(); l++) {
            r += v.lane(l);
        }
        return r;
    }

    /**
     * sin of one float, bit for bit what a lane of {@link #sin(FloatVector)} gives (same reduction,
     * polynomial and fused multiply–adds): for the tail of an array, where a vector call would sit
     * on a cold call site that C2 does not inline, and its vectors would be boxed.
     */
    public static float sin(float x) {
        return Math.abs(x) <= LIMIT ? kernel(x, 0) : (float) Math.sin(x);
    }

    /** cos of one float, bit for bit a lane of {@link #cos(FloatVector)}. */
    public static float cos(float x) {
        return Math.abs(x) <= LIMIT ? kernel(x, 1) : (float) Math.cos(x);
    }

    private static float kernel(float x, int shift) {
        float t = Math.fma(x, TWO_OVER_PI, MAGIC);
        int q = Float.floatToRawIntBits(t) + shift;
        float j = t - MAGIC;
        float r = Math.fma(j, -P1, x);
        r = Math.fma(j, -P2, r);
        r = Math.fma(j, -P3, r);
        float r2 = r * r;
        float sinR = Math.fma(Math.fma(Math.fma(r2, S3, S2), r2, S1) * r2, r, r);
        float cosR = Math.fma(Math.fma(r2, C3, C2), r2, C1) * r2 * r2 + Math.fma(r2, -0.5f, 1f);
        int bits = (q & 1) != 0 ? Float.floatToRawIntBits(cosR) : Float.floatToRawIntBits(sinR);
        return Float.intBitsToFloat(bits ^ ((q & 2) << 30));
    }

    private static FloatVector c(float v) {
        return FloatVector.broadcast(S, v);
    }

    /** The cold lane-by-lane path, outside {@link SimdMath} so that {@link #JIT_INLINE} does not inline it. */
    private static final class Fallback {
        static FloatVector laneWise(FloatVector x, boolean cos) {
            float[] v = x.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (cos ? Math.cos(v[i]) : Math.sin(v[i]));
            }
            return FloatVector.fromArray(S, v, 0);
        }
    }
}
