package org.patengine.kernels.shg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The scalar oracle against hand-computed values, double-precision differences and the dot-product test. */
class ScalarShgKernelTest {

    /** N = 4, c = 1 on the grid, R = identity: B = (m0², m1² + 2m0m2, m2² + 2m1m3, m3²) by hand. */
    @Test
    void handComputedFourChannels() {
        ShgSpec spec = new ShgSpec(4, 4);
        ShgParams p = new ShgParams(spec);
        java.util.Arrays.fill(p.pairRe, 1f);
        for (int k = 0; k < 4; k++) {
            p.readout[k * 4 + k] = 1f;
        }
        float[] m = {0.5f, 1f, 0.25f, 0.8f};
        float[] y = new float[4];
        new ScalarShgKernel(spec, 1).forward(1, p, m, y, null);
        // B = (0.25, 1 + 2·0.5·0.25, 0.0625 + 2·1·0.8, 0.64)
        assertArrayEquals(new float[] {0.0625f, 1.5625f, 2.76390625f, 0.4096f}, y, 1e-6f);
    }

    /** A complex pair table: B_1 = c_{1,0} m1² + 2 c_{1,1} m0 m2 with c = e^{iπ/2} for j = 1, so |B|² = m1⁴ + 4 m0² m2². */
    @Test
    void handComputedComplexPair() {
        ShgSpec spec = new ShgSpec(3, 1);
        ShgParams p = new ShgParams(spec);
        p.complexField = true;
        p.pairRe[3] = 1f;     // c_{1,0} = 1
        p.pairIm[4] = 1f;     // c_{1,1} = i
        p.readout[1] = 1f;    // y = I_1
        float[] y = new float[1];
        new ScalarShgKernel(spec, 1).forward(1, p, new float[] {0.5f, 0.6f, 0.7f}, y, null);
        assertEquals(Math.pow(0.6, 4) + 4 * 0.25 * 0.49, y[0], 1e-6);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void vjpMatchesDoubleCentralDifferences(boolean complexField) {
        ShgSpec spec = new ShgSpec(9, 4);
        ShgParams p = ShgFixtures.params(spec, 11, complexField);
        DoubleShgReference ref = new DoubleShgReference(p);
        int batch = 3;
        float[] m = ShgFixtures.modulation(batch, spec, 5);
        for (int k = 0; k < m.length; k++) {
            m[k] = 0.05f + 0.9f * m[k]; // inside, so the differences stay in range
        }
        float[] gY = ShgFixtures.cotangent(batch, spec, 6);
        float[] gM = new float[batch * spec.channels()];
        float[] y = new float[batch * spec.bins()];
        ScalarShgKernel kernel = new ScalarShgKernel(spec, batch);
        kernel.vjp(batch, p, m, gY, null, gM, null, y, null);
        int n = spec.channels();
        double h = 1e-6;
        for (int b = 0; b < batch; b++) {
            double[] mb = new double[n];
            double[] v = new double[spec.bins()];
            for (int i = 0; i < n; i++) {
                mb[i] = m[b * n + i];
            }
            for (int k = 0; k < v.length; k++) {
                v[k] = gY[b * spec.bins() + k];
            }
            double[] yRef = ref.forward(mb);
            for (int k = 0; k < v.length; k++) {
                assertEquals(yRef[k], y[b * spec.bins() + k], 1e-5 * (1 + Math.abs(yRef[k])), "y[" + b + ", " + k + "]");
            }
            for (int i = 0; i < n; i++) {
                double[] up = mb.clone(), dn = mb.clone();
                up[i] += h;
                dn[i] -= h;
                double fd = (ref.dot(up, v) - ref.dot(dn, v)) / (2 * h);
                assertEquals(fd, gM[b * n + i], 1e-4 * (1 + Math.abs(fd)), "gM[" + b + ", " + i + "]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void dotProductTest(boolean complexField) {
        // ⟨v, J u⟩ = ⟨Jᵀ v, u⟩ with J u from double central differences of the reference along u
        ShgSpec spec = new ShgSpec(17, 5);
        ShgParams p = ShgFixtures.params(spec, 21, complexField);
        DoubleShgReference ref = new DoubleShgReference(p);
        float[] m = ShgFixtures.modulation(1, spec, 22);
        float[] v = ShgFixtures.cotangent(1, spec, 23);
        double[] u = new double[spec.channels()];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(24);
        for (int i = 0; i < u.length; i++) {
            u[i] = rnd.nextDouble(-1, 1);
        }
        float[] gM = new float[spec.channels()];
        new ScalarShgKernel(spec, 1).vjp(1, p, m, v, null, gM, null, null, null);
        double h = 1e-6;
        double[] up = new double[u.length], dn = new double[u.length];
        double[] vd = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            vd[k] = v[k];
        }
        double jtvu = 0;
        for (int i = 0; i < u.length; i++) {
            up[i] = m[i] + h * u[i];
            dn[i] = m[i] - h * u[i];
            jtvu += gM[i] * u[i];
        }
        double vju = (ref.dot(up, vd) - ref.dot(dn, vd)) / (2 * h);
        assertEquals(vju, jtvu, 1e-4 * (1 + Math.abs(vju)));
    }

    @Test
    void refusesModulationOutsideTheUnitInterval() {
        ShgSpec spec = new ShgSpec(4, 2);
        ShgParams p = ShgFixtures.params(spec, 1, false);
        ScalarShgKernel k = new ScalarShgKernel(spec, 2);
        float[] m = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 1.0001f, 0.2f, 0.3f};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> k.forward(2, p, m, new float[4], null));
        assertTrue(e.getMessage().contains("m[1, 1] = 1.0001") && e.getMessage().contains("box constraint"), e.getMessage());
        m[5] = Float.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> k.forward(2, p, m, new float[4], null));
        assertTrue(e.getMessage().contains("expected a finite value"), e.getMessage());
        m[5] = -0f;
        k.forward(2, p, m, new float[4], null); // −0 is 0
        assertThrows(IllegalArgumentException.class, () -> k.forward(2, p, new float[7], new float[4], null));
        ShgParams other = new ShgParams(new ShgSpec(5, 2));
        e = assertThrows(IllegalArgumentException.class, () -> k.forward(1, other, new float[5], new float[2], null));
        assertTrue(e.getMessage().contains("sized for"), e.getMessage());
        p.readout[3] = Float.POSITIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class, () -> k.forward(1, p, new float[4], new float[2], null));
        assertTrue(e.getMessage().contains("readout[3]"), e.getMessage());
    }
}
