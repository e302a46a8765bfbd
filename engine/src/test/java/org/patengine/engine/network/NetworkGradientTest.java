package org.patengine.engine.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patengine.engine.GradientChecks.assertClose;
import static org.patengine.engine.GradientChecks.centralDifferences;
import static org.patengine.engine.GradientChecks.cosine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.loss.SoftmaxCrossEntropy;
import org.patengine.engine.testsystems.TanhAffineMap;
import org.patengine.engine.testsystems.TanhAffineSystem;
import org.patengine.engine.train.Trainer;
import org.patengine.engine.train.TrainingMode;
import org.patengine.sim.Rng;
import org.patengine.sim.PhysicalSystem;

/** Gradients of a whole hybrid network with two physical layers, per training mode. */
class NetworkGradientTest {
    static final int IN = 6;
    static final int HIDDEN = 8;
    static final int CLASSES = 4;
    static final int BATCH = 5;

    /** scale-shift → physical(6→8) → pad(+2, trainable) → physical(10→8) → readout(4 classes). */
    static Network network(PhysicalSystem first, PhysicalSystem second, long seed) {
        return Network.builder(IN)
                .seed(seed)
                .scaleShift(ParameterInit.uniform(0.8f, 1.2f), ParameterInit.uniform(-0.1f, 0.1f))
                .physical(first, TanhAffineMap.nominal(IN, HIDDEN), ParameterInit.uniform(-0.6f, 0.6f))
                .pad(2, ParameterInit.constant(0.5f), true)
                .physical(second, TanhAffineMap.nominal(HIDDEN + 2, HIDDEN), ParameterInit.uniform(-0.6f, 0.6f))
                .readout(0, CLASSES, 2f)
                .build();
    }

    static float[] inputs(long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[BATCH * IN];
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.uniform(-1, 1);
        }
        return x;
    }

    static final int[] LABELS = {0, 3, 1, 2, 1};

    static float[] gradient(Network net, TrainingMode mode, float[] x) {
        Trainer t = Trainer.builder(net).mode(mode).batchSize(BATCH).finiteDifferences(true, 1e-3f).build();
        t.computeGradient(BATCH, x, LABELS, null);
        return net.parameters().gradients().clone();
    }

    /** Without mismatch or noise, pat = ideal = insilico, and all equal the central differences. */
    @Test
    void allModesEqualTheExactGradientWithoutAGap() {
        Network net = network(TanhAffineSystem.ideal(IN, HIDDEN), TanhAffineSystem.ideal(HIDDEN + 2, HIDDEN), 5);
        float[] x = inputs(6);
        float[] pat = gradient(net, TrainingMode.PAT, x);
        assertArrayEquals(pat, gradient(net, TrainingMode.IDEAL, x));
        assertArrayEquals(pat, gradient(net, TrainingMode.INSILICO, x));

        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        ParameterSet p = net.parameters();
        double[] numeric = centralDifferences(p.values(), 0, p.size(), 1e-2f,
                () -> ce.evaluate(BATCH, CLASSES, net.forward(ForwardPass.PHYSICAL, BATCH, x), LABELS, null, null));
        assertClose("network dθ", pat, 0, numeric, 2e-3);

        float[] fd = gradient(net, TrainingMode.FD, x);
        assertClose("fd mode", fd, 0, numeric, 1e-2);
    }

    /** The network's input gradient (gIn) against central differences. */
    @Test
    void inputGradient() {
        Network net = network(TanhAffineSystem.ideal(IN, HIDDEN), TanhAffineSystem.ideal(HIDDEN + 2, HIDDEN), 7);
        net.allocate(BATCH);
        float[] x = inputs(8);
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        float[] gOut = new float[BATCH * CLASSES];
        float[] gIn = new float[BATCH * IN];
        ce.evaluate(BATCH, CLASSES, net.forward(ForwardPass.PHYSICAL, BATCH, x), LABELS, null, gOut);
        net.backward(BackwardPass.MODEL, BATCH, gOut, gIn);
        double[] numeric = centralDifferences(x, 0, x.length, 1e-2f,
                () -> ce.evaluate(BATCH, CLASSES, net.forward(ForwardPass.PHYSICAL, BATCH, x), LABELS, null, null));
        assertClose("network dx", gIn, 0, numeric, 2e-3);
    }

    /** gIn is written even when the first layers have no parameters (here a fixed pad). */
    @Test
    void inputGradientThroughAParameterFreeFirstLayer() {
        Network net = Network.builder(IN).seed(11)
                .pad(2, ParameterInit.constant(0.3f), false)
                .physical(TanhAffineSystem.ideal(IN + 2, HIDDEN), TanhAffineMap.nominal(IN + 2, HIDDEN),
                        ParameterInit.uniform(-0.6f, 0.6f))
                .readout(0, CLASSES, 2f)
                .build();
        net.allocate(BATCH);
        float[] x = inputs(12);
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        float[] gOut = new float[BATCH * CLASSES];
        float[] gIn = new float[BATCH * IN];
        java.util.Arrays.fill(gIn, Float.NaN); // must be overwritten
        ce.evaluate(BATCH, CLASSES, net.forward(ForwardPass.PHYSICAL, BATCH, x), LABELS, null, gOut);
        net.backward(BackwardPass.MODEL, BATCH, gOut, gIn);
        double[] numeric = centralDifferences(x, 0, x.length, 1e-2f,
                () -> ce.evaluate(BATCH, CLASSES, net.forward(ForwardPass.PHYSICAL, BATCH, x), LABELS, null, null));
        assertClose("network dx", gIn, 0, numeric, 2e-3);
    }

    /** SPSA is unbiased to O(c²): its average over many estimates points along the gradient. */
    @Test
    void spsaAverageApproximatesTheGradient() {
        Network net = network(TanhAffineSystem.ideal(IN, HIDDEN), TanhAffineSystem.ideal(HIDDEN + 2, HIDDEN), 9);
        float[] x = inputs(10);
        float[] exact = gradient(net, TrainingMode.IDEAL, x);
        int samples = 20 * net.parameters().size();
        Trainer t = Trainer.builder(net).mode(TrainingMode.SPSA).batchSize(BATCH).spsa(1e-2f, samples).seed(3).build();
        float[] before = net.parameters().values().clone();
        t.computeGradient(BATCH, x, LABELS, null);
        assertArrayEquals(before, net.parameters().values(), "SPSA must restore θ exactly");
        double cos = cosine(net.parameters().gradients(), exact, exact.length);
        assertTrue(cos > 0.9, "cosine(spsa mean, exact) = " + cos);
    }

    /**
     * With a gap (nonlinearity scale η = 0.1, hidden coupling error 0.2·randn, optionally input
     * noise σ = 0.02, as the paper-gap preset), the PAT gradient differs from the in-silico one and
     * is closer to the exact gradient of the physical network on a fixed batch.
     */
    @ParameterizedTest
    @ValueSource(floats = {0f, 0.02f})
    void patIsCloserToTheExactGradientThanInSilico(float inputNoise) {
        Network net = network(TanhAffineSystem.withGap(IN, HIDDEN, 0.1f, 0.2f, inputNoise, 0f, 21),
                TanhAffineSystem.withGap(HIDDEN + 2, HIDDEN, 0.1f, 0.2f, inputNoise, 0f, 22), 23);
        float[] x = inputs(24);
        float[] exact = gradient(net, TrainingMode.IDEAL, x);
        float[] pat = gradient(net, TrainingMode.PAT, x);
        float[] insilico = gradient(net, TrainingMode.INSILICO, x);
        int n = exact.length;
        double cosPat = cosine(pat, exact, n);
        double cosInsilico = cosine(insilico, exact, n);
        assertTrue(cosine(pat, insilico, n) < 0.999, "the gap must change the gradient");
        assertTrue(cosPat > cosInsilico, "cos(pat, exact) = " + cosPat + " <= cos(insilico, exact) = " + cosInsilico);
        System.out.printf("gap, input noise %.2f: cos(pat, exact) = %.4f, cos(insilico, exact) = %.4f%n",
                inputNoise, cosPat, cosInsilico);
    }
}
