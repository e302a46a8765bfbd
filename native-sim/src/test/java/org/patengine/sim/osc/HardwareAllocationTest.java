package org.patengine.sim.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.patengine.kernels.ScalarBackend;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.Topology;
import org.patengine.sim.Rng;

/**
 * The hardware's steady state allocates nothing with every stage of its I/O chain on: after
 * warm-up, a window of hardware calls and exact-model VJPs leaves the thread's allocated-bytes
 * counter unchanged (retried for a bounded time while the JIT settles; a real allocation fails
 * every window). Scalar backend: the kernels' own allocation tests cover the others.
 */
class HardwareAllocationTest {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

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
        long tid = Thread.currentThread().threadId();
        long overhead = MX.getThreadAllocatedBytes(tid) - MX.getThreadAllocatedBytes(tid);
        long leftover = -1;
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int attempt = 0; leftover != 0 && (attempt < 5 || System.nanoTime() < deadline); attempt++) {
            long before = MX.getThreadAllocatedBytes(tid);
            calls.run();
            leftover = Math.max(0, MX.getThreadAllocatedBytes(tid) - before - overhead);
        }
        assertEquals(0, leftover, "bytes allocated by 20 hardware calls + 20 exact VJPs, in the best window");
    }
}
