package org.patengine.kernels.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patengine.kernels.BackendKind;

/**
 * Reference problems with known answers: the small-angle harmonic limit (closed form), energy
 * conservation of uncoupled undamped pendula, the RK4 convergence order, and the float kernels'
 * forward against the independent double reference.
 */
class OscillatorPhysicsTest {

    static OscillatorKernel kernel(String name, OscillatorSpec spec, int maxBatch) {
        return OscillatorKernels.FAMILY.create(BackendKind.parse(name), spec, maxBatch);
    }

    /**
     * Two oscillators, k = 1, coupling J, damping γ, small amplitude A: linearised, the normal modes
     * are (1, 1) with ω² = k and (1, −1) with ω² = k + 2J, each a damped cosine started at rest:
     * {@code m(t) = m0 e^{−γt/2} (cos ω_d t + γ/(2ω_d) sin ω_d t)}, {@code ω_d² = ω² − γ²/4}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void smallAngleLimitMatchesCoupledHarmonicClosedForm(String name) {
        float coupling = 0.35f, gamma = 0.2f, amp = 1e-3f, duration = 6f;
        for (Topology t : Topology.values()) {
            OscillatorSpec spec = new OscillatorSpec(2, t, 600, duration);
            OscillatorParams p = new OscillatorParams(spec);
            if (t == Topology.ALL_TO_ALL) {
                p.coupling[1] = coupling;
                p.coupling[2] = coupling;
            } else {
                p.coupling[0] = coupling;
            }
            p.gamma = gamma;
            float[] x = {amp, 0f};
            float[] q = new float[2];
            kernel(name, spec, 1).forward(1, p, x, q, null);
            double plus = mode(amp / 2.0, 1.0, gamma, duration);
            double minus = mode(amp / 2.0, 1.0 + 2 * coupling, gamma, duration);
            // nonlinearity makes a relative error ~ A²; float rounding ~1e-6 relative over 600 steps
            assertEquals(plus + minus, q[0], 2e-5 * amp, t + " q0");
            assertEquals(plus - minus, q[1], 2e-5 * amp, t + " q1");
        }
    }

    private static double mode(double m0, double omega2, double gamma, double t) {
        double wd = Math.sqrt(omega2 - gamma * gamma / 4);
        return m0 * Math.exp(-gamma * t / 2) * (Math.cos(wd * t) + gamma / (2 * wd) * Math.sin(wd * t));
    }

    /**
     * Uncoupled, undamped, undriven pendula conserve {@code E = ½ q̇² + (k/s)(1 − cos(s q))} each.
     * (With J ≠ 0 the system has no energy: ∂F_i/∂q_j = J_ij cos(q_j) ≠ ∂F_j/∂q_i, so the force
     * is not a gradient; this is why the check is on J = 0.) The coarse-step error must fall at least
     * like dt⁴ when dt halves.
     */
    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void energyIsConservedWithoutCouplingDampingOrDrive(String name) {
        double[] err = new double[3];
        int[] steps = {400, 40, 80};
        for (int pass = 0; pass < 3; pass++) {
            err[pass] = energyError(name, steps[pass]);
        }
        // fine steps: conserved to float accuracy; coarse steps: the error is RK4's own. For nearly
        // periodic motion RK4 loses energy O(dt⁶) per step, O(dt⁵) over a fixed time: ratio ~32.
        assertTrue(err[0] < 1e-5, "relative energy error at dt = 0.05: " + err[0]);
        assertTrue(err[1] > 1e-4, "the coarse run should show truncation error: " + err[1]);
        double ratio = err[1] / err[2];
        assertTrue(ratio > 14 && ratio < 40, "energy error ratio for dt 0.5 -> 0.25: " + err[1] + " / " + err[2]);
    }

    /** The largest relative energy change of 9 large-amplitude pendula over t = 20. */
    private static double energyError(String name, int steps) {
        int n = 9;
        OscillatorSpec spec = new OscillatorSpec(n, Topology.ALL_TO_ALL, steps, 20f);
        OscillatorParams p = OscillatorFixtures.randomParams(spec, 3, 0f, 0f);
        java.util.Arrays.fill(p.e, 0f);
        java.util.Arrays.fill(p.a, 1f);
        float[] x = OscillatorFixtures.uniform(n, 11, 2.5f); // large angles: strongly nonlinear
        float[] q = new float[n], v = new float[n];
        kernel(name, spec, 1).forward(1, p, x, q, v);
        double err = 0;
        for (int i = 0; i < n; i++) {
            double e0 = p.k[i] / p.s[i] * (1 - Math.cos(p.s[i] * x[i]));
            double e1 = 0.5 * v[i] * v[i] + p.k[i] / p.s[i] * (1 - Math.cos(p.s[i] * q[i]));
            err = Math.max(err, Math.abs(e1 - e0) / Math.max(e0, 1e-2));
        }
        return err;
    }

    /** Global error against a fine-step solution falls 16-fold per halving of dt (double reference). */
    @ParameterizedTest
    @ValueSource(strings = {"ALL_TO_ALL", "RING"})
    void referenceIsFourthOrder(String topology) {
        Topology t = Topology.valueOf(topology);
        int n = 6;
        double[] e = errors(t, n, new int[] {40, 80, 160}, 10240);
        assertEquals(16, e[0] / e[1], 1.0, "error ratio 40->80 steps");
        assertEquals(16, e[1] / e[2], 1.0, "error ratio 80->160 steps");
    }

    private static double[] errors(Topology t, int n, int[] steps, int fine) {
        double[] x = OscillatorFixtures.widen(OscillatorFixtures.uniform(n, 5, 1.5f));
        double[] exact = new double[n];
        double[] v = new double[n];
        reference(t, n, fine).forward(x, exact, v);
        double[] out = new double[steps.length];
        for (int c = 0; c < steps.length; c++) {
            double[] q = new double[n];
            reference(t, n, steps[c]).forward(x, q, v);
            for (int i = 0; i < n; i++) {
                out[c] = Math.max(out[c], Math.abs(q[i] - exact[i]));
            }
        }
        return out;
    }

    private static DoubleOscillatorReference reference(Topology t, int n, int steps) {
        OscillatorSpec spec = new OscillatorSpec(n, t, steps, 4f);
        return DoubleOscillatorReference.of(OscillatorFixtures.randomParams(spec, 9, 0.5f, 0.1f));
    }

    /** The float kernels show the same order at step sizes where truncation dominates rounding. */
    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void floatKernelIsFourthOrder(String name) {
        int n = 6;
        float[] x = OscillatorFixtures.uniform(n, 5, 1.5f);
        double[] exact = new double[n];
        reference(Topology.ALL_TO_ALL, n, 2560).forward(OscillatorFixtures.widen(x), exact, null);
        double[] err = new double[2];
        int[] steps = {8, 16};
        for (int c = 0; c < 2; c++) {
            OscillatorSpec spec = new OscillatorSpec(n, Topology.ALL_TO_ALL, steps[c], 4f);
            OscillatorParams p = OscillatorFixtures.randomParams(spec, 9, 0.5f, 0.1f);
            float[] q = new float[n];
            kernel(name, spec, 1).forward(1, p, x, q, null);
            for (int i = 0; i < n; i++) {
                err[c] = Math.max(err[c], Math.abs(q[i] - exact[i]));
            }
        }
        assertEquals(16, err[0] / err[1], 2, "error ratio 8->16 steps: " + err[0] + " / " + err[1]);
    }

    /** Float kernels against the double reference on a generic problem (same discrete scheme). */
    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void floatForwardMatchesDoubleReference(String name) {
        for (Topology t : Topology.values()) {
            int n = 13, batch = 5;
            OscillatorSpec spec = new OscillatorSpec(n, t, 5, 0.5f);
            OscillatorParams p = OscillatorFixtures.randomParams(spec, 21, 0.4f, 0.15f);
            float[] x = OscillatorFixtures.uniform(batch * n, 22, 2f);
            float[] q = new float[batch * n], v = new float[batch * n];
            kernel(name, spec, batch).forward(batch, p, x, q, v);
            double[] rq = new double[batch * n], rv = new double[batch * n];
            DoubleOscillatorReference.of(p).forward(batch, OscillatorFixtures.widen(x), rq, rv);
            for (int i = 0; i < q.length; i++) {
                assertEquals(rq[i], q[i], 2e-6 * (1 + Math.abs(rq[i])), t + " q[" + i + "]");
                assertEquals(rv[i], v[i], 2e-6 * (1 + Math.abs(rv[i])), t + " qDot[" + i + "]");
            }
        }
    }
}
