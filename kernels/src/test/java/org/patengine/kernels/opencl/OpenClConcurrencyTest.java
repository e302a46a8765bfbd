package org.patengine.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patengine.kernels.BackendTestSupport.random;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendTestSupport;
import org.patengine.kernels.ComputeBackend;
import org.patengine.kernels.ScalarBackend;

/** Several threads sharing the process-wide backend get the same results as alone. */
class OpenClConcurrencyTest {

    @Test
    void concurrentCallsOfDifferentSizesStayCorrect() throws Exception {
        ComputeBackend be = BackendTestSupport.backendOrSkip(BackendKind.OPENCL);
        ScalarBackend oracle = new ScalarBackend();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int size = 20 + 45 * t; // each thread its own sizes, so the shared buffers keep changing shape
                SplittableRandom r = new SplittableRandom(t);
                done.add(pool.submit(() -> {
                    float[] a = random(r, size * size), b = random(r, size * size);
                    float[] ref = new float[size * size];
                    oracle.gemm(true, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, ref, 0, size);
                    float refSum = oracle.sum(a.length, a, 0);
                    for (int i = 0; i < 30; i++) {
                        float[] c = new float[size * size];
                        be.gemm(true, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, c, 0, size);
                        for (int j = 0; j < c.length; j++) {
                            assertEquals(ref[j], c[j], 4e-7f * size * (size + 2), "size " + size + " element " + j);
                        }
                        assertEquals(refSum, be.sum(a.length, a, 0), 4e-7f * a.length, "sum of " + a.length);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
