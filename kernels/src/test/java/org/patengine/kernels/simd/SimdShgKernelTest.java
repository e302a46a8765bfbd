package org.patengine.kernels.simd;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.patengine.kernels.shg.ScalarShgKernel;
import org.patengine.kernels.shg.ShgFixtures;
import org.patengine.kernels.shg.ShgParams;
import org.patengine.kernels.shg.ShgSpec;
import org.patengine.testkit.Tolerance;

/**
 * The SIMD SHG kernel equals the scalar oracle, forward and VJP, single-threaded and split over 2
 * (the shared pool) and 3 threads, at sizes where the batch splits unevenly and the pairs of samples
 * of a block have an odd one out. The build runs it also at 128 and 256 bits.
 */
class SimdShgKernelTest {
    private static final WorkerPool POOL3 = new WorkerPool(3, "test-shg");

    @AfterAll
    static void species() {
        System.out.println("SimdShgKernelTest ran with " + VectorWidth.FLOAT);
    }

    static Stream<Arguments> sizes() {
        int[][] nmb = {{1, 1, 1}, {2, 1, 7}, {5, 2, 3}, {16, 16, 17}, {17, 5, 16}, {33, 7, 100}, {100, 50, 9}, {64, 32, 33}};
        List<Arguments> list = new ArrayList<>();
        for (boolean complexField : new boolean[] {false, true}) {
            for (int[] s : nmb) {
                for (String threads : new String[] {"1", "shared", "3"}) {
                    list.add(Arguments.of(complexField, s[0], s[1], s[2], threads));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "complex={0} N={1} M={2} batch={3} threads={4}")
    @MethodSource("sizes")
    void simdEqualsScalarForwardAndVjp(boolean complexField, int n, int bins, int batch, String threads) {
        ShgSpec spec = new ShgSpec(n, bins);
        ShgParams p = ShgFixtures.params(spec, 13L * n + batch, complexField);
        float[] m = ShgFixtures.modulation(batch, spec, 7L * n + batch);
        float[] gY = ShgFixtures.cotangent(batch, spec, 3L * n + batch);
        int maxBatch = batch + 3;
        ScalarShgKernel scalar = new ScalarShgKernel(spec, maxBatch);
        SimdShgKernel simd = switch (threads) {
            case "1" -> new SimdShgKernel(spec, maxBatch, null);
            case "3" -> new SimdShgKernel(spec, maxBatch, POOL3);
            default -> new SimdShgKernel(spec, maxBatch);
        };
        float[] y0 = new float[batch * bins], y1 = new float[batch * bins];
        scalar.forward(batch, p, m, y0, null);
        simd.forward(batch, p, m, y1, null);
        double tol = 1e-5 * Math.max(1, spec.pairTerms() / n);
        close("forward y", y0, y1, tol);

        float[] g0 = new float[batch * n], g1 = new float[batch * n];
        float[] yv0 = new float[batch * bins], yv1 = new float[batch * bins];
        scalar.vjp(batch, p, m, gY, null, g0, null, yv0, null);
        for (int rep = 0; rep < 2; rep++) { // twice: outputs are overwritten, not accumulated
            simd.vjp(batch, p, m, gY, null, g1, null, yv1, null);
        }
        close("vjp forward y", y0, yv1, tol);
        close("gM", g0, g1, tol);
    }

    /** |a − b| ≤ tol·(max|a| + 1) elementwise (a: scalar, b: simd). */
    static void close(String what, float[] a, float[] b, double tol) {
        Tolerance.assertClose(what, a, b, tol * (Tolerance.maxAbs(a) + 1), 0);
    }
}
