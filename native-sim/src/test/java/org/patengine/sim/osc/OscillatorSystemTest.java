package org.patengine.sim.osc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.patengine.kernels.ScalarBackend;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.Topology;
import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.Rng;
import org.patengine.sim.hw.IoChain;

class OscillatorSystemTest {
    static final ScalarBackend SCALAR = new ScalarBackend();
    static final int N = 7;
    static final int B = 5;
    static final OscillatorSpec SPEC = new OscillatorSpec(N, Topology.ALL_TO_ALL, 5, 0.5f);

    static float[] theta(OscillatorLayout l, long seed) {
        Rng r = new Rng(seed);
        float[] t = new float[l.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = i < l.kOffset() ? r.uniform(-0.3f, 0.3f) : i < l.eOffset() ? r.uniform(0.8f, 1.2f) : r.uniform(-0.2f, 0.2f);
        }
        return t;
    }

    static float[] input(long seed, float lo, float hi) {
        Rng r = new Rng(seed);
        float[] x = new float[B * N];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.uniform(lo, hi);
        }
        return x;
    }

    private static float[] run(OscillatorSystem s, float[] x, float[] th) {
        float[] y = new float[B * N];
        s.forward(B, x, th, y);
        return y;
    }

    private static float[] nominal(float[] x, float[] th) {
        float[] y = new float[B * N];
        new OscillatorModel(SPEC, 0f, SCALAR).forward(B, x, th, y);
        return y;
    }

    private static OscillatorSystem hw(Nonidealities k) {
        return new OscillatorSystem(SPEC, 0f, k, SCALAR);
    }

    @Test
    void withEveryKnobOffTheHardwareIsTheModelBitForBit() {
        OscillatorSystem s = hw(Nonidealities.none(3));
        float[] th = theta(s.layout(), 1);
        float[] x = input(2, -1, 1);
        assertArrayEquals(nominal(x, th), run(s, x, th));
        float[] gY = input(4, -1, 1);
        float[] gx1 = new float[B * N], gx2 = new float[B * N];
        float[] gt1 = new float[th.length], gt2 = new float[th.length];
        new OscillatorModel(SPEC, 0f, SCALAR).vjp(B, x, th, gY, gx1, gt1);
        s.exactModel().vjp(B, x, th, gY, gx2, gt2);
        assertArrayEquals(gx1, gx2);
        assertArrayEquals(gt1, gt2);
    }

    @Test
    void nonlinearityScaleStiffensTheOscillators() {
        // J = 0, e = 0, small positive amplitudes: q(T) ≈ x cos(ωT) with ω² = k(1+η); a larger ω ends lower.
        OscillatorSystem s = hw(Nonidealities.none(3).withNonlinearityScale(0.2f));
        float[] th = theta(s.layout(), 1);
        Arrays.fill(th, 0, s.layout().kOffset(), 0f);
        Arrays.fill(th, s.layout().eOffset(), th.length, 0f);
        float[] x = input(2, 0.05f, 0.1f);
        float[] y = run(s, x, th);
        float[] y0 = nominal(x, th);
        for (int i = 0; i < y.length; i++) {
            assertTrue(y[i] < y0[i], "element " + i + ": " + y[i] + " !< " + y0[i]);
        }
    }

    @Test
    void stiffnessSpreadMovesEachOscillatorWithItsHiddenFactor() {
        OscillatorSystem s = hw(Nonidealities.none(5).withStiffnessSpread(0.3f));
        float[] th = theta(s.layout(), 1);
        Arrays.fill(th, 0, s.layout().kOffset(), 0f);
        Arrays.fill(th, s.layout().eOffset(), th.length, 0f);
        float[] x = input(2, 0.05f, 0.1f);
        float[] y = run(s, x, th);
        float[] y0 = nominal(x, th);
        // the exact model reports the hidden k scale through its k gradient: compare per oscillator
        float[] gY = new float[B * N];
        Arrays.fill(gY, 1f);
        float[] gT = new float[th.length];
        float[] gTnominal = new float[th.length];
        s.exactModel().vjp(B, x, th, gY, null, gT);
        new OscillatorModel(SPEC, 0f, SCALAR).vjp(B, x, th, gY, null, gTnominal);
        int changed = 0;
        for (int i = 0; i < N; i++) {
            boolean stiffer = y[i] < y0[i];
            if (y[i] != y0[i]) {
                changed++;
            }
            // stiffer oscillators end lower for every sample
            for (int b = 1; b < B; b++) {
                assertEquals(stiffer, y[b * N + i] < y0[b * N + i], "oscillator " + i + " sample " + b);
            }
        }
        assertEquals(N, changed);
    }

    @Test
    void couplingErrorIsHiddenFixedAndSeeded() {
        float[] x = input(2, -1, 1);
        OscillatorSystem a = hw(Nonidealities.none(7).withCouplingError(0.2f));
        float[] th = theta(a.layout(), 1);
        float[] ya = run(a, x, th);
        assertFalse(Arrays.equals(ya, nominal(x, th)));
        assertArrayEquals(ya, run(a, x, th), "fixed: the same call gives the same output");
        assertArrayEquals(ya, run(hw(Nonidealities.none(7).withCouplingError(0.2f)), x, th), "same seed");
        assertFalse(Arrays.equals(ya, run(hw(Nonidealities.none(8).withCouplingError(0.2f)), x, th)), "other seed");
    }

    @Test
    void actuationNoiseAveragesOutAndHasTheExpectedSpread() {
        float sigma = 0.02f;
        OscillatorSystem s = hw(Nonidealities.none(9).withActuationNoise(sigma));
        float[] th = theta(s.layout(), 1);
        float[] x = input(2, -0.5f, 0.5f);
        float[] y0 = nominal(x, th);
        int calls = 400;
        double[] mean = new double[y0.length];
        double[] sq = new double[y0.length];
        for (int c = 0; c < calls; c++) {
            float[] y = run(s, x, th);
            for (int i = 0; i < y.length; i++) {
                double d = y[i] - y0[i];
                mean[i] += d / calls;
                sq[i] += d * d / calls;
            }
        }
        double rms = 0;
        for (int i = 0; i < y0.length; i++) {
            assertTrue(Math.abs(mean[i]) < 5 * sigma / Math.sqrt(calls), "bias at " + i + ": " + mean[i]);
            rms += sq[i] / y0.length;
        }
        rms = Math.sqrt(rms);
        // q(T) ≈ q(0)·cos(ωT) with ωT ≈ 0.5: the noise passes through attenuated by about 0.88
        assertTrue(rms > 0.7 * sigma && rms < 1.1 * sigma, "rms deviation " + rms);
    }

    @Test
    void readoutNoiseHasItsSigma() {
        float sigma = 0.05f;
        OscillatorSystem s = hw(Nonidealities.none(9).withReadoutNoise(sigma));
        float[] th = theta(s.layout(), 1);
        float[] x = input(2, -0.5f, 0.5f);
        float[] y0 = nominal(x, th);
        double sq = 0;
        int count = 0;
        for (int c = 0; c < 300; c++) {
            float[] y = run(s, x, th);
            for (int i = 0; i < y.length; i++) {
                sq += (y[i] - y0[i]) * (y[i] - y0[i]);
                count++;
            }
        }
        double rms = Math.sqrt(sq / count);
        assertEquals(sigma, rms, 0.1 * sigma);
    }

    @Test
    void driftWandersFurtherWithMoreCalls() {
        OscillatorSystem s = hw(Nonidealities.none(11).withDrift(0.01f));
        float[] th = theta(s.layout(), 1);
        float[] x = input(2, -1, 1);
        float[] first = run(s, x, th);
        double early = 0, late = 0;
        for (int c = 1; c <= 400; c++) {
            float[] y = run(s, x, th);
            double d = 0;
            for (int i = 0; i < y.length; i++) {
                d += Math.abs(y[i] - first[i]);
            }
            if (c <= 10) {
                early += d / 10;
            } else if (c > 390) {
                late += d / 10;
            }
        }
        assertTrue(early > 0, "drift changes the output");
        assertTrue(late > 3 * early, "a random walk drifts further with time: early " + early + ", late " + late);
    }

    @Test
    void quantizationPutsValuesOnTheGrid() {
        OscillatorSystem adc = hw(Nonidealities.none(1).withAdc(6, 2f));
        float[] th = theta(adc.layout(), 1);
        float[] x = input(2, -1, 1);
        float step = 4f / 63;
        for (float v : run(adc, x, th)) {
            float k = (v + 2f) / step;
            assertEquals(Math.round(k), k, 1e-3, "reading " + v + " is not on the 6-bit grid");
        }
        OscillatorSystem dac = hw(Nonidealities.none(1).withDac(4, 1f));
        float[] xq = x.clone();
        for (int i = 0; i < xq.length; i++) {
            xq[i] = IoChain.quantize(x[i], -1f, 1f, 4);
        }
        float[] thq = th.clone();
        for (int i = 0; i < thq.length; i++) {
            thq[i] = IoChain.quantize(th[i], dac.layout().lower(i), dac.layout().upper(i), 4);
        }
        assertArrayEquals(nominal(xq, thq), run(dac, x, th), "the DAC quantizes inputs and parameters");
        assertEquals(1f, IoChain.quantize(7f, -1f, 1f, 4), "values beyond the DAC range saturate");
    }

    @Test
    void noisyHardwareIsReproducibleAndItsStateCanBeSavedAndRestored() throws IOException {
        Nonidealities k = Nonidealities.paperGap(21).withReadoutNoise(0.01f).withDrift(0.001f);
        OscillatorSystem a = hw(k);
        OscillatorSystem b = hw(k);
        float[] th = theta(a.layout(), 1);
        float[] x = input(2, -1, 1);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(run(a, x, th), run(b, x, th), "same seed, same sequence of calls");
        }
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        a.saveState(new DataOutputStream(saved));
        float[] next = run(a, x, th);
        OscillatorSystem c = hw(k);
        c.restoreState(new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
        assertArrayEquals(next, run(c, x, th));
        assertNotEquals(Arrays.toString(next), Arrays.toString(run(a, x, th)), "noise is fresh every call");
    }

    @Test
    void paperGapPresetHasTheReferenceValues() {
        Nonidealities p = Nonidealities.preset("paper-gap", 1);
        assertEquals(0.1f, p.mismatch().nonlinearityScale());
        assertEquals(0.2f, p.mismatch().couplingError());
        assertEquals(0.02f, p.io().actuationNoise());
        assertTrue(Nonidealities.preset("none", 1).isIdeal());
        assertThrows(IllegalArgumentException.class, () -> Nonidealities.preset("wobbly", 1));
        assertThrows(IllegalArgumentException.class, () -> Nonidealities.none(1).withDrift(-1f));
    }

    @Test
    void exactModelMatchesFiniteDifferencesOfTheHiddenHardware() {
        OscillatorSystem s = hw(Nonidealities.none(5).withCouplingError(0.2f).withStiffnessSpread(0.2f).withNonlinearityScale(0.1f));
        DifferentiableMap m = s.exactModel();
        float[] th = theta(s.layout(), 1);
        float[] x = input(2, -1, 1);
        float[] gY = input(3, -1, 1);
        float[] gX = new float[B * N];
        float[] gT = new float[th.length];
        m.vjp(B, x, th, gY, gX, gT);
        float h = 1e-2f;
        float[] y = new float[B * N];
        Rng pick = new Rng(4);
        for (int trial = 0; trial < 12; trial++) {
            int i = pick.nextInt(th.length);
            float[] tp = th.clone(), tm = th.clone();
            tp[i] += h;
            tm[i] -= h;
            m.forward(B, x, tp, y);
            double lp = dot(gY, y);
            m.forward(B, x, tm, y);
            double lm = dot(gY, y);
            double fd = (lp - lm) / (2 * h);
            assertEquals(fd, gT[i], 2e-2 * Math.max(1, Math.abs(fd)), s.layout().describe(i));
        }
        // the exact gradient differs from the nominal model's: it knows the hidden mismatch
        float[] gTn = new float[th.length];
        new OscillatorModel(SPEC, 0f, SCALAR).vjp(B, x, th, gY, null, gTn);
        assertFalse(Arrays.equals(gT, gTn));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void badInputIsNamed() {
        OscillatorSystem s = hw(Nonidealities.none(1));
        float[] th = theta(s.layout(), 1);
        float[] x = input(2, -1, 1);
        float[] y = new float[B * N];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.forward(B, new float[3], th, y));
        assertTrue(e.getMessage().contains("x has length 3"), e.getMessage());
        float[] bad = x.clone();
        bad[8] = Float.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> s.forward(B, bad, th, y));
        // checked once, by the kernel's entry: x[sample, oscillator]
        assertTrue(e.getMessage().contains("x[1, 1] = NaN") && e.getMessage().contains("expected a finite value"), e.getMessage());
        float[] far = th.clone();
        far[0] = 5f;
        e = assertThrows(IllegalArgumentException.class, () -> s.forward(B, x, far, y));
        assertTrue(e.getMessage().contains("J[0,1] = 5.0") && e.getMessage().contains("range"), e.getMessage());
        float[] inf = th.clone();
        inf[s.layout().eOffset()] = Float.POSITIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class, () -> s.forward(B, x, inf, y));
        assertTrue(e.getMessage().contains("e[0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.forward(B, x, new float[4], y));
    }

    @Test
    void nonFiniteInputIsNamedWhateverTheInputChainDoesToIt() {
        // a DAC would map NaN to a valid level and ±∞ to the full scale, noise keeps it non-finite:
        // every chain reports the sample and oscillator of the raw value
        Nonidealities[] chains = {Nonidealities.none(1), Nonidealities.none(1).withDac(8, 2f),
            Nonidealities.none(1).withActuationNoise(0.01f), Nonidealities.paperGap(1).withDac(6, 1f).withAdc(8, 2f)};
        for (Nonidealities k : chains) {
            for (float v : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                OscillatorSystem s = hw(k);
                float[] th = theta(s.layout(), 1);
                float[] x = input(2, -1, 1);
                x[2 * N + 3] = v;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.forward(B, x, th, new float[B * N]));
                assertTrue(e.getMessage().contains("x[2, 3] = " + v) && e.getMessage().contains("expected a finite value"),
                        k + ": " + e.getMessage());
                e = assertThrows(IllegalArgumentException.class, () -> s.exactModel().forward(B, x, th, new float[B * N]));
                assertTrue(e.getMessage().contains("x[2, 3] = " + v), "exact model of " + k + ": " + e.getMessage());
            }
        }
    }

    @Test
    void theExactModelIsTheHardwaresMismatchedMapAndTheModelIsThatMapWithoutMismatch() {
        OscillatorSystem s = hw(Nonidealities.paperGap(4).withStiffnessSpread(0.1f));
        assertTrue(s.exactModel() instanceof OscillatorModel, "the exact model is an OscillatorModel");
        assertEquals(0, new OscillatorModel(SPEC, 0f, SCALAR).drifting().length, "the nominal model has no hidden state");
        // noise-free hardware runs exactly its exact model
        OscillatorSystem quiet = hw(Nonidealities.paperGap(4).withActuationNoise(0f).withStiffnessSpread(0.1f).withDrift(0.01f));
        float[] th = theta(quiet.layout(), 1);
        float[] x = input(2, -1, 1);
        float[] y = run(quiet, x, th);
        float[] yExact = new float[B * N];
        quiet.exactModel().forward(B, x, th, yExact);
        assertArrayEquals(y, yExact, "after a drift step, the exact model is at the hardware's hidden state");
    }

    @Test
    void layoutNamesAndRangesEveryParameter() {
        OscillatorLayout l = new OscillatorLayout(SPEC);
        assertEquals(N * (N - 1) / 2 + 2 * N, l.size());
        assertEquals("J[0,1]", l.describe(0));
        assertEquals("J[0,6]", l.describe(5));
        assertEquals("J[1,2]", l.describe(6));
        assertEquals("J[5,6]", l.describe(l.couplings() - 1));
        assertEquals("k[0]", l.describe(l.kOffset()));
        assertEquals("e[6]", l.describe(l.size() - 1));
        assertEquals(OscillatorLayout.K_MIN, l.lower(l.kOffset()));
    }
}
