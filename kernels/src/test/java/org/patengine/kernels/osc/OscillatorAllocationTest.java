package org.patengine.kernels.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The steady state allocates nothing: after warm-up, windows of forward + VJP calls leave the
 * allocated-bytes counters of the calling thread and of the oscillator pool's threads unchanged.
 * The larger all-to-all case is big enough for the SIMD kernel to split the batch over the pool.
 *
 * <p>Until C2 has compiled a vector loop its vectors are boxed; on a loaded machine that can take
 * a while, so windows are retried for a bounded time. A kernel that really allocates fails every
 * window.
 */
class OscillatorAllocationTest {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @ParameterizedTest(name = "{0} {1} n={2} batch={3}")
    @CsvSource({
            "scalar, ALL_TO_ALL, 7, 5, 2000",
            "scalar, RING, 7, 5, 2000",
            "simd, ALL_TO_ALL, 7, 5, 3000",
            "simd, RING, 9, 5, 3000",
            "simd, ALL_TO_ALL, 48, 64, 300",
    })
    void steadyStateAllocatesNothing(String name, Topology t, int n, int batch, int warmup) {
        OscillatorSpec spec = new OscillatorSpec(n, t, 5, 0.5f);
        OscillatorKernel k = OscillatorGradientTest.kernel(name, spec, batch);
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
        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.currentThread());
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (th.getName().startsWith("pat-osc")) {
                threads.add(th);
            }
        }
        long overhead = window(threads, () -> { });
        long leftover = -1;
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int attempt = 0; leftover != 0 && (attempt < 5 || System.nanoTime() < deadline); attempt++) {
            leftover = Math.max(0, window(threads, calls) - overhead);
        }
        assertEquals(0, leftover, "bytes allocated by 20 forward + 20 vjp calls, in the best window");
    }

    /** Bytes allocated by all {@code threads} while {@code work} runs. */
    private static long window(List<Thread> threads, Runnable work) {
        long before = 0;
        for (Thread th : threads) {
            before += MX.getThreadAllocatedBytes(th.threadId());
        }
        work.run();
        long after = 0;
        for (Thread th : threads) {
            after += MX.getThreadAllocatedBytes(th.threadId());
        }
        return after - before;
    }
}
