package org.patengine.kernels.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendTestSupport;
import org.patengine.kernels.Covers;

/**
 * The oscillator family's equivalence test: the kernel that {@link OscillatorKernels#FAMILY} builds
 * for every accelerated backend equals the scalar oracle, forward (q, q̇) and VJP (gX, the outputs
 * of the same run, every parameter gradient, with and without a q̇ cotangent), at awkward sizes
 * (single oscillators and rows, vector and tile tails) and at a batch below the kernel's maxBatch.
 *
 * <p>Tolerance: {@link OscillatorFixtures#assertCloseForTerms} (float rounding only, growing with the
 * length of the longest sum that feeds an array).
 * Backends that cannot run here are skipped (fail under {@code -Dpat.requireBackend}).
 */
class OscillatorKernelEquivalenceTest {
    private static final int STEPS = 5;
    private static final float DURATION = 0.5f;

    static Stream<Arguments> cases() {
        int[][] nb = {{1, 1}, {2, 3}, {7, 5}, {16, 17}, {17, 16}, {33, 9}, {65, 31}};
        List<Arguments> list = new ArrayList<>();
        for (BackendKind kind : new BackendKind[] {BackendKind.SIMD, BackendKind.OPENCL}) {
            for (Topology t : Topology.values()) {
                for (int[] s : nb) {
                    list.add(Arguments.of(kind, t, s[0], s[1]));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} n={2} batch={3}")
    @MethodSource("cases")
    @Covers("oscillators")
    void equalsTheScalarOracle(BackendKind kind, Topology t, int n, int batch) {
        BackendTestSupport.backendOrSkip(kind);
        OscillatorSpec spec = new OscillatorSpec(n, t, STEPS, DURATION);
        float scale = t == Topology.ALL_TO_ALL ? (float) (1 / Math.sqrt(n)) : 0.6f;
        OscillatorParams p = OscillatorFixtures.randomParams(spec, 97L * n + batch, scale, 0.2f);
        float[] x = OscillatorFixtures.uniform(batch * n, 11L * n + batch, 1.5f);
        float[] gQ = OscillatorFixtures.uniform(batch * n, 13L * n, 1f);
        float[] gV = OscillatorFixtures.uniform(batch * n, 17L * n, 1f);
        int maxBatch = batch + 2;
        int len = batch * n;
        long stateTerms = n;
        long gradTerms = (long) spec.stages() * batch * n;
        try (OscillatorKernel oracle = OscillatorKernels.FAMILY.create(BackendKind.SCALAR, spec, maxBatch);
             OscillatorKernel k = OscillatorKernels.FAMILY.create(kind, spec, maxBatch)) {
            assertEquals(kind, k.kind());
            assertEquals(maxBatch, k.maxBatch());
            assertEquals(spec, k.spec());
            float[] q0 = new float[len], v0 = new float[len], q1 = new float[len], v1 = new float[len];
            oracle.forward(batch, p, x, q0, v0);
            k.forward(batch, p, x, q1, v1);
            close("forward q", q0, q1, stateTerms);
            close("forward qDot", v0, v1, stateTerms);
            for (float[] gVOrNull : new float[][] {gV, null}) {
                String w = gVOrNull == null ? " (no gQDot)" : "";
                float[] gX0 = new float[len], gX1 = new float[len];
                OscillatorGradients g0 = new OscillatorGradients(spec), g1 = new OscillatorGradients(spec);
                Arrays.fill(q1, Float.NaN); // the VJP must write its own forward outputs
                Arrays.fill(v1, Float.NaN);
                Arrays.fill(g1.coupling, Float.NaN); // and overwrite every gradient
                Arrays.fill(g1.k, Float.NaN);
                oracle.vjp(batch, p, x, gQ, gVOrNull, gX0, g0, q0, v0);
                k.vjp(batch, p, x, gQ, gVOrNull, gX1, g1, q1, v1);
                close("vjp q" + w, q0, q1, stateTerms);
                close("vjp qDot" + w, v0, v1, stateTerms);
                close("gX" + w, gX0, gX1, gradTerms / batch);
                close("gCoupling" + w, g0.coupling, g1.coupling, gradTerms);
                close("gk" + w, g0.k, g1.k, gradTerms / n);
                close("ge" + w, g0.e, g1.e, gradTerms / n);
                close("ga" + w, g0.a, g1.a, gradTerms / n);
            }
        }
    }

    private static void close(String what, float[] expected, float[] actual, long terms) {
        OscillatorFixtures.assertCloseForTerms(what, expected, actual, terms);
    }
}
