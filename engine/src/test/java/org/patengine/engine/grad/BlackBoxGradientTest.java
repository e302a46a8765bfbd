package org.patengine.engine.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patengine.engine.GradientChecks;
import org.patengine.engine.layer.Activation;
import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.loss.MeanSquaredError;
import org.patengine.engine.network.Network;
import org.patengine.engine.network.Trainable;
import org.patengine.engine.testsystems.Fixtures;
import org.patengine.engine.testsystems.TanhAffineMap;
import org.patengine.engine.testsystems.TanhAffineSystem;
import org.patengine.sim.Rng;

/**
 * The fd and spsa modes' gradient ({@link BlackBoxGradient}): what is estimated and what is exact,
 * the physical calls it makes (measured, against what the method implies), the order of the
 * finite-difference error in ε, and SPSA's unbiasedness on a quadratic.
 */
class BlackBoxGradientTest {
    private static final int BATCH = 16; // GradientSourcesTest's batch

    /** Digital layers before, between and after two physical layers: affine → P1 → scale → P2 → tanh → affine. */
    private static Network idealSandwich() {
        return Network.builder(Fixtures.IN).seed(5)
                .affine(Fixtures.IN, ParameterInit.uniform(-0.5f, 0.5f), ParameterInit.constant(0f))
                .physical(TanhAffineSystem.ideal(Fixtures.IN, Fixtures.HIDDEN), TanhAffineMap.nominal(Fixtures.IN, Fixtures.HIDDEN),
                        ParameterInit.uniform(-0.5f, 0.5f))
                .scaleShift()
                .physical(TanhAffineSystem.ideal(Fixtures.HIDDEN, Fixtures.HIDDEN), TanhAffineMap.nominal(Fixtures.HIDDEN, Fixtures.HIDDEN),
                        ParameterInit.uniform(-0.5f, 0.5f))
                .activation(Activation.TANH)
                .affine(Fixtures.CLASSES)
                .build();
    }

    private static BatchLoss batchLoss(Network net) {
        return GradientSourcesTest.batchLoss(net);
    }

    private static float[] gradient(GradientSource source, BatchLoss loss, Trainable t, Rng rng) {
        return GradientSourcesTest.gradient(source, loss, t, rng);
    }

    @Test
    void theReadoutIsExactTheRestEstimatedAndReuseChangesNothingOnADeterministicNetwork() {
        Network net = idealSandwich();
        BatchLoss loss = batchLoss(net);
        Trainable all = Trainable.all(net.parameters());
        float[] exact = gradient(new Backprop(net, BackwardPass.EXACT), loss, all, null);
        FiniteDifferences central = new FiniteDifferences(true, 1e-3f);
        BlackBoxGradient bb = new BlackBoxGradient(net, central);
        float[] hybrid = gradient(bb, loss, all, null);
        float[] whole = gradient(central, loss, all, null); // every probe a whole forward
        Trainable estimated = bb.estimated(all);
        Trainable readout = bb.exact(all);
        int readoutFrom = readout.from(0);
        assertEquals(1, readout.rangeCount());
        assertEquals(net.parameters().size(), readout.to(0), "the readout affine layer is the last segment");
        assertEquals(readoutFrom, estimated.to(estimated.rangeCount() - 1), "everything before it is estimated");
        for (int i = readoutFrom; i < net.parameters().size(); i++) {
            assertEquals(exact[i], hybrid[i], 1e-6f * Math.max(1, Math.abs(exact[i])), "exact: " + net.parameters().describe(i));
        }
        for (int i = 0; i < readoutFrom; i++) {
            // re-running only the layers from the perturbed one gives what a whole forward gives, bit for bit
            assertEquals(whole[i], hybrid[i], "estimated: " + net.parameters().describe(i));
        }
        assertTrue(GradientChecks.cosine(exact, hybrid, readoutFrom) > 0.999);
    }

    /**
     * Measured calls per step against what each method implies, with the layers before, between
     * and after the two physical ones: P0 encoder, P1 first physical, P2 scale (between: its probes
     * call only the second layer), P3 second physical parameters; the readout after is exact.
     */
    @Test
    void thePhysicalCallsAreWhatTheMethodImplies() {
        Network net = idealSandwich();
        int[] p = new int[4];
        var ps = net.parameters();
        for (int s = 0; s < 4; s++) {
            p[s] = ps.segmentLength(s);
        }
        Trainable all = Trainable.all(ps);
        BatchLoss loss = batchLoss(net);
        long[] expected = {
            2,                                                       // pat: one forward, both layers
            // central: 2 probes per parameter, each re-running the physical layers from the parameter's on
            2 + 2 * (2 * (p[0] + p[1]) + p[2] + p[3]),
            2 + 2 * (p[0] + p[1]) + p[2] + p[3],                     // forward differences: 1 probe per parameter
            2 + 3 * 2 * 2,                                           // spsa, 3 estimates: 2 forwards each, both layers
        };
        GradientSource[] sources = {new Backprop(net, BackwardPass.MODEL), new BlackBoxGradient(net, new FiniteDifferences(true, 1e-3f)),
            new BlackBoxGradient(net, new FiniteDifferences(false, 1e-3f)), new BlackBoxGradient(net, new Spsa(1e-2f, 3))};
        for (int k = 0; k < sources.length; k++) {
            long calls = net.physicalCalls();
            long samples = net.physicalSamples();
            sources[k].compute(loss, all, new Rng(2));
            assertEquals(expected[k], net.physicalCalls() - calls, sources[k].name());
            assertEquals(expected[k] * BATCH, net.physicalSamples() - samples, sources[k].name());
        }
        // without reuse (every probe a whole forward) central differences would make 2·(2P + 1) calls
        long whole = 2L * (1 + 2 * (p[0] + p[1] + p[2] + p[3]));
        assertTrue(expected[1] < whole, expected[1] + " vs " + whole);
    }

    /** The first-order (forward) and second-order (central) error of finite differences, as a fitted slope in ε. */
    @Test
    void finiteDifferenceErrorsShrinkToTheirOrderInEpsilon() {
        Network net = idealSandwich();
        BatchLoss loss = batchLoss(net);
        Trainable all = Trainable.all(net.parameters());
        float[] exact = gradient(new Backprop(net, BackwardPass.EXACT), loss, all, null);
        int n = new BlackBoxGradient(net, new FiniteDifferences(true, 1e-3f)).estimated(all).size();
        double[] eps = {0.2, 0.1, 0.05};
        for (boolean central : new boolean[] {false, true}) {
            double[] err = new double[eps.length];
            for (int k = 0; k < eps.length; k++) {
                float[] g = gradient(new BlackBoxGradient(net, new FiniteDifferences(central, (float) eps[k])), loss, all, null);
                double e = 0;
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    e += (g[i] - exact[i]) * (double) (g[i] - exact[i]);
                    norm += exact[i] * (double) exact[i];
                }
                err[k] = Math.sqrt(e / norm);
            }
            double slope = slope(eps, err);
            double order = central ? 2 : 1;
            assertEquals(order, slope, 0.3, (central ? "central" : "forward") + " errors " + java.util.Arrays.toString(err));
        }
    }

    /** Least-squares slope of log(y) against log(x). */
    private static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += Math.log(x[i]) / x.length;
            my += Math.log(y[i]) / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (Math.log(x[i]) - mx) * (Math.log(y[i]) - my);
            sxx += (Math.log(x[i]) - mx) * (Math.log(x[i]) - mx);
        }
        return sxy / sxx;
    }

    /**
     * On a quadratic loss (an affine layer under mean squared error) SPSA's estimate is unbiased:
     * averaged over many directions it approaches the gradient, within a few standard errors.
     */
    @Test
    void spsaIsUnbiasedOnAQuadratic() {
        Network net = Network.builder(3).seed(9).affine(2).build();
        net.allocate(4);
        float[] x = {0.3f, -0.2f, 0.9f, 1f, 0.5f, -0.7f, -0.4f, 0.1f, 0.2f, 0.8f, -0.9f, 0.6f};
        float[] targets = {0.5f, -0.5f, 1f, 0f, -0.3f, 0.2f, 0.7f, 0.1f};
        BatchLoss loss = new BatchLoss(net, ForwardPass.PHYSICAL, new MeanSquaredError());
        loss.set(4, x, null, targets);
        Trainable all = Trainable.all(net.parameters());
        int p = net.parameters().size();
        float[] exact = gradient(new Backprop(net, BackwardPass.MODEL), loss, all, null);
        int estimates = 20000;
        float[] spsa = gradient(new Spsa(0.05f, estimates), loss, all, new Rng(4));
        // one estimate's error in coordinate i is Σ_{j≠i} Δ_iΔ_j g_j: sd √(|g|² − g_i²); the mean's is that / √estimates
        double norm2 = 0;
        for (int i = 0; i < p; i++) {
            norm2 += exact[i] * (double) exact[i];
        }
        for (int i = 0; i < p; i++) {
            double se = Math.sqrt(Math.max(norm2 - exact[i] * (double) exact[i], 1e-12) / estimates);
            assertEquals(exact[i], spsa[i], 5 * se + 1e-5, net.parameters().describe(i));
        }
    }

    /** One noisy physical layer between digital ones: affine → P(noise) → tanh → affine. */
    private static Network noisy(boolean apparatus) {
        var system = apparatus ? TanhAffineSystem.apparatus(Fixtures.IN, Fixtures.HIDDEN)
                : TanhAffineSystem.withGap(Fixtures.IN, Fixtures.HIDDEN, 0f, 0f, 0.05f, 0.05f, 3);
        return Network.builder(Fixtures.IN).seed(5)
                .affine(Fixtures.IN, ParameterInit.uniform(-0.5f, 0.5f), ParameterInit.constant(0f))
                .physical(system, TanhAffineMap.nominal(Fixtures.IN, Fixtures.HIDDEN), ParameterInit.uniform(-0.5f, 0.5f))
                .activation(Activation.TANH)
                .affine(Fixtures.CLASSES)
                .build();
    }

    @Test
    void withCommonNoiseAPerturbedForwardDrawsTheUnperturbedOnesNoise() {
        Network net = noisy(false);
        BatchLoss loss = batchLoss(net);
        double fresh = loss.loss();
        assertTrue(loss.lossAfterChange(0) != fresh, "without common noise a second forward draws new noise");
        loss.commonNoise(true);
        double base = loss.loss();
        for (int first : new int[] {0, net.parameters().size() - 1}) {
            assertEquals(base, loss.lossAfterChange(first), 0.0, "θ unchanged and the same noise: the same loss, bit for bit");
        }
        assertTrue(loss.loss() != base, "the next whole forward draws fresh noise");
    }

    @Test
    void commonNoiseCutsTheSpreadOfFiniteDifferencesAndNeedsASimulation() {
        double[] spread = new double[2];
        for (int crn = 0; crn < 2; crn++) {
            Network net = noisy(false);
            BatchLoss loss = batchLoss(net);
            loss.commonNoise(crn == 1);
            Trainable all = Trainable.all(net.parameters());
            BlackBoxGradient fd = new BlackBoxGradient(net, new FiniteDifferences(true, 1e-2f));
            Trainable estimated = fd.estimated(all);
            int p = net.parameters().size();
            double[] sum = new double[p];
            double[] sum2 = new double[p];
            int n = 200;
            for (int k = 0; k < n; k++) {
                float[] g = gradient(fd, loss, all, null);
                for (int i = 0; i < p; i++) {
                    sum[i] += g[i];
                    sum2[i] += g[i] * (double) g[i];
                }
            }
            for (int r = 0; r < estimated.rangeCount(); r++) {
                for (int i = estimated.from(r); i < estimated.to(r); i++) {
                    spread[crn] += sum2[i] / n - (sum[i] / n) * (sum[i] / n);
                }
            }
        }
        // noise σ = 0.05 against steps ε = 0.01: without common noise a loss difference is mostly noise; with it,
        // what is left is the batch's noise draw changing from step to step
        assertTrue(spread[1] < 0.01 * spread[0], "variance with common noise " + spread[1] + ", without " + spread[0]);
        BatchLoss apparatus = batchLoss(noisy(true));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> apparatus.commonNoise(true));
        assertTrue(e.getMessage().contains("cannot draw the same noise twice"), e.getMessage());
    }

    @Test
    void spallsPerturbationDecaysWithTheStep() {
        Spsa spsa = new Spsa(0.2f, 1, true);
        spsa.atStep(0);
        assertEquals(0.2f, spsa.perturbation(), 0f);
        spsa.atStep(99);
        assertEquals(0.2 / Math.pow(100, 0.101), spsa.perturbation(), 1e-7);
        Spsa constant = new Spsa(0.2f, 1);
        constant.atStep(99);
        assertEquals(0.2f, constant.perturbation(), 0f);
        var gains = new org.patengine.engine.optim.SpallGains(0.5f, 10);
        assertEquals(0.5f, gains.rate(0, 0), 0f, "a_0 is the given rate");
        assertEquals(0.5 * Math.pow(11.0 / 61.0, 0.602), gains.rate(3, 50), 1e-7, "a_50 = a_0·((1+A)/(51+A))^0.602");
        assertEquals(10, org.patengine.engine.optim.SpallGains.stabilityFor(100));
    }
}
