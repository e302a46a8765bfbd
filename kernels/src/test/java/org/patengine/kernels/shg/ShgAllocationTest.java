package org.patengine.kernels.shg;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendTestSupport;
import org.patengine.kernels.simd.VectorWidth;
import org.patengine.testkit.AllocationProbe;

/**
 * The SHG kernels' steady state allocates nothing: after warm-up, windows of forward + VJP calls
 * (full and smaller batches, with and without the optional forward output of the VJP) leave the
 * allocated-bytes counters of the calling thread and of the pool threads unchanged
 * ({@link AllocationProbe}). The larger case splits the batch over the pool. Runs again in the
 * 128- and 256-bit SIMD executions of the build.
 */
class ShgAllocationTest {

    @AfterAll
    static void species() {
        System.out.println("ShgAllocationTest ran with " + VectorWidth.FLOAT);
    }

    @ParameterizedTest(name = "{0} complex={1} N={2} M={3} batch={4}")
    @CsvSource({
            "scalar, false, 7, 3, 5, 2000",
            "scalar, true, 16, 8, 5, 2000",
            "simd, false, 7, 3, 5, 3000",
            "simd, true, 17, 9, 5, 3000",
            "simd, true, 100, 50, 64, 200",
    })
    void steadyStateAllocatesNothing(String backend, boolean complexField, int n, int bins, int batch, int warmup) {
        BackendKind kind = BackendKind.parse(backend);
        BackendTestSupport.backendOrSkip(kind);
        ShgSpec spec = new ShgSpec(n, bins);
        ShgParams p = ShgFixtures.params(spec, 3, complexField);
        float[] m = ShgFixtures.modulation(batch, spec, 4);
        float[] gY = ShgFixtures.cotangent(batch, spec, 5);
        float[] y = new float[batch * bins], gM = new float[batch * n];
        try (ShgKernel k = ShgKernels.FAMILY.create(kind, spec, batch)) {
            Runnable calls = () -> {
                for (int i = 0; i < 20; i++) {
                    k.forward(i % 2 == 0 ? batch : batch - 1, p, m, y, null);
                    k.vjp(i % 2 == 0 ? batch : batch - 1, p, m, gY, null, gM, null, i % 3 == 0 ? null : y, null);
                }
            };
            for (int i = 0; i < warmup / 20; i++) {
                calls.run();
            }
            AllocationProbe.assertNoAllocation("20 forward + 20 vjp calls on " + backend, calls);
        }
    }
}
