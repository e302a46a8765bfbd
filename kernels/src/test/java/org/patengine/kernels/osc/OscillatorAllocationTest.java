package org.patengine.kernels.osc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendTestSupport;
import org.patengine.kernels.simd.VectorWidth;
import org.patengine.testkit.AllocationProbe;

/**
 * The steady state allocates nothing: after warm-up, windows of forward + VJP calls leave the
 * allocated-bytes counters of the calling thread and of the kernels' pool threads unchanged
 * ({@link AllocationProbe}). The larger all-to-all case is big enough for the SIMD kernel to split
 * the batch over the pool. Runs again in the 128- and 256-bit SIMD executions of the build, so the
 * SIMD kernel is checked at every vector width.
 */
class OscillatorAllocationTest {

    @AfterAll
    static void species() {
        System.out.println("OscillatorAllocationTest ran with " + VectorWidth.FLOAT);
    }

    @ParameterizedTest(name = "{0} {1} n={2} batch={3}")
    @CsvSource({
            "scalar, ALL_TO_ALL, 7, 5, 2000",
            "scalar, RING, 7, 5, 2000",
            "simd, ALL_TO_ALL, 7, 5, 3000",
            "simd, RING, 9, 5, 3000",
            "simd, ALL_TO_ALL, 48, 64, 300",
    })
    void steadyStateAllocatesNothing(String backend, Topology t, int n, int batch, int warmup) {
        BackendKind kind = BackendKind.parse(backend);
        BackendTestSupport.backendOrSkip(kind);
        OscillatorSpec spec = new OscillatorSpec(n, t, 5, 0.5f);
        OscillatorKernel k = OscillatorKernels.FAMILY.create(kind, spec, batch);
        OscillatorParams p = OscillatorFixtures.randomParams(spec, 3, 0.3f, 0.1f);
        float[] x = OscillatorFixtures.uniform(batch * n, 4, 1f);
        float[] gQ = OscillatorFixtures.uniform(batch * n, 5, 1f);
        float[] q = new float[batch * n], v = new float[batch * n], gX = new float[batch * n];
        OscillatorGradients g = new OscillatorGradients(spec);
        Runnable calls = () -> {
            for (int i = 0; i < 20; i++) {
                k.forward(batch, p, x, q, v);
                k.vjp(i % 2 == 0 ? batch : batch - 1, p, x, gQ, gQ, gX, g, q, null);
            }
        };
        for (int i = 0; i < warmup / 20; i++) {
            calls.run();
        }
        AllocationProbe.assertNoAllocation("20 forward + 20 vjp calls on " + backend, calls);
    }
}
