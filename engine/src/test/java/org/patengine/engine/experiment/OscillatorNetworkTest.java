package org.patengine.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patengine.engine.GradientChecks.cosine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.data.ToyTasks;
import org.patengine.engine.network.Network;
import org.patengine.engine.train.Evaluation;
import org.patengine.engine.train.StepAllocation;
import org.patengine.engine.train.Trainer;
import org.patengine.engine.train.TrainingMode;
import org.patengine.kernels.Backends;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.Rng;

/** The trainer on the coupled-oscillator hardware and its analytic twin. */
class OscillatorNetworkTest {

    private static float[] gradient(TrainingMode mode, String preset, float[] x, int[] labels, int batch) {
        Network net = Architectures.build("mnist-oscillators", 10, preset, 1, Backends.get());
        Trainer t = Trainer.builder(net).mode(mode).batchSize(batch).seed(2).build();
        t.computeGradient(batch, x, labels, null);
        return net.parameters().gradients().clone();
    }

    /** {@code batch} random 196-pixel images in [0, 1) and labels 0..9. */
    private static ArrayDataset mnistLikeBatch(int batch, long seed) {
        Rng r = new Rng(seed);
        float[] x = new float[batch * 196];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        int[] labels = new int[batch];
        for (int b = 0; b < batch; b++) {
            labels[b] = r.nextInt(10);
        }
        return ArrayDataset.classification(x, 196, labels, 10);
    }

    @Test
    void withTheGapPatIsCloserToTheExactPhysicalGradientThanInSilico() {
        int batch = 16;
        ArrayDataset d = mnistLikeBatch(batch, 5);
        float[] x = d.inputs();
        int[] labels = d.labels();
        float[] exact = gradient(TrainingMode.IDEAL, "paper-gap", x, labels, batch);
        float[] pat = gradient(TrainingMode.PAT, "paper-gap", x, labels, batch);
        float[] insilico = gradient(TrainingMode.INSILICO, "paper-gap", x, labels, batch);
        double cPat = cosine(pat, exact, exact.length);
        double cIn = cosine(insilico, exact, exact.length);
        double cPatIn = cosine(pat, insilico, exact.length);
        assertTrue(cPatIn < 0.999, "PAT and in-silico gradients should differ under the gap, cosine " + cPatIn);
        assertTrue(cPat > cIn, "cos(PAT, exact) " + cPat + " should exceed cos(in-silico, exact) " + cIn);
        System.out.printf("paper-gap, MNIST network, batch 16: cos(PAT, exact) %.4f, cos(in-silico, exact) %.4f%n", cPat, cIn);

        // without the gap all three coincide (same noise-free hardware and model)
        float[] e0 = gradient(TrainingMode.IDEAL, "none", x, labels, batch);
        float[] p0 = gradient(TrainingMode.PAT, "none", x, labels, batch);
        float[] i0 = gradient(TrainingMode.INSILICO, "none", x, labels, batch);
        org.junit.jupiter.api.Assertions.assertArrayEquals(e0, p0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(e0, i0);
    }

    @Test
    void aFewDozenPatStepsReduceTheLossOnTheHardware() {
        ArrayDataset data = ToyTasks.generate("quadrants", 384, 3);
        Network net = Architectures.build("toy-oscillators", 4, "paper-gap", 3, Backends.get());
        Trainer t = Trainer.builder(net).mode(TrainingMode.PAT).batchSize(32).learningRate(0.02f).seed(4).build();
        Evaluation before = t.evaluate(data);
        for (int e = 0; e < 3; e++) { // 36 steps
            t.trainEpoch(data);
        }
        Evaluation after = t.evaluate(data);
        assertEquals(36, t.steps());
        assertTrue(after.physicalLoss() < 0.8 * before.physicalLoss(),
                "loss on the hardware " + before.physicalLoss() + " -> " + after.physicalLoss());
    }

    @ParameterizedTest
    @EnumSource(value = TrainingMode.class, names = {"PAT", "INSILICO", "IDEAL", "RESERVOIR"})
    void theOscillatorTrainingStepAllocatesNothing(TrainingMode mode) {
        for (BackendKind kind : new BackendKind[] {BackendKind.SCALAR, BackendKind.SIMD}) {
            ComputeBackend backend = Backends.get(kind);
            Network net = Architectures.build("toy-oscillators", 4, "paper-gap", 3, backend);
            int batch = 8;
            Trainer t = Trainer.builder(net).mode(mode).batchSize(batch).learningRate(1e-3f).seed(4).build();
            ArrayDataset data = ToyTasks.generate("quadrants", batch, 3);
            float[] x = data.inputs();
            int[] labels = data.labels();
            long allocated = StepAllocation.steadyStateBytes(t, batch, 3, x, labels, 1000, 100);
            assertEquals(0, allocated, mode + " on " + kind.id() + ": bytes allocated by 200 steady-state steps");
        }
    }

    /**
     * The MNIST network's step at batch 256 on the SIMD backend, where the oscillator kernels split
     * the batch over the shared pool ({@code pat.threads}, by default every processor) and the
     * coupling products are large: the case that once measured 2.5 MB per step in JMH (boxed vectors,
     * when a fork lost the inlining flags) allocates nothing here, on the calling thread or the pool's.
     */
    @ParameterizedTest
    @EnumSource(value = TrainingMode.class, names = {"PAT", "INSILICO"})
    void theMnistStepAtBatch256OnThePoolAllocatesNothing(TrainingMode mode) {
        int batch = 256;
        Network net = Architectures.build("mnist-oscillators", 10, "paper-gap", 1, Backends.get(BackendKind.SIMD));
        Trainer t = Trainer.builder(net).mode(mode).batchSize(batch).learningRate(1e-3f).seed(1).build();
        ArrayDataset d = mnistLikeBatch(batch, 7);
        float[] x = d.inputs();
        int[] labels = d.labels();
        long allocated = StepAllocation.steadyStateBytes(t, batch, 5, x, labels, 60, 3);
        assertEquals(0, allocated, mode + ": bytes allocated by 6 steady-state steps at batch 256 ("
                + Runtime.getRuntime().availableProcessors() + " processors)");
    }
}
