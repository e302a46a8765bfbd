package org.patengine.kernels.opencl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendTestSupport;
import org.patengine.kernels.osc.OscillatorFixtures;
import org.patengine.kernels.osc.OscillatorGradients;
import org.patengine.kernels.osc.OscillatorParams;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.Topology;

/**
 * The OpenCL oscillator kernel allocates nothing on the Java heap in the steady state: after
 * warm-up (C2 has compiled the call paths), repeated forward and VJP calls, at the full and a smaller
 * batch, with and without the optional outputs and cotangents, allocate zero bytes on the calling
 * thread (the only Java thread the kernel uses). Skips without OpenCL; fails then under
 * {@code -Dpat.requireBackend=opencl}.
 */
class OpenClOscillatorAllocationTest {

    @ParameterizedTest
    @EnumSource(Topology.class)
    void steadyStateAllocatesNothing(Topology t) {
        BackendTestSupport.backendOrSkip(BackendKind.OPENCL);
        int n = 7;
        int maxBatch = 5;
        OscillatorSpec spec = new OscillatorSpec(n, t, 2, 0.5f);
        OscillatorParams p = OscillatorFixtures.randomParams(spec, 3, 0.4f, 0.2f);
        float[] x = OscillatorFixtures.uniform(maxBatch * n, 4, 1f);
        float[] gQ = OscillatorFixtures.uniform(maxBatch * n, 5, 1f);
        float[] gV = OscillatorFixtures.uniform(maxBatch * n, 6, 1f);
        float[] q = new float[maxBatch * n], v = new float[maxBatch * n], gX = new float[maxBatch * n];
        OscillatorGradients g = new OscillatorGradients(spec);
        try (OpenClOscillatorKernel k = new OpenClOscillatorKernel(spec, maxBatch)) {
            Map<String, Runnable> ops = new LinkedHashMap<>();
            ops.put("forward", () -> k.forward(maxBatch, p, x, q, v));
            ops.put("forward batch 3, q only", () -> k.forward(3, p, x, q, null));
            ops.put("vjp", () -> k.vjp(maxBatch, p, x, gQ, gV, gX, g, q, v));
            ops.put("vjp batch 2, gQ only, no parameter gradients", () -> k.vjp(2, p, x, gQ, null, gX, null, null, null));
            OpenClTestSupport.assertOpsAllocateNothing(t.id(), ops, 2000);
        }
    }
}
