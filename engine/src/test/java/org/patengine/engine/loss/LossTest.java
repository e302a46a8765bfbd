package org.patengine.engine.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patengine.engine.GradientChecks.assertClose;
import static org.patengine.engine.GradientChecks.centralDifferences;

import org.junit.jupiter.api.Test;
import org.patengine.sim.Rng;

class LossTest {
    private static float[] random(int n, long seed, float scale) {
        Rng r = new Rng(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (scale * r.nextGaussian());
        }
        return a;
    }

    @Test
    void crossEntropyGradient() {
        int batch = 7;
        int n = 5;
        float[] y = random(batch * n, 1, 2f);
        int[] labels = {0, 4, 2, 2, 1, 3, 0};
        float[] g = new float[y.length];
        Loss loss = new SoftmaxCrossEntropy();
        loss.evaluate(batch, n, y, labels, null, g);
        assertClose("ce", g, 0, centralDifferences(y, 0, y.length, 1e-2f,
                () -> loss.evaluate(batch, n, y, labels, null, null)), 1e-3);
    }

    @Test
    void crossEntropyValueAgainstDoubleReference() {
        float[] y = {1f, 2f, 3f};
        double expected = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 2;
        assertEquals(expected, new SoftmaxCrossEntropy().evaluate(1, 3, y, new int[] {1}, null, null), 1e-6);
    }

    /** Logits of ±1000 would overflow a naive exp; the max-shift keeps the loss exact. */
    @Test
    void crossEntropyIsStableForHugeLogits() {
        float[] y = {1000f, -1000f, 999f};
        float[] g = new float[3];
        double l = new SoftmaxCrossEntropy().evaluate(1, 3, y, new int[] {2}, null, g);
        assertEquals(Math.log(1 + Math.exp(-1)) + 1, l, 1e-6);
        for (float v : g) {
            assertTrue(Float.isFinite(v));
        }
        assertEquals(0f, g[0] + g[1] + g[2], 1e-6f);
    }

    @Test
    void mseGradientAndOneHotFallback() {
        int batch = 4;
        int n = 3;
        float[] y = random(batch * n, 2, 1f);
        float[] t = random(batch * n, 3, 1f);
        float[] g = new float[y.length];
        Loss loss = new MeanSquaredError();
        loss.evaluate(batch, n, y, null, t, g);
        assertClose("mse", g, 0, centralDifferences(y, 0, y.length, 1e-2f,
                () -> loss.evaluate(batch, n, y, null, t, null)), 1e-3);

        float[] oneHot = {0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0};
        int[] labels = {1, 0, 2, 1};
        assertEquals(loss.evaluate(batch, n, y, null, oneHot, null), loss.evaluate(batch, n, y, labels, null, null),
                1e-12);
    }

    @Test
    void badInputsAreNamed() {
        Loss ce = new SoftmaxCrossEntropy();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ce.evaluate(2, 3, new float[6], new int[] {0, 3}, null, null));
        assertTrue(e.getMessage().contains("label[1] = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ce.evaluate(2, 3, new float[6], null, null, null));
        assertTrue(e.getMessage().contains("labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ce.evaluate(3, 3, new float[6], new int[3], null, null));
        assertTrue(e.getMessage().contains("length 6"), e.getMessage());
        ArithmeticException a = assertThrows(ArithmeticException.class,
                () -> ce.evaluate(2, 3, new float[] {0, 0, 0, 0, Float.NaN, 0}, new int[2], null, null));
        assertTrue(a.getMessage().contains("y[sample 1, 1] is NaN"), a.getMessage());
        Loss mse = new MeanSquaredError();
        e = assertThrows(IllegalArgumentException.class, () -> mse.evaluate(1, 2, new float[2], null, null, null));
        assertTrue(e.getMessage().contains("neither"), e.getMessage());
    }
}
