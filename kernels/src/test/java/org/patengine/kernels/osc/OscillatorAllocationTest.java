package org.patengine.kernels.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The steady state allocates nothing: after warm-up (enough calls for C2 to compile the hot loops),
 * forward and VJP calls leave the calling thread's allocated-bytes counter unchanged. The larger
 * all-to-all case is big enough for the SIMD kernel to split the batch over the worker pool.
 */
class OscillatorAllocationTest {

    @ParameterizedTest(name = "{0} {1} n={2} batch={3}")
    @CsvSource({
            "scalar, ALL_TO_ALL, 7, 5, 3000",
            "scalar, RING, 7, 5, 3000",
            "simd, ALL_TO_ALL, 7, 5, 4000",
            "simd, RING, 9, 5, 4000",
            "simd, ALL_TO_ALL, 48, 64, 400",
    })
    void steadyStateAllocatesNothing(String name, Topology t, int n, int batch, int warmup) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        OscillatorSpec spec = new OscillatorSpec(n, t, 5, 0.5f);
        OscillatorKernel k = OscillatorGradientTest.kernel(name, spec, batch);
        OscillatorParams p = OscillatorFixtures.randomParams(spec, 3, 0.3f, 0.1f);
        float[] x = OscillatorFixtures.uniform(batch * n, 4, 1f);
        float[] gQ = OscillatorFixtures.uniform(batch * n, 5, 1f);
        float[] q = new float[batch * n], v = new float[batch * n], gX = new float[batch * n];
        OscillatorGradients g = new OscillatorGradients(spec);
        for (int i = 0; i < warmup; i++) {
            k.forward(batch, p, x, q, v);
            k.vjp(i % 2 == 0 ? batch : batch - 1, p, x, gQ, gQ, gX, g, q, null);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 50; i++) {
            k.forward(batch, p, x, q, v);
            k.vjp(i % 2 == 0 ? batch : batch - 1, p, x, gQ, gQ, gX, g, q, null);
        }
        long after = mx.getCurrentThreadAllocatedBytes();
        assertEquals(0, after - before, "bytes allocated by 50 forward + 50 vjp calls");
    }
}
