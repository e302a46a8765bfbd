package org.patengine.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patengine.kernels.BackendTestSupport.backendOrSkip;
import static org.patengine.kernels.BackendTestSupport.random;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.patengine.testkit.AllocationProbe;

/**
 * The steady state allocates nothing: after warm-up (so that C2 has compiled the kernels and
 * scalar-replaced the vector objects), repeated calls of every operation — including large GEMMs
 * that go through the worker pool — allocate zero bytes on the calling thread and on the pool's
 * threads.
 */
class AllocationTest {

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"SCALAR", "SIMD", "OPENCL"})
    void steadyStateAllocatesNothing(BackendKind kind) {
        ComputeBackend be = backendOrSkip(kind);
        SplittableRandom r = new SplittableRandom(3);
        int big = 128; // 2·128³ flops: above SimdBackend's threshold, so it runs on the pool
        float[] a = random(r, big * big);
        float[] b = random(r, big * big);
        float[] c = new float[big * big];
        float[] v = random(r, 1003); // not a multiple of any vector length: the tails are measured too
        float[] w = random(r, 1003);
        Map<String, Runnable> ops = new LinkedHashMap<>();
        ops.put("gemm NN", () -> be.gemm(false, false, 13, 37, 11, 1f, a, 0, 11, b, 0, 37, 0f, c, 0, 37));
        ops.put("gemm NT", () -> be.gemm(false, true, 13, 37, 11, 1f, a, 0, 11, b, 0, 11, 1f, c, 0, 37));
        ops.put("gemm TN", () -> be.gemm(true, false, 13, 37, 11, 0.5f, a, 0, 13, b, 0, 37, 2f, c, 0, 37));
        ops.put("gemm 128 (pool)", () -> be.gemm(false, false, big, big, big, 1f, a, 0, big, b, 0, big, 0f, c, 0, big));
        ops.put("sin", () -> be.sin(1003, v, 0, w, 0));
        ops.put("cos", () -> be.cos(1003, v, 0, w, 0));
        ops.put("fma", () -> be.fma(1003, v, 0, v, 0, w, 0));
        ops.put("axpy", () -> be.axpy(1003, 0.5f, v, 0, w, 0));
        ops.put("scale", () -> be.scale(1003, 0.999f, w, 0));
        ops.put("sum", () -> be.sum(1003, w, 0));
        ops.put("columnSums", () -> be.columnSums(10, 100, v, 0, 100, w, 0));
        for (int i = 0; i < 3000; i++) {
            for (Map.Entry<String, Runnable> op : ops.entrySet()) {
                if (i % 10 == 0 || !op.getKey().contains("pool")) { // the big one is costly on scalar
                    op.getValue().run();
                }
            }
            if (i % 100 == 0) {
                be.scale(1003, 0f, w, 0); // keep w bounded
            }
        }
        // the calling thread and the pool's threads (which the big GEMM has started by now)
        AllocationProbe probe = AllocationProbe.of(AllocationProbe.POOL_PREFIX);
        Map<String, Long> allocating = new LinkedHashMap<>();
        for (Map.Entry<String, Runnable> op : ops.entrySet()) {
            long leftover = probe.leftover(() -> {
                for (int i = 0; i < 100; i++) {
                    op.getValue().run();
                }
            });
            if (leftover > 0) {
                allocating.put(op.getKey() + " (bytes in 100 calls)", leftover);
            }
        }
        assertTrue(allocating.isEmpty(), kind.id() + ": bytes per call still allocated after warm-up " + allocating
                + " (threads " + probe.threads() + ")");
    }
}
