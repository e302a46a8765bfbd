package org.patengine.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patengine.kernels.BackendTestSupport.random;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.patengine.kernels.ScalarBackend;

/**
 * Device buffers are allocated once, grow only when a call needs more, and are reused by smaller
 * calls; results stay correct when sizes change from call to call.
 */
class OpenClBufferReuseTest {
    private static final ScalarBackend ORACLE = new ScalarBackend();

    @Test
    void bufferGrowsByAtLeastHalfAndNeverShrinks() {
        OpenClContext cl = OpenClTestSupport.contextOrSkip();
        try (OpenClBuffer b = new OpenClBuffer(cl, "test buffer", 100)) {
            assertEquals(1, b.allocations());
            b.ensureCapacity(100);
            b.ensureCapacity(7);
            assertEquals(1, b.allocations());
            b.ensureCapacity(101);
            assertEquals(2, b.allocations());
            assertEquals(150, b.capacity());
            b.ensureCapacity(1000);
            assertEquals(1000, b.capacity());
            b.ensureCapacity(1000);
            assertEquals(3, b.allocations());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.ensureCapacity(cl.device().maxAllocBytes()));
            assertTrue(e.getMessage().contains("test buffer") && e.getMessage().contains("largest allocation"), e.getMessage());
            b.close();
            IllegalStateException closed = assertThrows(IllegalStateException.class, b::mem);
            assertTrue(closed.getMessage().contains("test buffer"), closed.getMessage());
        }
    }

    @Test
    void gemmReusesBuffersAcrossMixedSizesAndStaysCorrect() {
        OpenClContext cl = OpenClTestSupport.contextOrSkip();
        SplittableRandom r = new SplittableRandom(11);
        try (OpenClBackend be = new OpenClBackend(cl)) {
            int initial = be.bufferAllocations();
            checkGemm(be, r, 40);
            checkGemm(be, r, 40);
            assertEquals(initial, be.bufferAllocations(), "40x43 fits the initial buffers");
            checkGemm(be, r, 200);
            int grown = be.bufferAllocations();
            assertTrue(grown > initial, "200x200 must grow the buffers");
            long[] caps = be.bufferCapacities();
            for (int s : new int[] {17, 200, 1, 129, 200, 3}) {
                checkGemm(be, r, s);
            }
            assertEquals(grown, be.bufferAllocations(), "no call up to the largest size grows again");
            assertEquals(caps[0], be.bufferCapacities()[0]);
        }
    }

    @Test
    void elementwiseAndReductionsInterleavedWithGemmStayCorrect() {
        OpenClContext cl = OpenClTestSupport.contextOrSkip();
        SplittableRandom r = new SplittableRandom(12);
        try (OpenClBackend be = new OpenClBackend(cl)) {
            for (int n : new int[] {100_003, 5, 4096, 4097, 1, 70_000}) {
                float[] x = random(r, n), y = random(r, n), yRef = y.clone();
                be.axpy(n, 0.25f, x, 0, y, 0);
                ORACLE.axpy(n, 0.25f, x, 0, yRef, 0);
                for (int i = 0; i < n; i++) {
                    assertEquals(yRef[i], y[i], 2e-7f * (Math.abs(yRef[i]) + 1), "axpy n=" + n + " at " + i);
                }
                double abs = 0;
                for (float v : x) {
                    abs += Math.abs(v);
                }
                assertEquals(ORACLE.sum(n, x, 0), be.sum(n, x, 0), 2.0 * (n + 1) * Math.ulp(1f) * abs, "sum n=" + n);
                checkGemm(be, r, n % 97 + 1);
                int rows = Math.max(1, n / 1000), cols = n / rows;
                float[] got = new float[cols], ref = new float[cols];
                be.columnSums(rows, cols, x, 0, cols, got, 0);
                ORACLE.columnSums(rows, cols, x, 0, cols, ref, 0);
                for (int j = 0; j < cols; j++) {
                    assertEquals(ref[j], got[j], 2f * (rows + 1) * Math.ulp(1f) * rows, "columnSums n=" + n + " at " + j);
                }
            }
        }
    }

    @Test
    void aClosedBackendRefusesWork() {
        OpenClContext cl = OpenClTestSupport.contextOrSkip();
        OpenClBackend be = new OpenClBackend(cl);
        be.close();
        be.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> be.scale(3, 2f, new float[3], 0));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    private static void checkGemm(OpenClBackend be, SplittableRandom r, int s) {
        int m = s, n = s + 3, k = s + 1;
        float[] a = random(r, m * k), b = random(r, n * k);
        float[] c = random(r, m * n), ref = c.clone();
        be.gemm(false, true, m, n, k, 1.5f, a, 0, k, b, 0, k, 0.5f, c, 0, n);
        ORACLE.gemm(false, true, m, n, k, 1.5f, a, 0, k, b, 0, k, 0.5f, ref, 0, n);
        for (int i = 0; i < c.length; i++) {
            float tol = 2f * (k + 2) * Math.ulp(1f) * (1.5f * k + 0.5f);
            assertEquals(ref[i], c[i], tol, "gemm " + m + "x" + n + "x" + k + " at " + i);
        }
    }
}
