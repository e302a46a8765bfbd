package org.patengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.patengine.kernels.osc.OscillatorKernel;
import org.patengine.kernels.osc.OscillatorKernels;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.Topology;

/** The slot keeps one kernel sized for the largest batch seen, closing the one it replaces. */
class KernelSlotTest {

    /** y = 2x, counting closes. */
    static final class Doubler extends SystemKernel<float[], float[]> {
        boolean closed;

        Doubler(int maxBatch) {
            super(maxBatch, 1, 1, 0, "y", null);
        }

        @Override
        public BackendKind kind() {
            return BackendKind.SCALAR;
        }

        @Override
        protected void checkParams(float[] params) {
        }

        @Override
        protected void doForward(int batch, float[] params, float[] x, float[] y, float[] aux) {
            for (int b = 0; b < batch; b++) {
                y[b] = 2 * x[b];
            }
        }

        @Override
        protected void doVjp(int batch, float[] params, float[] x, float[] gY, float[] gAux, float[] gX,
                             float[] grads, float[] y, float[] aux) {
            for (int b = 0; b < batch; b++) {
                if (gX != null) {
                    gX[b] = 2 * gY[b];
                }
                if (y != null) {
                    y[b] = 2 * x[b];
                }
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void growsToTheLargestBatchAndClosesTheKernelItReplaces() {
        List<Doubler> made = new ArrayList<>();
        KernelSlot<Doubler> slot = new KernelSlot<>(maxBatch -> {
            Doubler d = new Doubler(maxBatch);
            made.add(d);
            return d;
        });
        Doubler first = slot.forBatch(4);
        assertEquals(4, first.maxBatch());
        assertSame(first, slot.forBatch(1));
        assertSame(first, slot.forBatch(4));
        Doubler second = slot.forBatch(9);
        assertEquals(9, second.maxBatch());
        assertTrue(first.closed, "the replaced kernel is closed");
        assertSame(second, slot.forBatch(5));
        assertEquals(2, made.size());
        slot.close();
        assertTrue(second.closed);
        assertThrows(IllegalArgumentException.class, () -> slot.forBatch(0));
    }

    @Test
    void buildsAFamilysKernelForTheBackend() {
        OscillatorSpec spec = new OscillatorSpec(3, Topology.RING, 2, 0.5f);
        try (KernelSlot<OscillatorKernel> slot = new KernelSlot<>(OscillatorKernels.FAMILY, new ScalarBackend(), spec)) {
            OscillatorKernel k = slot.forBatch(2);
            assertEquals(BackendKind.SCALAR, k.kind());
            assertEquals(spec, k.spec());
            assertEquals(2, k.maxBatch());
        }
    }

    @Test
    void theContractChecksAKernelWithoutASecondOutput() {
        Doubler d = new Doubler(3);
        float[] y = new float[3];
        d.forward(3, new float[0], new float[] {1, 2, 3}, y, null);
        assertEquals(6f, y[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.forward(3, new float[0], new float[3], y, new float[3]));
        assertTrue(e.getMessage().contains("no second output"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> d.vjp(2, new float[0], new float[3], new float[] {1, Float.NaN}, null, null, null, null, null));
        assertTrue(e.getMessage().contains("gY[1, 0] = NaN"), e.getMessage());
        assertThrows(NullPointerException.class, () -> d.forward(1, null, new float[1], y, null));
    }
}
