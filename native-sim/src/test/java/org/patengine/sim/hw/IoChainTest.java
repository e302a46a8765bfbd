package org.patengine.sim.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.patengine.sim.Rng;

/** The generic I/O chain, on a toy map: stages, the order of the random draws, the state, the checks. */
class IoChainTest {
    static final int B = 2;
    static final int LEN = B * ScaleMap.SIZE;

    private static float[] x() {
        return new float[] {0.5f, -0.25f, 1.5f, -3f, 0.125f, 2.5f};
    }

    @Test
    void everyStageOffPassesTheArraysThroughAndDrawsNothing() throws IOException {
        IoChain io = new IoChain(IoKnobs.NONE, 5, new ScaleMap());
        float[] x = x();
        float[] theta = {0.5f};
        io.drift();
        assertSame(theta, io.parameters(theta), "no DAC: θ itself");
        assertSame(x, io.input(B, x), "no DAC, no actuation noise: x itself, unchecked (the kernel checks it)");
        float[] y = x.clone();
        io.output(B, y);
        assertArrayEquals(x, y, "no readout noise, no ADC: y unchanged");
        assertArrayEquals(state(new IoChain(IoKnobs.NONE, 5, new ScaleMap())), state(io), "no draw was made");
    }

    @Test
    void drawsComeFromOneSeededStreamInTheOrderDriftActuationReadout() {
        float d = 0.01f, sx = 0.02f, sy = 0.03f;
        ScaleMap map = new ScaleMap();
        IoChain io = new IoChain(new IoKnobs(sx, sy, 0f, 0f, d, 0, 4f, 0, 4f), 42, map);
        Rng expect = new Rng(42 ^ IoChain.NOISE_STREAM);
        float[] x = x();
        for (int call = 0; call < 3; call++) {
            float h0 = map.hidden[0] + (float) (d * expect.nextGaussian());
            float h1 = map.hidden[1] + (float) (d * expect.nextGaussian());
            io.drift();
            assertEquals(Float.floatToIntBits(h0), Float.floatToIntBits(map.hidden[0]), "drift of the first quantity");
            assertEquals(Float.floatToIntBits(h1), Float.floatToIntBits(map.hidden[1]), "then the second");
            float[] applied = io.input(B, x);
            for (int i = 0; i < LEN; i++) {
                assertEquals(Float.floatToIntBits(x[i] + (float) (sx * expect.nextGaussian())), Float.floatToIntBits(applied[i]));
            }
            float[] y = x.clone();
            io.output(B, y);
            for (int i = 0; i < LEN; i++) {
                assertEquals(Float.floatToIntBits(x[i] + (float) (sy * expect.nextGaussian())), Float.floatToIntBits(y[i]));
            }
        }
    }

    @Test
    void dacAndAdcQuantizeOverTheirRangesAndSaturate() {
        IoChain io = new IoChain(IoKnobs.NONE.withDac(2, 1f).withAdc(3, 2f), 1, new ScaleMap());
        // 2 bits over [-1, 1]: levels -1, -1/3, 1/3, 1
        assertArrayEquals(new float[] {1f / 3, -1f / 3, 1f, -1f, 1f / 3, 1f}, io.input(B, x()), 1e-6f);
        // θ over its own range [-1, 2] (levels -1, 0, 1, 2)
        assertArrayEquals(new float[] {1f}, io.parameters(new float[] {0.6f}), 1e-6f);
        float[] y = {0.1f, 5f, -5f, 0f, 1.9f, -0.7f};
        io.output(B, y);
        float step = 4f / 7;
        for (float v : y) {
            float k = (v + 2f) / step;
            assertEquals(Math.round(k), k, 1e-5, v + " is on the 3-bit grid over [-2, 2]");
        }
        assertEquals(2f, y[1], "beyond the ADC's range: saturated");
        assertEquals(-2f, y[2]);
        assertEquals(1f, IoChain.quantize(7f, -1f, 1f, 4), "values beyond the range saturate");
    }

    @Test
    void theDacChecksTheInputForFiniteValuesOnItsWay() {
        IoKnobs k = IoKnobs.NONE.withDac(8, 1f);
        IoChain io = new IoChain(k, 1, new ScaleMap());
        float[] x = x();
        x[4] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> io.input(B, x));
        assertEquals("x[1, 1] = NaN: expected a finite value", e.getMessage(), k.toString());
    }

    @Test
    void noiseKeepsANonFiniteInputNonFiniteForTheKernelsOneCheck() {
        IoChain io = new IoChain(IoKnobs.NONE.withActuationNoise(0.1f), 1, new ScaleMap());
        float[] x = x();
        x[4] = Float.NaN;
        x[5] = Float.POSITIVE_INFINITY;
        float[] applied = io.input(B, x);
        assertTrue(Float.isNaN(applied[4]), "NaN + noise");
        assertEquals(Float.POSITIVE_INFINITY, applied[5], "+Inf + noise");
    }

    @Test
    void lengthsAreCheckedAndNamed() {
        IoChain io = new IoChain(IoKnobs.NONE, 1, new ScaleMap());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> io.checkLengths(0, x(), x()));
        assertEquals("batch must be >= 1, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> io.checkLengths(B, new float[5], x()));
        assertEquals("x has length 5, expected at least 2 x 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> io.checkLengths(B, x(), null));
        assertEquals("y has length null, expected at least 2 x 3", e.getMessage());
    }

    @Test
    void theStateIsTheNoiseStreamThenEachDriftingQuantity() throws IOException {
        ScaleMap map = new ScaleMap();
        IoChain io = new IoChain(IoKnobs.NONE.withDrift(0.5f).withReadoutNoise(0.1f), 9, map);
        io.drift();
        io.output(B, x());
        byte[] saved = state(io);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        Rng stream = new Rng(9 ^ IoChain.NOISE_STREAM);
        for (int i = 0; i < 2 + LEN; i++) {
            stream.nextGaussian();
        }
        stream.save(out);
        out.writeFloat(map.hidden[0]);
        out.writeFloat(map.hidden[1]);
        assertArrayEquals(expected.toByteArray(), saved, "the checkpoint format: Rng, then the drifting floats in order");

        float[] next = x();
        io.drift();
        io.output(B, next);
        ScaleMap other = new ScaleMap();
        IoChain restored = new IoChain(IoKnobs.NONE.withDrift(0.5f).withReadoutNoise(0.1f), 1234, other);
        restored.restore(new DataInputStream(new ByteArrayInputStream(saved)));
        float[] again = x();
        restored.drift();
        restored.output(B, again);
        assertArrayEquals(next, again, "a restored chain continues exactly");
        assertArrayEquals(map.hidden, other.hidden);
    }

    @Test
    void aReplayDrawsTheSameNoiseAndDriftAsTheCallAfterTheMarkAndThenTheStreamGoesOn() {
        ScaleMap map = new ScaleMap();
        SimulatedHardware hw = new SimulatedHardware("toy", map,
                IoKnobs.NONE.withDrift(0.2f).withReadoutNoise(0.1f), 7);
        assertTrue(hw.replaysNoise());
        IllegalStateException never = assertThrows(IllegalStateException.class, hw::replayNoise);
        assertTrue(never.getMessage().contains("without an earlier mark"), never.getMessage());
        float[] theta = {0.5f};
        float[] first = new float[LEN];
        float[] again = new float[LEN];
        float[] other = new float[LEN];
        hw.forward(B, x(), theta, new float[LEN]);
        hw.markNoise();
        float[] hidden = map.hidden.clone();
        hw.forward(B, x(), theta, first);
        hw.replayNoise();
        assertArrayEquals(hidden, map.hidden, "the drift is put back too");
        hw.forward(B, x(), theta, again);
        assertArrayEquals(first, again, "the same noise and drift, bit for bit");
        hw.forward(B, x(), theta, other);
        assertTrue(!java.util.Arrays.equals(first, other), "without a replay the next call draws fresh noise");
        float[] withOtherTheta = new float[LEN];
        hw.replayNoise();
        hw.forward(B, x(), new float[] {1.5f}, withOtherTheta);
        for (int i = 0; i < LEN; i++) {
            // y = (θ + h0)·x + h1 + noise: with the same draws, only θ's share of y changes
            float[] xs = x();
            assertEquals(first[i] + 1f * xs[i], withOtherTheta[i], 1e-5f, "common random numbers at another θ, element " + i);
        }
        assertTrue(!new PhysicalSystemWithoutReplay().replaysNoise());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, new PhysicalSystemWithoutReplay()::markNoise);
        assertTrue(e.getMessage().contains("bench cannot replay its noise"), e.getMessage());
    }

    /** The interface's defaults, as a real apparatus has them. */
    private static final class PhysicalSystemWithoutReplay implements org.patengine.sim.PhysicalSystem {
        @Override public String name() { return "bench"; }
        @Override public int inputSize() { return 1; }
        @Override public int outputSize() { return 1; }
        @Override public int parameterSize() { return 0; }
        @Override public float parameterLower(int i) { return 0; }
        @Override public float parameterUpper(int i) { return 0; }
        @Override public void forward(int batch, float[] x, float[] theta, float[] y) { }
    }

    @Test
    void simulatedHardwareIsTheChainAroundTheMapAndItsExactModelIsTheMap() {
        ScaleMap map = new ScaleMap();
        SimulatedHardware hw = new SimulatedHardware("toy", map, IoKnobs.NONE.withDrift(0.1f), 3);
        assertSame(map, hw.exactModel());
        assertEquals("toy", hw.name());
        assertEquals(-1f, hw.parameterLower(0));
        assertEquals(2f, hw.parameterUpper(0));
        float[] y = new float[LEN];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hw.forward(B, x(), new float[] {3f}, y));
        assertTrue(e.getMessage().contains("theta[0] = 3.0"), e.getMessage());
        assertEquals(0f, map.hidden[0], "a refused θ does not advance the drift");
        hw.forward(B, x(), new float[] {1f}, y);
        float[] yExact = new float[LEN];
        hw.exactModel().forward(B, x(), new float[] {1f}, yExact);
        assertArrayEquals(yExact, y, "without noise the hardware is its map at the drifted hidden state");
        assertTrue(map.hidden[0] != 0f, "one drift step was taken");
    }

    private static byte[] state(IoChain io) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        io.save(new DataOutputStream(b));
        return b.toByteArray();
    }
}
