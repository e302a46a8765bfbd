package org.patengine.kernels.osc;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patengine.kernels.BackendKind;

/** Bad arguments and diverging simulations give exceptions that name the argument and value. */
class OscillatorKernelInputTest {
    private static final int N = 4, BATCH = 3;

    private static void expect(Class<? extends Throwable> type, Executable call, String... fragments) {
        Throwable t = assertThrows(type, call);
        for (String f : fragments) {
            assertTrue(t.getMessage().contains(f), "message '" + t.getMessage() + "' should mention '" + f + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void badArgumentsAreNamed(String name) {
        OscillatorSpec spec = new OscillatorSpec(N, Topology.ALL_TO_ALL, 5, 0.5f);
        OscillatorKernel k = OscillatorGradientTest.kernel(name, spec, BATCH);
        OscillatorParams p = OscillatorFixtures.randomParams(spec, 1, 0.3f, 0f);
        float[] x = new float[BATCH * N], q = new float[BATCH * N], gQ = new float[BATCH * N];

        expect(IllegalArgumentException.class, () -> k.forward(BATCH + 1, p, x, q, null), "batch = 4", "1..3");
        expect(IllegalArgumentException.class, () -> k.forward(0, p, x, q, null), "batch = 0");
        expect(IllegalArgumentException.class, () -> k.forward(BATCH, p, new float[5], q, null), "x has length 5", "12");
        expect(IllegalArgumentException.class, () -> k.forward(BATCH, p, x, new float[11], null), "q has length 11");
        expect(IllegalArgumentException.class, () -> k.forward(BATCH, p, x, q, new float[2]), "qDot has length 2");
        expect(IllegalArgumentException.class, () -> k.vjp(BATCH, p, x, new float[3], null, null, null, null, null),
                "gQ has length 3");
        expect(NullPointerException.class, () -> k.vjp(BATCH, p, x, null, null, null, null, null, null), "gQ");

        float[] bad = x.clone();
        bad[5] = Float.NaN;
        expect(IllegalArgumentException.class, () -> k.forward(BATCH, p, bad, q, null), "x[1, 1] = NaN");
        bad[5] = Float.POSITIVE_INFINITY;
        expect(IllegalArgumentException.class, () -> k.forward(BATCH, p, bad, q, null), "x[1, 1] = Infinity");
        bad[5] = 1e5f;
        expect(IllegalArgumentException.class, () -> k.forward(BATCH, p, bad, q, null), "x[1, 1] = 100000",
                "initial angle");
        float[] badG = gQ.clone();
        badG[2] = Float.NaN;
        expect(IllegalArgumentException.class, () -> k.vjp(BATCH, p, x, badG, null, null, null, null, null),
                "gQ[0, 2] = NaN");

        OscillatorParams wrong = new OscillatorParams(new OscillatorSpec(N + 1, Topology.ALL_TO_ALL, 5, 0.5f));
        expect(IllegalArgumentException.class, () -> k.forward(BATCH, wrong, x, q, null), "params were sized for");

        p.k[2] = Float.NaN;
        expect(IllegalArgumentException.class, () -> k.forward(BATCH, p, x, q, null), "k[2] = NaN");
        p.k[2] = 1f;
        p.e[3] = Float.NEGATIVE_INFINITY;
        expect(IllegalArgumentException.class, () -> k.forward(BATCH, p, x, q, null), "e[3] = -Infinity");
        p.e[3] = 0f;
        p.gamma = Float.NaN;
        expect(IllegalArgumentException.class, () -> k.forward(BATCH, p, x, q, null), "gamma = NaN");
        p.gamma = 0f;
        // the kernels' per-call checks stay O(n): J's symmetry, diagonal and finiteness are validate()'s
        p.coupling[1] += 0.5f;
        k.forward(BATCH, p, x, q, null);
        p.coupling[1] = p.coupling[4];
        p.coupling[2] = p.coupling[8] = Float.NaN; // still caught, by the divergence check
        expect(ArithmeticException.class, () -> k.forward(BATCH, p, x, q, null), "diverged");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RING", "ALL_TO_ALL"})
    void validateNamesTheFirstBadValue(String topology) {
        Topology t = Topology.valueOf(topology);
        OscillatorSpec spec = new OscillatorSpec(N, t, 5, 0.5f);
        OscillatorParams p = OscillatorFixtures.randomParams(spec, 1, 0.3f, 0f);
        p.validate();
        p.k[2] = Float.NaN;
        expect(IllegalArgumentException.class, p::validate, "k[2] = NaN");
        p.k[2] = 1f;
        p.e[3] = Float.NEGATIVE_INFINITY;
        expect(IllegalArgumentException.class, p::validate, "e[3] = -Infinity");
        p.e[3] = 0f;
        p.gamma = Float.NaN;
        expect(IllegalArgumentException.class, p::validate, "gamma = NaN");
        p.gamma = 0f;
        if (t == Topology.RING) {
            p.coupling[1] = Float.NaN;
            expect(IllegalArgumentException.class, p::validate, "coupling[1] = NaN");
            return;
        }
        p.coupling[1] += 0.5f; // J[0,1] no longer equals J[1,0]
        expect(IllegalArgumentException.class, p::validate, "J[0,1]", "symmetric");
        p.coupling[1] = p.coupling[4];
        p.coupling[5] = 0.1f; // J[1,1]
        expect(IllegalArgumentException.class, p::validate, "J[1,1] = 0.1", "diagonal");
        p.coupling[5] = 0f;
        p.coupling[2] = p.coupling[8] = Float.NaN;
        expect(IllegalArgumentException.class, p::validate, "J[0,2] = NaN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void divergingSimulationThrowsArithmeticException(String name) {
        for (Topology t : Topology.values()) {
            OscillatorSpec spec = new OscillatorSpec(N, t, 5, 0.5f);
            OscillatorKernel k = OscillatorGradientTest.kernel(name, spec, BATCH);
            OscillatorParams p = OscillatorFixtures.randomParams(spec, 1, 0.3f, 0f);
            p.e[2] = 3e38f; // the RK4 sums overflow
            float[] x = new float[BATCH * N], q = new float[BATCH * N];
            expect(ArithmeticException.class, () -> k.forward(BATCH, p, x, q, null), "diverged", "q[0, ", "RK4 steps");
            expect(ArithmeticException.class,
                    () -> k.vjp(BATCH, p, x, new float[BATCH * N], null, null, null, null, null), "diverged");
            // finite, but far beyond any physical angle: q(T) ≈ e T²/2 = 125000 rad
            p.e[2] = 1e6f;
            expect(ArithmeticException.class, () -> k.forward(BATCH, p, x, q, null), "diverged", "q[0, 2]", "beyond");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RING", "ALL_TO_ALL"})
    void specRejectsBadShapes(String topology) {
        Topology t = Topology.valueOf(topology);
        expect(IllegalArgumentException.class, () -> new OscillatorSpec(0, t, 5, 0.5f), "n (oscillators)", "0");
        expect(IllegalArgumentException.class, () -> new OscillatorSpec(3, t, 0, 0.5f), "steps", "0");
        expect(IllegalArgumentException.class, () -> new OscillatorSpec(3, t, 5, Float.NaN), "duration", "NaN");
        expect(IllegalArgumentException.class, () -> new OscillatorSpec(3, t, 5, -1f), "duration", "-1");
        OscillatorSpec spec = new OscillatorSpec(3, t, 5, 0.5f);
        expect(IllegalArgumentException.class, () -> new ScalarOscillatorKernel(spec, 0), "maxBatch", "0");
        expect(IllegalArgumentException.class, () -> OscillatorKernels.FAMILY.create(BackendKind.SIMD, spec, -2),
                "maxBatch", "-2");
    }
}
