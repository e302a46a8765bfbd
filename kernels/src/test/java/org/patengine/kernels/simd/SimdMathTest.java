package org.patengine.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import org.junit.jupiter.api.Test;

/** The scalar twin of the vector sin/cos gives each lane's bits exactly, and both stay within a few ulp of Math. */
class SimdMathTest {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;

    @Test
    void theScalarTwinMatchesEveryLaneBitForBit() {
        SplittableRandom r = new SplittableRandom(5);
        int l = S.length();
        float[] x = new float[l * 4000];
        for (int i = 0; i < x.length; i++) {
            double scale = switch (i % 4) {
                case 0 -> 1;
                case 1 -> 10;
                case 2 -> 1000;
                default -> SimdMath.LIMIT;
            };
            x[i] = (float) r.nextDouble(-scale, scale);
        }
        x[0] = 0f;
        x[1] = -0f;
        x[2] = SimdMath.LIMIT;
        x[3] = Float.MIN_VALUE;
        float[] vs = new float[x.length];
        float[] vc = new float[x.length];
        for (int i = 0; i < x.length; i += l) {
            SimdMath.sin(FloatVector.fromArray(S, x, i)).intoArray(vs, i);
            SimdMath.cos(FloatVector.fromArray(S, x, i)).intoArray(vc, i);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(vs[i]), Float.floatToRawIntBits(SimdMath.sin(x[i])), "sin at x = " + x[i]);
            assertEquals(Float.floatToRawIntBits(vc[i]), Float.floatToRawIntBits(SimdMath.cos(x[i])), "cos at x = " + x[i]);
            assertTrue(Math.abs(SimdMath.sin(x[i]) - Math.sin(x[i])) <= 4 * Math.ulp(1f), "sin accuracy at " + x[i]);
            assertTrue(Math.abs(SimdMath.cos(x[i]) - Math.cos(x[i])) <= 4 * Math.ulp(1f), "cos accuracy at " + x[i]);
        }
    }

    @Test
    void beyondTheLimitAndNonFiniteInputsFallBackToMath() {
        for (float x : new float[] {SimdMath.LIMIT * 2, -1e9f, Float.MAX_VALUE}) {
            assertEquals((float) Math.sin(x), SimdMath.sin(x));
            assertEquals((float) Math.cos(x), SimdMath.cos(x));
        }
        assertTrue(Float.isNaN(SimdMath.sin(Float.NaN)) && Float.isNaN(SimdMath.cos(Float.POSITIVE_INFINITY)));
    }
}
