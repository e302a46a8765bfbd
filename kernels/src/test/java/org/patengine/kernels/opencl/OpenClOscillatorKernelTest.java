package org.patengine.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendTestSupport;
import org.patengine.kernels.ComputeBackend;
import org.patengine.kernels.osc.OscillatorFixtures;
import org.patengine.kernels.osc.OscillatorGradients;
import org.patengine.kernels.osc.OscillatorKernel;
import org.patengine.kernels.osc.OscillatorKernels;
import org.patengine.kernels.osc.OscillatorParams;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.ScalarOscillatorKernel;
import org.patengine.kernels.osc.Topology;

/**
 * The OpenCL oscillator kernel equals the scalar oracle: forward (q, q̇) and VJP (gX, the outputs
 * of the same run, and every parameter gradient) at awkward n and batch sizes, both topologies, with
 * and without damping, with and without a q̇ cotangent. One kernel per shape serves batches 1, 5 and
 * 33 in turn, so buffers sized for the largest batch are reused by the smaller ones.
 *
 * <p>Tolerance: the two differ by float rounding only (sin/cos within a few ulp, the products and
 * reductions summed in another order), which grows with the number of terms in a sum; so each array
 * is compared relative to its largest magnitude, within {@code 1e-6·√(terms)} where terms is the
 * length of the longest sum that feeds it (n for the states, 4·Nt·batch·n for the coupling
 * gradient), with a floor of 5e-6. (Observed on PoCL: at most 1.2e-6 relative, a tenth of the bound.)
 *
 * <p>Skips when OpenCL is unavailable; fails then under {@code -Dpat.requireBackend=opencl}.
 */
class OpenClOscillatorKernelTest {
    private static final int STEPS = 4;
    private static final float DURATION = 1.2f;
    private static final int[] BATCHES = {1, 5, 33};
    private static final int MAX_BATCH = 33;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Topology t : Topology.values()) {
            for (int n : new int[] {1, 3, 7, 16, 17, 100, 206}) {
                for (float gamma : new float[] {0f, 0.3f}) {
                    list.add(Arguments.of(t, n, gamma));
                }
            }
        }
        return list.stream();
    }

    private static void openClOrSkip() {
        BackendTestSupport.backendOrSkip(BackendKind.OPENCL);
    }

    /** Couplings ~ ±1/√n on all-to-all keep d = k + Σ_j J_ij of order 1 at every n. */
    private static OscillatorParams params(OscillatorSpec spec, long seed, float gamma) {
        float scale = spec.topology() == Topology.ALL_TO_ALL ? (float) (1 / Math.sqrt(spec.n())) : 0.6f;
        return OscillatorFixtures.randomParams(spec, seed, scale, gamma);
    }

    @ParameterizedTest(name = "{0} n={1} gamma={2}")
    @MethodSource("cases")
    void forwardAndVjpEqualScalar(Topology t, int n, float gamma) {
        openClOrSkip();
        OscillatorSpec spec = new OscillatorSpec(n, t, STEPS, DURATION);
        OscillatorParams p = params(spec, 100L * n + t.ordinal(), gamma);
        ScalarOscillatorKernel ref = new ScalarOscillatorKernel(spec, MAX_BATCH);
        try (OpenClOscillatorKernel ocl = new OpenClOscillatorKernel(spec, MAX_BATCH)) {
            for (int batch : BATCHES) {
                long seed = 7919L * n + batch;
                float[] x = OscillatorFixtures.uniform(batch * n, seed, 1.5f);
                float[] gQ = OscillatorFixtures.uniform(batch * n, seed + 1, 1f);
                float[] gV = OscillatorFixtures.uniform(batch * n, seed + 2, 1f);
                String where = t.id() + " n=" + n + " batch=" + batch + " gamma=" + gamma;
                long stateTerms = n;
                long gradTerms = (long) spec.stages() * batch * n;

                float[] q0 = new float[batch * n], v0 = new float[batch * n];
                float[] q1 = new float[batch * n], v1 = new float[batch * n];
                ref.forward(batch, p, x, q0, v0);
                ocl.forward(batch, p, x, q1, v1);
                assertClose(q0, q1, stateTerms, where + " forward q");
                assertClose(v0, v1, stateTerms, where + " forward qDot");

                for (boolean withGV : new boolean[] {false, true}) {
                    float[] gVOrNull = withGV ? gV : null;
                    String w = where + (withGV ? " gQDot" : " no gQDot");
                    float[] gx0 = new float[batch * n], gx1 = new float[batch * n];
                    OscillatorGradients g0 = new OscillatorGradients(spec), g1 = new OscillatorGradients(spec);
                    java.util.Arrays.fill(q1, Float.NaN); // the VJP must write its own forward outputs
                    java.util.Arrays.fill(v1, Float.NaN);
                    fillNaN(g1);
                    ref.vjp(batch, p, x, gQ, gVOrNull, gx0, g0, q0, v0);
                    ocl.vjp(batch, p, x, gQ, gVOrNull, gx1, g1, q1, v1);
                    assertClose(q0, q1, stateTerms, w + " vjp q");
                    assertClose(v0, v1, stateTerms, w + " vjp qDot");
                    assertClose(gx0, gx1, gradTerms / batch, w + " gX");
                    assertClose(g0.coupling, g1.coupling, gradTerms, w + " gJ");
                    assertClose(g0.k, g1.k, gradTerms / n, w + " gk");
                    assertClose(g0.e, g1.e, gradTerms / n, w + " ge");
                    assertClose(g0.a, g1.a, gradTerms / n, w + " ga");
                }
            }
        }
    }

    /**
     * The all-to-all coupling gradient summed from many split-K parts (forced by pretending the
     * device has 1000 compute units), including an uneven last part, equals the scalar one.
     */
    @Test
    void splitKGradientEqualsScalar() {
        openClOrSkip();
        int n = 17;
        int batch = 100;
        OscillatorSpec spec = new OscillatorSpec(n, Topology.ALL_TO_ALL, STEPS, DURATION);
        OscillatorParams p = params(spec, 31, 0.3f);
        float[] x = OscillatorFixtures.uniform(batch * n, 32, 1.5f);
        float[] gQ = OscillatorFixtures.uniform(batch * n, 33, 1f);
        OscillatorGradients g0 = new OscillatorGradients(spec), g1 = new OscillatorGradients(spec);
        new ScalarOscillatorKernel(spec, batch).vjp(batch, p, x, gQ, null, null, g0, null, null);
        try (OpenClOscillatorKernel k = new OpenClOscillatorKernel(spec, batch, OpenClContext.shared(), 1000)) {
            int rows = spec.stages() * batch;
            assertTrue(k.splits(rows) > 4, "splits " + k.splits(rows));
            k.vjp(batch, p, x, gQ, null, null, g1, null, null);
        }
        long terms = (long) spec.stages() * batch * n;
        assertClose(g0.coupling, g1.coupling, terms, "split-K gJ");
        assertClose(g0.k, g1.k, terms / n, "split-K gk");
    }

    private static void fillNaN(OscillatorGradients g) {
        java.util.Arrays.fill(g.coupling, Float.NaN);
        java.util.Arrays.fill(g.k, Float.NaN);
        java.util.Arrays.fill(g.e, Float.NaN);
        java.util.Arrays.fill(g.a, Float.NaN);
    }

    /** |actual − expected| ≤ tol·max(1, max|expected|) elementwise, tol = max(5e-6, 1e-6·√terms). */
    static void assertClose(float[] expected, float[] actual, long terms, String what) {
        OscillatorFixtures.assertCloseForTerms(what, expected, actual, terms);
    }

    @Test
    void factoryBuildsTheOpenClKernel() {
        openClOrSkip();
        ComputeBackend be = BackendTestSupport.backendOrSkip(BackendKind.OPENCL);
        OscillatorKernel k = OscillatorKernels.create(be, new OscillatorSpec(5, Topology.RING, 2, 0.5f), 3);
        try {
            assertInstanceOf(OpenClOscillatorKernel.class, k);
            assertEquals(BackendKind.OPENCL, k.kind());
            assertEquals(3, k.maxBatch());
        } finally {
            k.close();
        }
    }

    @Test
    void badInputIsRejectedLikeTheScalarKernel() {
        openClOrSkip();
        OscillatorSpec spec = new OscillatorSpec(4, Topology.ALL_TO_ALL, 2, 0.5f);
        OscillatorParams p = params(spec, 5, 0f);
        try (OpenClOscillatorKernel k = new OpenClOscillatorKernel(spec, 3)) {
            float[] x = new float[12];
            float[] q = new float[12];
            assertMessage(IllegalArgumentException.class, "batch = 4", () -> k.forward(4, p, x, q, null));
            assertMessage(IllegalArgumentException.class, "batch = 0", () -> k.forward(0, p, x, q, null));
            assertMessage(IllegalArgumentException.class, "x has length 7",
                    () -> k.forward(2, p, new float[7], q, null));
            float[] xNaN = x.clone();
            xNaN[5] = Float.NaN;
            assertMessage(IllegalArgumentException.class, "x[1, 1] = NaN", () -> k.forward(2, p, xNaN, q, null));
            OscillatorParams nanK = params(spec, 5, 0f);
            nanK.k[1] = Float.NaN; // J's O(n²) checks are OscillatorParams.validate()'s (OscillatorKernelInputTest)
            assertMessage(IllegalArgumentException.class, "k[1] = NaN", () -> k.forward(2, nanK, x, q, null));
            float[] gQ = new float[12];
            gQ[3] = Float.POSITIVE_INFINITY;
            assertMessage(IllegalArgumentException.class, "gQ[0, 3] = Infinity",
                    () -> k.vjp(2, p, x, gQ, null, null, null, null, null));
            assertMessage(NullPointerException.class, "gQ is null",
                    () -> k.vjp(2, p, x, null, null, null, null, null, null));
            // still usable after the rejected calls
            k.forward(3, p, x, q, null);
            k.close();
            assertMessage(IllegalStateException.class, "closed", () -> k.forward(1, p, x, q, null));
        }
    }

    @Test
    void divergenceIsReportedLikeTheScalarKernel() {
        openClOrSkip();
        OscillatorSpec spec = new OscillatorSpec(3, Topology.RING, 3, 3f);
        OscillatorParams p = params(spec, 9, 0f);
        java.util.Arrays.fill(p.k, -3e38f); // an enormous negative stiffness: the RK4 sums overflow at once
        float[] x = OscillatorFixtures.uniform(6, 1, 1f);
        float[] q = new float[6];
        float[] gQ = OscillatorFixtures.uniform(6, 2, 1f);
        ScalarOscillatorKernel ref = new ScalarOscillatorKernel(spec, 2);
        assertThrows(ArithmeticException.class, () -> ref.forward(2, p, x, q, null));
        try (OpenClOscillatorKernel k = new OpenClOscillatorKernel(spec, 2)) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> k.forward(2, p, x, q, null));
            assertTrue(e.getMessage().startsWith("oscillator simulation diverged: q[0, 0]"), e.getMessage());
            assertThrows(ArithmeticException.class, () -> k.vjp(2, p, x, gQ, null, new float[6], null, null, null));
        }
    }

    private static void assertMessage(Class<? extends Throwable> type, String part,
                                      org.junit.jupiter.api.function.Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(part),
                "expected a message containing '" + part + "', was: " + e.getMessage());
    }
}
