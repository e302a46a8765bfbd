package org.patengine.kernels.opencl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendTestSupport;
import org.patengine.kernels.shg.ShgFixtures;
import org.patengine.kernels.shg.ShgParams;
import org.patengine.kernels.shg.ShgSpec;

/**
 * The OpenCL SHG kernel allocates nothing on the Java heap in the steady state: after warm-up,
 * forward and VJP calls at the full and a smaller batch, with and without the VJP's forward output,
 * allocate zero bytes on the calling thread (the only Java thread the kernel uses). Skips without
 * OpenCL; fails then under {@code -Dpat.requireBackend=opencl}.
 */
class OpenClShgAllocationTest {

    @ParameterizedTest(name = "complex={0}")
    @ValueSource(booleans = {false, true})
    void steadyStateAllocatesNothing(boolean complexField) {
        BackendTestSupport.backendOrSkip(BackendKind.OPENCL);
        int maxBatch = 5;
        ShgSpec spec = new ShgSpec(9, 4);
        ShgParams p = ShgFixtures.params(spec, 3, complexField);
        float[] m = ShgFixtures.modulation(maxBatch, spec, 4);
        float[] gY = ShgFixtures.cotangent(maxBatch, spec, 5);
        float[] y = new float[maxBatch * spec.bins()], gM = new float[maxBatch * spec.channels()];
        try (OpenClShgKernel k = new OpenClShgKernel(spec, maxBatch)) {
            Map<String, Runnable> ops = new LinkedHashMap<>();
            ops.put("forward", () -> k.forward(maxBatch, p, m, y, null));
            ops.put("forward batch 3", () -> k.forward(3, p, m, y, null));
            ops.put("vjp", () -> k.vjp(maxBatch, p, m, gY, null, gM, null, y, null));
            ops.put("vjp batch 2, no forward output", () -> k.vjp(2, p, m, gY, null, gM, null, null, null));
            OpenClTestSupport.assertOpsAllocateNothing("complex=" + complexField, ops, 2000);
        }
    }
}
