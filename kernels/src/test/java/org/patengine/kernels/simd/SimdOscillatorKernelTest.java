package org.patengine.kernels.simd;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.patengine.kernels.osc.OscillatorFixtures;
import org.patengine.kernels.osc.OscillatorGradients;
import org.patengine.kernels.osc.OscillatorParams;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.ScalarOscillatorKernel;
import org.patengine.kernels.osc.Topology;
import org.patengine.testkit.Tolerance;

/**
 * The SIMD kernel equals the scalar oracle, forward and VJP, at awkward sizes (tails of every
 * length, single rows, single oscillators), single-threaded and split over 2 and 3 threads. The
 * build runs it also at 128 and 256 bits ({@code -Dpat.vectorBitSize}) to cover narrow vectors.
 */
class SimdOscillatorKernelTest {
    private static final WorkerPool POOL3 = new WorkerPool(3, "test-osc");

    @AfterAll
    static void species() {
        System.out.println("SimdOscillatorKernelTest ran with " + VectorWidth.FLOAT);
    }

    static Stream<Arguments> sizes() {
        int[][] nb = {{1, 1}, {1, 5}, {3, 7}, {7, 3}, {16, 17}, {17, 16}, {9, 1}, {33, 100}, {100, 3}, {100, 100}};
        List<Arguments> list = new ArrayList<>();
        for (Topology t : Topology.values()) {
            for (int[] s : nb) {
                for (String threads : new String[] {"1", "shared", "3"}) {
                    if (!threads.equals("1") && s[1] < 7) {
                        continue;
                    }
                    list.add(Arguments.of(t, s[0], s[1], threads));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} n={1} batch={2} threads={3}")
    @MethodSource("sizes")
    void simdEqualsScalarForwardAndVjp(Topology t, int n, int batch, String threads) {
        OscillatorSpec spec = new OscillatorSpec(n, t, 5, 0.5f);
        OscillatorParams p = OscillatorFixtures.randomParams(spec, 31L * n + batch, 0.8f, 0.1f);
        float[] x = OscillatorFixtures.uniform(batch * n, 7L * n + batch, 2f);
        float[] gQ = OscillatorFixtures.uniform(batch * n, 3L * n, 1f);
        float[] gV = OscillatorFixtures.uniform(batch * n, 5L * n, 1f);
        int maxBatch = batch + 3; // a batch smaller than the workspace
        ScalarOscillatorKernel scalar = new ScalarOscillatorKernel(spec, maxBatch);
        SimdOscillatorKernel simd = switch (threads) {
            case "1" -> new SimdOscillatorKernel(spec, maxBatch, null);
            case "3" -> new SimdOscillatorKernel(spec, maxBatch, POOL3);
            default -> new SimdOscillatorKernel(spec, maxBatch);
        };
        int len = batch * n;
        float[] q0 = new float[len], v0 = new float[len], q1 = new float[len], v1 = new float[len];
        scalar.forward(batch, p, x, q0, v0);
        simd.forward(batch, p, x, q1, v1);
        close("forward q", q0, q1, 2e-6);
        close("forward qDot", v0, v1, 2e-6);

        float[] gX0 = new float[len], gX1 = new float[len];
        OscillatorGradients g0 = new OscillatorGradients(spec), g1 = new OscillatorGradients(spec);
        float[] qv0 = new float[len], qv1 = new float[len];
        scalar.vjp(batch, p, x, gQ, gV, gX0, g0, qv0, null);
        for (int rep = 0; rep < 2; rep++) { // twice: every output must be overwritten, not accumulated
            simd.vjp(batch, p, x, gQ, gV, gX1, g1, qv1, null);
        }
        close("vjp forward q", q0, qv1, 2e-6);
        close("gX", gX0, gX1, 2e-5);
        close("gCoupling", g0.coupling, g1.coupling, 2e-5);
        close("gk", g0.k, g1.k, 2e-5);
        close("ge", g0.e, g1.e, 2e-5);
        close("ga", g0.a, g1.a, 2e-5);

        // gQDot = null means zero
        simd.vjp(batch, p, x, gQ, null, gX1, g1, null, null);
        scalar.vjp(batch, p, x, gQ, null, gX0, g0, null, null);
        close("gX without gQDot", gX0, gX1, 2e-5);
        close("gCoupling without gQDot", g0.coupling, g1.coupling, 2e-5);
    }

    /** |a − b| ≤ tol·(max|a| + 1) elementwise, i.e. relative to the array's scale (a: scalar, b: simd). */
    static void close(String what, float[] a, float[] b, double tol) {
        Tolerance.assertClose(what, a, b, tol * (Tolerance.maxAbs(a) + 1), 0);
    }
}
