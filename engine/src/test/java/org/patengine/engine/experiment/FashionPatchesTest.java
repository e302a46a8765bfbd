package org.patengine.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patengine.engine.GradientChecks.assertClose;
import static org.patengine.engine.GradientChecks.centralDifferences;
import static org.patengine.engine.GradientChecks.dot;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.layer.Layer;
import org.patengine.engine.layer.PadLayer;
import org.patengine.engine.layer.PhysicalLayer;
import org.patengine.engine.layer.ReadoutLayer;
import org.patengine.engine.network.Network;
import org.patengine.engine.network.ParameterSet;
import org.patengine.engine.train.StepAllocation;
import org.patengine.engine.train.Trainer;
import org.patengine.engine.train.TrainingMode;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.Rng;

/** The Fashion-MNIST patch network: one oscillator layer shared by every patch, then a wide layer. */
class FashionPatchesTest {

    private static float[] uniform(int n, long seed) {
        Rng r = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    private static int free(int n) {
        return n * (n - 1) / 2 + 2 * n; // upper-triangle couplings, stiffnesses, drives
    }

    @Test
    void theNamedArchitectureHasTheReferenceShape() {
        Network net = Architectures.build("fashion-patches", 10, "paper-gap", 1, Backends.get());
        assertEquals(784, net.inputSize());
        assertEquals(Architectures.inputSize("fashion-patches"), net.inputSize());
        assertEquals(InputForm.PATCHES_7, Architectures.inputForm("fashion-patches"));
        assertEquals(10, net.outputSize());
        List<Layer> l = net.layers();
        assertEquals(5, l.size(), net.toString());
        PadLayer patchPad = assertInstanceOf(PadLayer.class, l.get(0));
        assertEquals(16, patchPad.groups());
        assertEquals(1600, patchPad.outputSize());
        PhysicalLayer shared = assertInstanceOf(PhysicalLayer.class, l.get(1));
        assertEquals(16, shared.copies());
        assertEquals(100, shared.system().inputSize());
        assertEquals(free(100), shared.parameterSize());
        assertEquals(1610, assertInstanceOf(PadLayer.class, l.get(2)).outputSize());
        PhysicalLayer wide = assertInstanceOf(PhysicalLayer.class, l.get(3));
        assertEquals(1, wide.copies());
        assertEquals(1610, wide.system().inputSize());
        assertEquals(free(1610), wide.parameterSize());
        assertInstanceOf(ReadoutLayer.class, l.get(4));
        assertEquals(free(100) + free(1610) + 1, net.parameters().size());
        assertThrows(IllegalArgumentException.class, () -> Architectures.build("fashion-patches", 11, "none", 1, Backends.get()));
    }

    /**
     * The network equals its definition computed by hand, sample by sample and patch by patch:
     * q1_p = f1([patch_p, 0…0], θ1) with the same θ1 for every patch, then
     * logits = s · f2([q1_0 … q1_15, 0…0], θ2)[1600, 1610).
     */
    @Test
    void theNetworkIsTheSharedLayerOnEachPatchThenTheWideLayer() {
        Network net = Architectures.build("fashion-patches", 10, "none", 3, Backends.get());
        int batch = 2;
        net.allocate(batch);
        float[] x = uniform(batch * 784, 4);
        float[] out = net.forward(ForwardPass.PHYSICAL, batch, x).clone();

        ParameterSet p = net.parameters();
        float[] theta1 = Arrays.copyOfRange(p.values(), p.segmentStart(0), p.segmentStart(0) + p.segmentLength(0));
        float[] theta2 = Arrays.copyOfRange(p.values(), p.segmentStart(1), p.segmentStart(1) + p.segmentLength(1));
        float scale = p.values()[p.segmentStart(2)];
        DifferentiableMap f1 = ((PhysicalLayer) net.layers().get(1)).model();
        DifferentiableMap f2 = ((PhysicalLayer) net.layers().get(3)).model();
        for (int s = 0; s < batch; s++) {
            float[] wide = new float[1610];
            for (int patch = 0; patch < 16; patch++) {
                float[] z = new float[100];
                System.arraycopy(x, s * 784 + patch * 49, z, 0, 49);
                float[] q = new float[100];
                f1.forward(1, z, theta1, q);
                System.arraycopy(q, 0, wide, patch * 100, 100);
            }
            float[] q2 = new float[1610];
            f2.forward(1, wide, theta2, q2);
            for (int c = 0; c < 10; c++) {
                float expected = scale * q2[1600 + c];
                assertEquals(expected, out[s * 10 + c], 1e-5f * (1 + Math.abs(expected)), "sample " + s + ", class " + c);
            }
        }
    }

    /** The whole small patch network's VJP (model both ways) against central differences. */
    @Test
    void aSmallPatchNetworkHasTheExactGradient() {
        Network net = Architectures.patchNetwork(4, 3, 5, 3, 3, "none", 7, Backends.get());
        int batch = 3;
        net.allocate(batch);
        float[] x = uniform(batch * 12, 8);
        float[] v = new float[batch * 3];
        Rng r = new Rng(9);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        net.forward(ForwardPass.MODEL, batch, x);
        float[] gIn = new float[x.length];
        net.backward(BackwardPass.MODEL, batch, v, gIn);
        ParameterSet p = net.parameters();
        float[] g = p.gradients().clone();
        java.util.function.DoubleSupplier f = () -> dot(v, net.forward(ForwardPass.MODEL, batch, x), v.length);
        assertClose("patch network dθ", g, 0, centralDifferences(p.values(), 0, p.size(), 1e-2f, f), 5e-3);
        assertClose("patch network dx", gIn, 0, centralDifferences(x, 0, x.length, 1e-2f, f), 5e-3);
    }

    @Test
    void badPatchSizesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architectures.patchNetwork(4, 5, 5, 3, 3, "none", 1, Backends.get()));
        assertTrue(e.getMessage().contains("shared oscillators"), e.getMessage());
    }

    /** A PAT step through the shared layer (16-fold batch inside) allocates nothing in steady state. */
    @Test
    void aTrainingStepThroughTheSharedLayerAllocatesNothing() {
        for (BackendKind kind : new BackendKind[] {BackendKind.SCALAR, BackendKind.SIMD}) {
            ComputeBackend backend = Backends.get(kind);
            Network net = Architectures.patchNetwork(4, 3, 5, 3, 3, "paper-gap", 3, backend);
            int batch = 8;
            Trainer t = Trainer.builder(net).mode(TrainingMode.PAT).batchSize(batch).learningRate(1e-3f).seed(4).build();
            float[] x = uniform(batch * 12, 5);
            int[] labels = {0, 1, 2, 0, 1, 2, 0, 1};
            long allocated = StepAllocation.steadyStateBytes(t, batch, 3, x, labels, 1000, 100);
            assertEquals(0, allocated, "PAT on " + kind.id() + ": bytes allocated by 200 steady-state steps");
        }
    }
}
