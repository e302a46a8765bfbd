package org.patengine.engine.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patengine.engine.GradientChecks.assertClose;
import static org.patengine.engine.GradientChecks.centralDifferences;
import static org.patengine.engine.GradientChecks.dot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.patengine.engine.testsystems.PowerMap;
import org.patengine.engine.testsystems.TanhAffineMap;
import org.patengine.engine.testsystems.TanhAffineSystem;
import org.patengine.sim.Rng;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.kernels.ScalarBackend;

/**
 * Every layer's backward against double-accumulated central differences of {@code <v, y(x, θ)>}
 * in both θ and x. The layer is bound at a non-zero offset of a larger array to catch offset bugs.
 */
class LayerGradientTest {
    private static final int OFFSET = 3;

    /** Checks the layer's VJP; returns nothing, fails on mismatch. */
    static void check(Layer layer, ForwardPass fp, BackwardPass bp, int batch, float xLo, float xHi, float eps,
                      double tol, long seed) {
        Rng rng = new Rng(seed);
        int p = layer.parameterSize();
        float[] values = new float[p + OFFSET + 2];
        float[] grads = new float[values.length];
        java.util.Arrays.fill(grads, 123f); // must be overwritten in the block, untouched outside
        layer.bind(values, grads, OFFSET);
        layer.initialize(values, OFFSET, rng);
        layer.allocate(batch);
        int in = layer.inputSize();
        int out = layer.outputSize();
        float[] x = new float[batch * in];
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.uniform(xLo, xHi);
        }
        float[] v = new float[batch * out];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) rng.nextGaussian();
        }
        float[] y = new float[batch * out];
        float[] gX = new float[batch * in];
        java.util.Arrays.fill(gX, Float.NaN); // must be overwritten
        layer.forward(fp, batch, x, y);
        layer.backward(bp, batch, v, gX, true);
        assertArrayEquals(new float[] {123f, 123f, 123f}, java.util.Arrays.copyOf(grads, OFFSET), "before block");
        assertArrayEquals(new float[] {123f, 123f}, java.util.Arrays.copyOfRange(grads, OFFSET + p, grads.length),
                "after block");

        float[] y2 = new float[batch * out];
        float[] xc = x.clone();
        java.util.function.DoubleSupplier f = () -> {
            layer.forward(fp, batch, xc, y2);
            return dot(v, y2, y2.length);
        };
        if (p > 0) {
            assertClose(layer.name() + " dθ", grads, OFFSET, centralDifferences(values, OFFSET, p, eps, f), tol);
        }
        assertClose(layer.name() + " dx", gX, 0, centralDifferences(xc, 0, xc.length, eps, f), tol);
    }

    static ComputeBackend backend(String name) {
        return name.equals("scalar") ? new ScalarBackend() : Backends.get();
    }

    @ParameterizedTest
    @CsvSource({"1,1", "5,3", "7,16"})
    void scaleShiftWithUnits(int n, int batch) {
        float[] unit = new float[n];
        for (int i = 0; i < n; i++) {
            unit[i] = 0.25f + 0.5f * i;
        }
        check(new ScaleShiftLayer(n, ParameterInit.uniform(-2, 2), ParameterInit.uniform(-1, 1), unit),
                ForwardPass.PHYSICAL, BackwardPass.MODEL, batch, -1, 1, 1e-2f, 2e-3, 13);
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "12,50,3", "5,5,4", "3,17,7"})
    void repeat(int in, int out, int batch) {
        check(new RepeatLayer(in, out), ForwardPass.PHYSICAL, BackwardPass.MODEL, batch, -1, 1, 1e-2f, 2e-3, 14);
    }

    @ParameterizedTest
    @CsvSource({"1,1,false", "6,4,false", "6,4,true", "13,3,true"})
    void gain(int n, int batch, boolean offset) {
        float[] unit = new float[n];
        for (int i = 0; i < n; i++) {
            unit[i] = 2f / (1 + i);
        }
        check(new GainLayer(n, ParameterInit.uniform(-2, 2), unit, offset ? ParameterInit.uniform(-1, 1) : null),
                ForwardPass.PHYSICAL, BackwardPass.MODEL, batch, -1, 1, 1e-2f, 2e-3, 15);
    }

    @ParameterizedTest
    @CsvSource({"tanh", "swish", "relu"})
    void activation(String name) {
        // relu's kink at 0 is avoided by inputs away from it (the difference quotient straddles it otherwise)
        Activation a = Activation.named(name);
        float lo = a == Activation.RELU ? 0.05f : -2f;
        check(new ActivationLayer(9, a), ForwardPass.PHYSICAL, BackwardPass.MODEL, 5, lo, 2, 1e-3f, 2e-3, 16);
    }

    @Test
    void activationValuesAndNames() {
        assertEquals((float) Math.tanh(0.3), Activation.TANH.apply(0.3f), 1e-6f);
        assertEquals(0f, Activation.RELU.apply(-1f));
        assertEquals((float) (2 / (1 + Math.exp(-2))), Activation.SWISH.apply(2f), 1e-6f);
        assertEquals(Activation.SWISH, Activation.named("Swish"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Activation.named("sigmoid"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("[tanh, relu, swish]"), e.getMessage());
    }

    @Test
    void repeatIsCyclic() {
        RepeatLayer r = new RepeatLayer(3, 7);
        r.bind(new float[0], new float[0], 0);
        r.allocate(1);
        float[] y = new float[7];
        r.forward(ForwardPass.PHYSICAL, 1, new float[] {1, 2, 3}, y);
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3, 1}, y);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new RepeatLayer(5, 4));
    }

    @ParameterizedTest
    @CsvSource({"scalar,1,1,1", "scalar,3,7,5", "default,1,1,1", "default,17,5,3", "default,7,16,17", "default,4,3,100"})
    void affine(String backend, int in, int out, int batch) {
        check(new AffineLayer(backend(backend), in, out), ForwardPass.PHYSICAL, BackwardPass.MODEL, batch, -1, 1,
                1e-2f, 2e-3, 11);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "7,3", "17,16"})
    void scaleShift(int n, int batch) {
        check(new ScaleShiftLayer(n, ParameterInit.uniform(-2, 2), ParameterInit.uniform(-1, 1)),
                ForwardPass.PHYSICAL, BackwardPass.MODEL, batch, -1, 1, 1e-2f, 2e-3, 12);
    }

    @ParameterizedTest
    @CsvSource({"1,1,true,1", "5,3,true,4", "5,3,false,4", "7,10,true,17"})
    void pad(int in, int extra, boolean trainable, int batch) {
        check(new PadLayer(in, extra, ParameterInit.uniform(-1, 1), trainable), ForwardPass.PHYSICAL,
                BackwardPass.MODEL, batch, -1, 1, 1e-2f, 2e-3, 13);
    }

    @ParameterizedTest
    @CsvSource({"2,1,1,true,1", "3,5,3,true,4", "16,7,9,false,3", "4,3,2,true,17"})
    void groupedPad(int groups, int in, int extra, boolean trainable, int batch) {
        check(new PadLayer(groups, in, extra, ParameterInit.uniform(-1, 1), trainable), ForwardPass.PHYSICAL,
                BackwardPass.MODEL, batch, -1, 1, 1e-2f, 2e-3, 18);
    }

    /** Each group is followed by the same channels; the groups keep their order. */
    @Test
    void groupedPadLayout() {
        PadLayer layer = new PadLayer(3, 2, 1, ParameterInit.constant(9f), false);
        layer.bind(new float[0], new float[0], 0);
        layer.initialize(new float[0], 0, new Rng(1));
        layer.allocate(2);
        float[] y = new float[2 * 9];
        layer.forward(ForwardPass.PHYSICAL, 2, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, y);
        assertArrayEquals(new float[] {1, 2, 9, 3, 4, 9, 5, 6, 9, 7, 8, 9, 9, 10, 9, 11, 12, 9}, y);
        assertEquals(6, layer.inputSize());
        assertEquals(9, layer.outputSize());
    }

    @ParameterizedTest
    @CsvSource({"1,1,2,1", "3,4,3,5", "6,5,16,3"})
    void sharedPhysicalLayer(int in, int out, int copies, int batch) {
        TanhAffineSystem system = TanhAffineSystem.ideal(in, out);
        PhysicalLayer layer = new PhysicalLayer(system, TanhAffineMap.nominal(in, out),
                ParameterInit.uniform(-0.8f, 0.8f), copies);
        assertEquals(copies * in, layer.inputSize());
        assertEquals(copies * out, layer.outputSize());
        for (ForwardPass fp : ForwardPass.values()) {
            for (BackwardPass bp : BackwardPass.values()) {
                check(layer, fp, bp, batch, -1, 1, 1e-2f, 2e-3, 19);
            }
        }
        TanhAffineSystem gap = TanhAffineSystem.withGap(in, out, 0.2f, 0.3f, 0f, 0f, 3);
        check(new PhysicalLayer(gap, TanhAffineMap.nominal(in, out), ParameterInit.uniform(-0.8f, 0.8f), copies),
                ForwardPass.PHYSICAL, BackwardPass.EXACT, batch, -1, 1, 1e-2f, 2e-3, 20);
    }

    /**
     * A shared layer is the system applied to each slice with the one θ; its θ-gradient is the sum
     * of the per-slice VJPs and its x-gradient their concatenation.
     */
    @Test
    void sharedPhysicalLayerAppliesOneSystemToEverySlice() {
        int in = 4;
        int out = 3;
        int copies = 5;
        int batch = 2;
        TanhAffineMap map = TanhAffineMap.nominal(in, out);
        PhysicalLayer layer = new PhysicalLayer(TanhAffineSystem.ideal(in, out), map,
                ParameterInit.uniform(-0.8f, 0.8f), copies);
        int p = layer.parameterSize();
        float[] values = new float[p];
        float[] grads = new float[p];
        layer.bind(values, grads, 0);
        layer.initialize(values, 0, new Rng(21));
        layer.allocate(batch);
        Rng rng = new Rng(22);
        float[] x = new float[batch * copies * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.uniform(-1, 1);
        }
        float[] gY = new float[batch * copies * out];
        for (int i = 0; i < gY.length; i++) {
            gY[i] = (float) rng.nextGaussian();
        }
        float[] y = new float[gY.length];
        float[] gX = new float[x.length];
        layer.forward(ForwardPass.MODEL, batch, x, y);
        layer.backward(BackwardPass.MODEL, batch, gY, gX, true);

        float[] theta = values.clone();
        double[] sumG = new double[p];
        float[] ySlice = new float[out];
        float[] gXSlice = new float[in];
        float[] gSlice = new float[p];
        for (int r = 0; r < batch * copies; r++) {
            float[] xs = java.util.Arrays.copyOfRange(x, r * in, (r + 1) * in);
            map.forward(1, xs, theta, ySlice);
            assertArrayEquals(ySlice, java.util.Arrays.copyOfRange(y, r * out, (r + 1) * out), 1e-6f, "y of slice " + r);
            map.vjp(1, xs, theta, java.util.Arrays.copyOfRange(gY, r * out, (r + 1) * out), gXSlice, gSlice);
            assertArrayEquals(gXSlice, java.util.Arrays.copyOfRange(gX, r * in, (r + 1) * in), 1e-5f, "gX of slice " + r);
            for (int i = 0; i < p; i++) {
                sumG[i] += gSlice[i];
            }
        }
        for (int i = 0; i < p; i++) {
            assertEquals(sumG[i], grads[i], 1e-4 * (1 + Math.abs(sumG[i])), "g_theta[" + i + "]");
        }
    }

    @ParameterizedTest
    @CsvSource({"1,0,1,1", "8,2,3,5", "20,10,10,7"})
    void readout(int in, int start, int count, int batch) {
        check(new ReadoutLayer(in, start, count, ParameterInit.constant(1.7f)), ForwardPass.PHYSICAL,
                BackwardPass.MODEL, batch, -1, 1, 1e-2f, 2e-3, 14);
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "3,4,5", "6,8,17"})
    void physicalLayerWithNominalSystem(int in, int out, int batch) {
        TanhAffineSystem system = TanhAffineSystem.ideal(in, out);
        PhysicalLayer layer = new PhysicalLayer(system, TanhAffineMap.nominal(in, out),
                ParameterInit.uniform(-0.8f, 0.8f));
        for (ForwardPass fp : ForwardPass.values()) {
            for (BackwardPass bp : BackwardPass.values()) {
                check(layer, fp, bp, batch, -1, 1, 1e-2f, 2e-3, 15);
            }
        }
    }

    /** With a mismatch, the exact VJP is the derivative of the physical forward (noise off). */
    @Test
    void physicalLayerExactPassDifferentiatesTheSystem() {
        TanhAffineSystem system = TanhAffineSystem.withGap(5, 4, 0.2f, 0.3f, 0f, 0f, 3);
        PhysicalLayer layer = new PhysicalLayer(system, TanhAffineMap.nominal(5, 4), ParameterInit.uniform(-0.8f, 0.8f));
        check(layer, ForwardPass.PHYSICAL, BackwardPass.EXACT, 6, -1, 1, 1e-2f, 2e-3, 16);
        check(layer, ForwardPass.MODEL, BackwardPass.MODEL, 6, -1, 1, 1e-2f, 2e-3, 16);
    }

    @Test
    void powerLayer() {
        PowerMap reality = new PowerMap(2f, 3);
        check(new PhysicalLayer(reality, new PowerMap(2.01f, 3), ParameterInit.uniform(0.8f, 1.5f)),
                ForwardPass.PHYSICAL, BackwardPass.EXACT, 4, 0.5f, 2f, 1e-3f, 2e-3, 17);
    }

    /** gX and the gradient block may be skipped independently; a skipped block is zeroed. */
    @Test
    void optionalOutputs() {
        AffineLayer layer = new AffineLayer(Backends.get(), 3, 2);
        float[] values = new float[layer.parameterSize()];
        float[] grads = new float[values.length];
        layer.bind(values, grads, 0);
        layer.initialize(values, 0, new Rng(1));
        layer.allocate(2);
        float[] x = {1, 2, 3, 4, 5, 6};
        float[] y = new float[4];
        layer.forward(ForwardPass.PHYSICAL, 2, x, y);
        java.util.Arrays.fill(grads, 9f);
        layer.backward(BackwardPass.MODEL, 2, new float[] {1, 1, 1, 1}, null, false);
        assertArrayEquals(new float[grads.length], grads);
    }
}
