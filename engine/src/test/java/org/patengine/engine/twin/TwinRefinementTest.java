package org.patengine.engine.twin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.grad.GradientFidelity;
import org.patengine.engine.layer.Activation;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.loss.SoftmaxCrossEntropy;
import org.patengine.engine.network.Network;
import org.patengine.engine.testsystems.Fixtures;
import org.patengine.engine.testsystems.TanhAffineMap;
import org.patengine.engine.testsystems.TanhAffineSystem;
import org.patengine.engine.train.Trainer;
import org.patengine.engine.train.TrainingMode;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.Rng;
import org.patengine.testkit.AllocationProbe;

/**
 * A twin refined in the loop: refining on measurements at an operating point lowers its error
 * there (and PAT's gradient there gets closer to the exact one), its checkpoint continues bit for
 * bit, recording a training step's measurements allocates nothing, and only training steps are
 * recorded.
 */
class TwinRefinementTest {
    private static final ComputeBackend SCALAR = Backends.get(BackendKind.SCALAR);
    private static final int IN = 3;
    private static final int OUT = 2;

    private static TanhAffineSystem system() {
        return TanhAffineSystem.withGap(IN, OUT, 0.3f, 0.3f, 0f, 0f, 4);
    }

    /** A poor twin: a few epochs on 400 uniform draws in the whole ranges. */
    private static LearnedTwin roughTwin(TanhAffineSystem s) {
        return new TwinFit(400, 8, 1, -1f, 1f, List.of(16), Activation.SWISH, 15, 5, 1e-2f, 1).fit(s, null, SCALAR).twin();
    }

    private static TwinRefinement refinement(LearnedTwin twin, int memory) {
        return new TwinRefinement(twin, TwinFile.of(twin, "test", Map.of()), 4, memory, 3e-3f, 7);
    }

    /** An operating point: θ fixed, x near a centre. */
    private static void drawNear(Rng r, float[] x, int batch) {
        for (int i = 0; i < batch * IN; i++) {
            x[i] = 0.4f + r.uniform(-0.1f, 0.1f);
        }
    }

    private static double mse(LearnedTwin twin, TanhAffineSystem s, float[] theta, long seed) {
        Rng r = new Rng(seed);
        int batch = 64;
        float[] x = new float[batch * IN];
        drawNear(r, x, batch);
        float[] yT = new float[batch * OUT];
        float[] yS = new float[batch * OUT];
        twin.forward(batch, x, theta, yT);
        s.exactModel().forward(batch, x, theta, yS);
        double e = 0;
        for (int i = 0; i < yT.length; i++) {
            e += (yT[i] - yS[i]) * (yT[i] - yS[i]);
        }
        return e / yT.length;
    }

    private static float[] theta(TanhAffineSystem s) {
        float[] theta = new float[s.parameterSize()];
        Rng r = new Rng(11);
        for (int j = 0; j < theta.length; j++) {
            theta[j] = r.uniform(-0.8f, 0.8f);
        }
        return theta;
    }

    /** Ten "epochs" of eight measured batches of 16 near the operating point, refined after each. */
    private static void measureAndRefine(TwinRefinement ref, TanhAffineSystem s, float[] theta, Rng r, int epochs) {
        float[] x = new float[16 * IN];
        float[] y = new float[16 * OUT];
        for (int e = 0; e < epochs; e++) {
            for (int b = 0; b < 8; b++) {
                drawNear(r, x, 16);
                s.forward(16, x, theta, y);
                ref.measured(16, x, theta, y);
            }
            ref.endOfEpoch();
        }
    }

    @Test
    void refiningOnMeasurementsAtAnOperatingPointLowersTheErrorThere() {
        TanhAffineSystem s = system();
        float[] theta = theta(s);
        LearnedTwin twin = roughTwin(s);
        double before = mse(twin, s, theta, 99);
        TwinRefinement ref = refinement(twin, 512);
        measureAndRefine(ref, s, theta, new Rng(3), 10);
        double after = mse(twin, s, theta, 99);
        assertEquals(10, ref.refinements());
        assertEquals(512, ref.remembered(), "80 batches of 16 in a memory of 512: the newest 512");
        assertTrue(after < 0.01 * before, "mean squared error at the operating point " + before + " -> " + after);
    }

    @Test
    void aCheckpointedRefinementContinuesBitForBit() throws IOException {
        TanhAffineSystem s = system();
        float[] theta = theta(s);
        LearnedTwin original = roughTwin(s);
        TwinFile file = TwinFile.of(original, "test", Map.of());
        TwinRefinement a = refinement(file.twin(SCALAR, null), 100);
        Rng r = new Rng(5);
        measureAndRefine(a, s, theta, r, 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.saveState(new DataOutputStream(bytes));
        Rng rCopy = new Rng(0);
        rCopy.copyFrom(r);
        measureAndRefine(a, s, theta, r, 2);

        TwinRefinement b = refinement(file.twin(SCALAR, null), 100); // a fresh run from the same file, resumed
        b.restoreState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        measureAndRefine(b, s, theta, rCopy, 2);
        assertArrayEquals(a.twin().network().parameters().values(), b.twin().network().parameters().values());
        assertEquals(a.refinements(), b.refinements());

        TwinRefinement other = refinement(file.twin(SCALAR, null), 50);
        IOException e = assertThrows(IOException.class,
                () -> other.restoreState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        assertTrue(e.getMessage().contains("holds 100 of 100 samples") && e.getMessage().contains("this run keeps 50"), e.getMessage());
    }

    /** physical(6→8 tanh-affine with a gap) with a rough learned twin refined in the loop → readout. */
    private static Network refinedNet(TwinRefinement[] made) {
        TanhAffineSystem s = TanhAffineSystem.withGap(Fixtures.IN, Fixtures.HIDDEN, 0.2f, 0.3f, 0f, 0.01f, 31);
        LearnedTwin twin = new TwinFit(800, 8, 1, -2f, 2f, List.of(16), Activation.SWISH, 10, 5, 1e-2f, 1).fit(s, null, SCALAR).twin();
        made[0] = new TwinRefinement(twin, TwinFile.of(twin, "test", Map.of()), 2, 256, 1e-3f, 3);
        return Network.builder(Fixtures.IN).seed(2).physical(s, made[0], ParameterInit.uniform(-0.5f, 0.5f))
                .readout(0, Fixtures.CLASSES, 3f).build();
    }

    @Test
    void onlyTrainingStepsAreRecordedAndAPatStepAllocatesNothing() {
        TwinRefinement[] ref = new TwinRefinement[1];
        Network net = refinedNet(ref);
        ArrayDataset data = Fixtures.clusters(96, 5);
        Trainer t = Trainer.builder(net).mode(TrainingMode.PAT).loss(new SoftmaxCrossEntropy()).learningRate(1e-2f).batchSize(32)
                .seed(1).build();
        t.evaluate(data);
        assertEquals(0, ref[0].remembered(), "an evaluation measures, but is not a training step");
        t.trainEpoch(data);
        assertEquals(96, ref[0].remembered());
        assertEquals(1, ref[0].refinements());
        float[] x = new float[32 * Fixtures.IN];
        int[] labels = new int[32];
        for (int i = 0; i < 32; i++) {
            data.input(i, x, i * Fixtures.IN);
            labels[i] = data.label(i);
        }
        net.measuring(true);
        for (int i = 0; i < 200; i++) {
            t.step(32, x, labels, null); // warm-up: the memory fills and wraps
        }
        AllocationProbe.assertNoAllocation("a PAT step recording into a refined twin's memory", () -> t.step(32, x, labels, null));
        net.measuring(false);
    }

    @Test
    void theTaskGradientFidelityIsOneForTheExactModelAndLowerForAWrongOne() {
        TanhAffineSystem a = TanhAffineSystem.withGap(Fixtures.IN, Fixtures.HIDDEN, 0.2f, 0.3f, 0f, 0f, 31);
        ArrayDataset data = Fixtures.clusters(64, 5);
        Network exact = Network.builder(Fixtures.IN).seed(2).physical(a, a.exactModel(), ParameterInit.uniform(-0.5f, 0.5f))
                .readout(0, Fixtures.CLASSES, 3f).build();
        double one = GradientFidelity.measure(exact, data, new SoftmaxCrossEntropy(), 16);
        assertEquals(1.0, one, 1e-6);
        Network nominal = Network.builder(Fixtures.IN).seed(2)
                .physical(a, TanhAffineMap.nominal(Fixtures.IN, Fixtures.HIDDEN), ParameterInit.uniform(-0.5f, 0.5f))
                .readout(0, Fixtures.CLASSES, 3f).build();
        double off = GradientFidelity.measure(nominal, data, new SoftmaxCrossEntropy(), 16);
        assertTrue(off < 0.999 && off > 0, "the nominal model's fidelity on hardware with a 20 % gain error and a hidden ΔW: " + off);
        Network apparatus = Network.builder(Fixtures.IN).seed(2)
                .physical(TanhAffineSystem.apparatus(Fixtures.IN, Fixtures.HIDDEN), TanhAffineMap.nominal(Fixtures.IN, Fixtures.HIDDEN),
                        ParameterInit.uniform(-0.5f, 0.5f))
                .readout(0, Fixtures.CLASSES, 3f).build();
        assertTrue(!GradientFidelity.measurable(apparatus));
        assertThrows(IllegalArgumentException.class,
                () -> GradientFidelity.measure(apparatus, data, new SoftmaxCrossEntropy(), 16));
    }
}
