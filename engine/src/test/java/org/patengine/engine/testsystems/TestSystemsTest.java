package org.patengine.engine.testsystems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.patengine.engine.MapChecks;
import org.patengine.sim.Rng;

/** The test fixtures' own VJPs, so the trainer tests rest on verified maps. */
class TestSystemsTest {
    private static float[] uniform(int n, float lo, float hi, long seed) {
        Rng r = new Rng(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.uniform(lo, hi);
        }
        return a;
    }

    @Test
    void powerMap() {
        MapChecks.check(new PowerMap(2.01f, 3), 4, uniform(12, 0.5f, 2f, 1), uniform(3, 0.8f, 1.5f, 2), 1e-3f, 2e-3, 3);
    }

    @Test
    void tanhAffineMapWithHiddenPerturbation() {
        TanhAffineSystem s = TanhAffineSystem.withGap(5, 3, 0.2f, 0.3f, 0f, 0f, 4);
        MapChecks.check(s.exactModel(), 7, uniform(35, -1, 1, 5), uniform(18, -0.7f, 0.7f, 6), 1e-2f, 2e-3, 7);
        MapChecks.check(TanhAffineMap.nominal(1, 1), 1, uniform(1, -1, 1, 8), uniform(2, -0.7f, 0.7f, 9), 1e-2f,
                2e-3, 10);
    }

    /** Without noise the system's forward is its exact model's; with noise it is seeded. */
    @Test
    void systemForwardIsExactModelPlusSeededNoise() {
        float[] x = uniform(12, -1, 1, 11);
        float[] theta = uniform(15, -0.5f, 0.5f, 12);
        TanhAffineSystem quiet = TanhAffineSystem.withGap(4, 3, 0.1f, 0.2f, 0f, 0f, 13);
        float[] y = new float[9];
        float[] yExact = new float[9];
        quiet.forward(3, x, theta, y);
        quiet.exactModel().forward(3, x, theta, yExact);
        assertArrayEquals(yExact, y);
        float[] a = new float[9];
        float[] b = new float[9];
        TanhAffineSystem.withGap(4, 3, 0.1f, 0.2f, 0.05f, 0.05f, 14).forward(3, x, theta, a);
        TanhAffineSystem.withGap(4, 3, 0.1f, 0.2f, 0.05f, 0.05f, 14).forward(3, x, theta, b);
        assertArrayEquals(a, b);
    }
}
