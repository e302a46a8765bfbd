package org.patengine.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import jdk.incubator.vector.FloatVector;

import org.junit.jupiter.api.Test;
import org.patengine.kernels.osc.OscillatorSupport;

/**
 * The branch-free polynomial core of {@link SimdMath} (what the oscillator kernel's fused loops call)
 * against Math.sin/cos over the oscillators' accepted range and at its edges, and bit for bit
 * against {@link SimdMath#sin(FloatVector)} / {@link SimdMath#cos(FloatVector)} there: one polynomial.
 */
class SimdMathCoreTest {
    private static final int L = VectorWidth.FLOAT.length();

    @Test
    void matchesMathWithinTwoUlpOfOneOverTheAcceptedRange() {
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[4096 * L];
        for (int i = 0; i < x.length; i++) {
            double scale = switch (i % 4) {
                case 0 -> 1;
                case 1 -> 10;
                case 2 -> 1000;
                default -> OscillatorSupport.MAX_PHASE;
            };
            x[i] = (float) (scale * (2 * r.nextDouble() - 1));
        }
        x[0] = 0f;
        x[1] = -0f;
        x[2] = OscillatorSupport.MAX_PHASE;
        x[3] = -OscillatorSupport.MAX_PHASE;
        x[4] = (float) (Math.PI / 2);
        x[5] = (float) Math.PI;
        x[6] = 1e-30f;
        float[] s = new float[x.length], c = new float[x.length];
        for (int i = 0; i < x.length; i += L) {
            SimdMath.sinCore(FloatVector.fromArray(VectorWidth.FLOAT, x, i)).intoArray(s, i);
            SimdMath.cosCore(FloatVector.fromArray(VectorWidth.FLOAT, x, i)).intoArray(c, i);
        }
        float[] sFull = new float[x.length], cFull = new float[x.length];
        for (int i = 0; i < x.length; i += L) {
            SimdMath.sin(FloatVector.fromArray(VectorWidth.FLOAT, x, i)).intoArray(sFull, i);
            SimdMath.cos(FloatVector.fromArray(VectorWidth.FLOAT, x, i)).intoArray(cFull, i);
        }
        double tol = 2 * Math.ulp(1f);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(sFull[i]), Float.floatToRawIntBits(s[i]), "sinCore vs sin at " + x[i]);
            assertEquals(Float.floatToRawIntBits(cFull[i]), Float.floatToRawIntBits(c[i]), "cosCore vs cos at " + x[i]);
            assertTrue(Math.abs(s[i] - Math.sin(x[i])) <= tol, "sin(" + x[i] + ") = " + s[i] + ", expected " + Math.sin(x[i]));
            assertTrue(Math.abs(c[i] - Math.cos(x[i])) <= tol, "cos(" + x[i] + ") = " + c[i] + ", expected " + Math.cos(x[i]));
        }
    }

    @Test
    void nonFiniteLanesGiveNaN() {
        float[] x = new float[L];
        x[0] = Float.NaN;
        if (L > 1) {
            x[1] = Float.POSITIVE_INFINITY;
        }
        float[] s = new float[L];
        SimdMath.sinCore(FloatVector.fromArray(VectorWidth.FLOAT, x, 0)).intoArray(s, 0);
        assertTrue(Float.isNaN(s[0]), "sin(NaN) = " + s[0]);
        if (L > 1) {
            assertTrue(Float.isNaN(s[1]), "sin(Inf) = " + s[1]);
        }
    }
}
