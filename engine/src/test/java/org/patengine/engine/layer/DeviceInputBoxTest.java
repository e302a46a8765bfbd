package org.patengine.engine.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patengine.engine.GradientChecks.assertClose;
import static org.patengine.engine.GradientChecks.centralDifferences;

import org.junit.jupiter.api.Test;
import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.grad.BatchLoss;
import org.patengine.engine.loss.SoftmaxCrossEntropy;
import org.patengine.engine.network.Network;
import org.patengine.engine.testsystems.Fixtures;
import org.patengine.engine.testsystems.TanhAffineMap;
import org.patengine.engine.testsystems.TanhAffineSystem;
import org.patengine.engine.testsystems.UnitBoxRecorder;
import org.patengine.engine.train.Trainer;
import org.patengine.engine.train.TrainingMode;
import org.patengine.sim.Rng;

/** The device input box: clamp, soft penalty, their gradients, and that training keeps every applied input in [0, 1]. */
class DeviceInputBoxTest {
    static final int N = 5;
    static final int BATCH = 3;
    static final DeviceBox PENALTY = DeviceBox.DEFAULT;
    static final DeviceBox CLAMP = DeviceBox.of("clamp", 1, 30);

    /** A single box in a network, so that it is bound and allocated. */
    static Network boxAlone(DeviceBox box) {
        Network net = Network.builder(N).add(new DeviceInputBox(N, box)).build();
        net.allocate(BATCH);
        return net;
    }

    /** Values inside, outside and near the edges, none within 1e-2 of 0 or 1 (the clamp's kinks). */
    static float[] inputs() {
        return new float[] {-0.5f, -0.03f, 0.02f, 0.5f, 0.98f, 1.04f, 1.7f, 0.3f, -2f, 0.7f, 0.95f, 0.05f, 1.2f, 0.6f, -0.1f};
    }

    /** P in double, from its definition. */
    static double penalty(float[] x, double lambda, double beta) {
        double s = 0;
        for (float v : x) {
            s += Math.log1p(Math.exp(beta * (v - 1.0))) + Math.log1p(Math.exp(-beta * v));
        }
        return lambda * s / (beta * x.length);
    }

    @Test
    void theForwardClampsAndThePenaltyIsTheSoftDistanceToTheBox() {
        for (DeviceBox box : new DeviceBox[] {PENALTY, CLAMP, DeviceBox.of("penalty", 2.5, 10)}) {
            Network net = boxAlone(box);
            float[] x = inputs();
            float[] y = net.forward(ForwardPass.PHYSICAL, BATCH, x);
            for (int k = 0; k < x.length; k++) {
                assertEquals(Math.min(Math.max(x[k], 0f), 1f), y[k], 0f, box + ": y[" + k + "]");
            }
            double expected = box.mode() == DeviceBox.Mode.PENALTY ? penalty(x, box.weight(), box.sharpness()) : 0;
            assertEquals(expected, net.penalty(), 1e-12 * Math.max(1, expected), box.toString());
        }
        // ≈ λ · the mean distance outside the box, for a sharp softplus, and ~0 deep inside it
        Network sharp = boxAlone(DeviceBox.of("penalty", 1, 1e4));
        float[] x = new float[BATCH * N];
        x[0] = 1.5f;
        x[1] = -1f;
        java.util.Arrays.fill(x, 2, x.length, 0.5f);
        sharp.forward(ForwardPass.PHYSICAL, BATCH, x);
        assertEquals(1.5 / x.length, sharp.penalty(), 1e-6);
    }

    /** g_x against central differences of ⟨c, y⟩ + P in x, for both modes. */
    @Test
    void theBackwardIsTheGradientOfTheClampAndThePenalty() {
        for (DeviceBox box : new DeviceBox[] {PENALTY, CLAMP, DeviceBox.of("penalty", 3, 12)}) {
            Network net = boxAlone(box);
            float[] x = inputs();
            Rng rng = new Rng(3);
            float[] c = new float[x.length];
            for (int k = 0; k < c.length; k++) {
                c[k] = (float) rng.nextGaussian();
            }
            java.util.function.DoubleSupplier f = () -> {
                float[] y = net.forward(ForwardPass.PHYSICAL, BATCH, x);
                double s = net.penalty();
                for (int k = 0; k < c.length; k++) {
                    s += (double) c[k] * y[k];
                }
                return s;
            };
            double[] numeric = centralDifferences(x, 0, x.length, 1e-3f, f);
            net.forward(ForwardPass.PHYSICAL, BATCH, x);
            float[] gX = new float[x.length];
            net.backward(BackwardPass.MODEL, BATCH, c, gX);
            assertClose(box + " g_x", gX, 0, numeric, 2e-3);
            if (box.mode() == DeviceBox.Mode.CLAMP) {
                for (int k = 0; k < x.length; k++) {
                    if (x[k] < 0 || x[k] > 1) {
                        assertEquals(0f, gX[k], 0f, "clamp: no gradient outside the box, x = " + x[k]);
                    }
                }
            }
        }
    }

    @Test
    void badSettingsAreRefusedNamingWhatIsAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceBox.of("soft", 1, 30));
        assertTrue(e.getMessage().contains("device box 'soft' is not one of [penalty, clamp]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceBox.of("penalty", -1, 30));
        assertTrue(e.getMessage().contains("weight (λ) must be finite and >= 0, was -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceBox.of("penalty", 1, 0));
        assertTrue(e.getMessage().contains("sharpness (β) must be finite and > 0, was 0"), e.getMessage());
        assertEquals(DeviceBox.Mode.CLAMP, DeviceBox.of(" Clamp ", 1, 30).mode());
    }

    // --- in a network: the loss includes the penalty, and training keeps the applied inputs in the box

    static final int IN = Fixtures.IN;
    static final int HIDDEN = 8;

    /**
     * affine(6 → 8, weights ~ U(−2, 2): most encodings start outside [0, 1]) → box → a [0, 1]-bounded
     * physical layer (8 → 8) → box → another (8 → 8) → readout.
     */
    static Network boxedNet(DeviceBox box, UnitBoxRecorder first, UnitBoxRecorder second, long seed) {
        return Network.builder(IN).seed(seed)
                .affine(HIDDEN, ParameterInit.uniform(-2f, 2f), ParameterInit.uniform(-0.5f, 1.5f))
                .add(new DeviceInputBox(HIDDEN, box))
                .physical(first, TanhAffineMap.nominal(HIDDEN, HIDDEN), ParameterInit.uniform(-0.5f, 0.5f))
                .scaleShift()
                .add(new DeviceInputBox(HIDDEN, box))
                .physical(second, TanhAffineMap.nominal(HIDDEN, HIDDEN), ParameterInit.uniform(-0.5f, 0.5f))
                .readout(0, Fixtures.CLASSES, 3f)
                .build();
    }

    static UnitBoxRecorder recorder(long seed) {
        return new UnitBoxRecorder(TanhAffineSystem.withGap(HIDDEN, HIDDEN, 0.1f, 0.2f, 0.02f, 0.01f, seed));
    }

    /** The gradient of the training loss (cross-entropy + the boxes' penalties) against central differences. */
    @Test
    void theNetworksTrainingLossIncludesThePenaltyAndItsGradientIsExact() {
        UnitBoxRecorder a = new UnitBoxRecorder(TanhAffineSystem.ideal(HIDDEN, HIDDEN));
        UnitBoxRecorder b = new UnitBoxRecorder(TanhAffineSystem.ideal(HIDDEN, HIDDEN));
        Network net = boxedNet(DeviceBox.of("penalty", 2, 30), a, b, 5);
        ArrayDataset data = Fixtures.clusters(BATCH, 4);
        float[] x = data.inputs();
        int[] labels = data.labels();
        Trainer t = Trainer.builder(net).mode(TrainingMode.PAT).batchSize(BATCH).build();
        double reported = t.computeGradient(BATCH, x, labels, null);
        float[] analytic = net.parameters().gradients().clone();

        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        float[] y = net.forward(ForwardPass.PHYSICAL, BATCH, x);
        double task = ce.evaluate(BATCH, Fixtures.CLASSES, y, labels, null, null);
        assertTrue(net.penalty() > 1e-3, "the encoder starts outside the box: a penalty, " + net.penalty());
        assertEquals(task + net.penalty(), reported, 1e-9, "the training loss is the task loss plus the penalty");

        BatchLoss loss = new BatchLoss(net, ForwardPass.PHYSICAL, ce);
        loss.set(BATCH, x, labels, null);
        double[] numeric = centralDifferences(net.parameters().values(), 0, net.parameters().size(), 1e-3f, loss::loss);
        assertClose("dθ of cross-entropy + penalty", analytic, 0, numeric, 5e-3);
    }

    /**
     * Every mode, both boxes: the [0, 1]-bounded systems (which refuse anything else) only ever see
     * inputs in the box, though the encoder's outputs start and stay partly outside it.
     */
    @Test
    void trainingKeepsEveryAppliedInputInTheBox() {
        ArrayDataset data = Fixtures.clusters(48, 2);
        for (DeviceBox box : new DeviceBox[] {PENALTY, CLAMP}) {
            for (TrainingMode mode : TrainingMode.values()) {
                UnitBoxRecorder a = recorder(11);
                UnitBoxRecorder b = recorder(12);
                Network net = boxedNet(box, a, b, 7);
                Trainer t = Trainer.builder(net).mode(mode).batchSize(16).learningRate(0.05f).seed(3).build();
                for (int epoch = 0; epoch < 2; epoch++) {
                    t.trainEpoch(data);
                }
                t.evaluate(data);
                for (UnitBoxRecorder r : new UnitBoxRecorder[] {a, b}) {
                    assertTrue(r.values() > 0, mode + " " + box + ": the system was used");
                    assertTrue(r.min() >= 0f && r.max() <= 1f, mode + " " + box + ": applied x in [" + r.min() + ", " + r.max() + "]");
                }
                assertEquals(0f, a.min(), 0f, mode + " " + box + ": some encodings are clamped at 0");
                assertEquals(1f, a.max(), 0f, mode + " " + box + ": and some at 1");
            }
        }
    }

    /** The fraction of the first box's pre-clamp inputs outside [0, 1] on the data. */
    static double outsideFraction(Network net, ArrayDataset data) {
        int n = data.size();
        net.allocate(n);
        net.forward(ForwardPass.PHYSICAL, n, data.inputs());
        float[] pre = net.activation(1); // the first box's input: the encoder's output
        int outside = 0;
        for (int k = 0; k < n * HIDDEN; k++) {
            if (pre[k] < 0 || pre[k] > 1) {
                outside++;
            }
        }
        return (double) outside / (n * HIDDEN);
    }

    /** The penalty pulls the encoder's outputs back into the box; the clamp alone leaves them out. */
    @Test
    void thePenaltyPullsPreClampInputsBackIntoTheBox() {
        ArrayDataset data = Fixtures.clusters(256, 5);
        double[] after = new double[2];
        double before = -1;
        DeviceBox[] boxes = {DeviceBox.of("penalty", 1, 30), CLAMP};
        for (int i = 0; i < 2; i++) {
            Network net = boxedNet(boxes[i], recorder(21), recorder(22), 9);
            double start = outsideFraction(net, data);
            if (before < 0) {
                before = start;
            }
            assertEquals(before, start, 0, "both start from the same network");
            Trainer t = Trainer.builder(net).mode(TrainingMode.PAT).batchSize(32).learningRate(0.02f).seed(3).build();
            for (int epoch = 0; epoch < 15; epoch++) {
                t.trainEpoch(data);
            }
            after[i] = outsideFraction(net, data);
        }
        assertTrue(before > 0.3, "the encoder starts largely outside the box: " + before);
        assertTrue(after[0] < 0.5 * before, "penalty: outside fraction " + before + " -> " + after[0]);
        assertTrue(after[0] < 0.5 * after[1], "penalty " + after[0] + " vs clamp " + after[1]);
    }
}
