package org.patengine.sim.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.patengine.kernels.ScalarBackend;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.Topology;
import org.patengine.sim.Rng;
import org.patengine.testkit.AllocationProbe;

/**
 * The hardware's steady state allocates nothing with every stage of its I/O chain on: after
 * warm-up, a window of hardware calls and exact-model VJPs allocates nothing on the calling thread
 * or the kernels' pool threads ({@link AllocationProbe}: windows retried for a bounded time while the
 * JIT settles; a real allocation fails every window). Scalar backend: the kernels' own allocation
 * tests cover the others.
 */
class HardwareAllocationTest {
    @Test
    void steadyStateAllocatesNothing() {
        int n = 7, batch = 5;
        OscillatorSpec spec = new OscillatorSpec(n, Topology.ALL_TO_ALL, 5, 0.5f);
        Nonidealities k = Nonidealities.paperGap(3).withStiffnessSpread(0.1f).withReadoutNoise(0.01f).withDrift(0.001f)
                .withDac(10, 2f).withAdc(12, 3f);
        OscillatorSystem hw = new OscillatorSystem(spec, 0f, k, new ScalarBackend());
        float[] th = OscillatorSystemTest.theta(hw.layout(), 1);
        Rng r = new Rng(2);
        float[] x = new float[batch * n], gY = new float[batch * n], y = new float[batch * n], gX = new float[batch * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.uniform(-1, 1);
            gY[i] = r.uniform(-1, 1);
        }
        float[] gT = new float[th.length];
        Runnable calls = () -> {
            for (int i = 0; i < 20; i++) {
                hw.forward(i % 2 == 0 ? batch : batch - 1, x, th, y);
                hw.exactModel().vjp(batch, x, th, gY, gX, gT);
            }
        };
        for (int i = 0; i < 100; i++) {
            calls.run();
        }
        long leftover = AllocationProbe.of(AllocationProbe.POOL_PREFIX).leftover(calls);
        assertEquals(0, leftover, "bytes allocated by 20 hardware calls + 20 exact VJPs, in the best window");
    }
}
