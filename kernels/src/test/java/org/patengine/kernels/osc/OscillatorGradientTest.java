package org.patengine.kernels.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.patengine.kernels.BackendKind;

/**
 * The float VJP of both kernels against central differences of {@link DoubleOscillatorReference}
 * (double precision, so the differences are accurate to ~1e-9 and the comparison measures the
 * kernel's float rounding, ~1e-5 relative, not the difference quotient's), for every input and
 * parameter, and the dot-product test {@code ⟨v, J u⟩ = ⟨Jᵀ v, u⟩} with a random direction u over
 * all inputs and parameters at once.
 *
 * <p>The loss is {@code L = Σ gQ∘q(T) + Σ gQDot∘q̇(T)}, so its gradient is exactly the VJP.
 */
class OscillatorGradientTest {
    private static final double EPS = 1e-5;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (String kernel : new String[] {"scalar", "simd"}) {
            for (Topology t : Topology.values()) {
                for (float gamma : new float[] {0f, 0.3f}) {
                    int[] ns = t == Topology.RING ? new int[] {1, 2, 3, 6} : new int[] {1, 2, 5};
                    for (int n : ns) {
                        list.add(Arguments.of(kernel, t, n, gamma));
                    }
                }
            }
        }
        return list.stream();
    }

    static OscillatorKernel kernel(String name, OscillatorSpec spec, int maxBatch) {
        return OscillatorKernels.FAMILY.create(BackendKind.parse(name), spec, maxBatch);
    }

    /** One problem: spec, parameters, inputs and cotangents. */
    private record Problem(OscillatorSpec spec, OscillatorParams p, int batch, float[] x, float[] gQ, float[] gV) {
        /** L at the widened values with the reference. */
        double loss(DoubleOscillatorReference ref, double[] x) {
            int n = spec.n();
            double[] q = new double[batch * n], v = new double[batch * n];
            ref.forward(batch, x, q, v);
            double l = 0;
            for (int i = 0; i < q.length; i++) {
                l += gQ[i] * q[i] + gV[i] * v[i];
            }
            return l;
        }
    }

    private static Problem problem(Topology t, int n, float gamma, long seed) {
        OscillatorSpec spec = new OscillatorSpec(n, t, 6, 1.5f);
        OscillatorParams p = OscillatorFixtures.randomParams(spec, seed, 0.6f, gamma);
        int batch = 3;
        return new Problem(spec, p, batch, OscillatorFixtures.uniform(batch * n, seed + 1, 1.5f),
                OscillatorFixtures.uniform(batch * n, seed + 2, 1f), OscillatorFixtures.uniform(batch * n, seed + 3, 1f));
    }

    /** Central difference of L along a perturbation applied by {@code set(ref, x, h)}. */
    private static double central(Problem pr, Perturbation pert) {
        double[] plus = new double[2];
        for (int sgn = 0; sgn < 2; sgn++) {
            DoubleOscillatorReference ref = DoubleOscillatorReference.of(pr.p);
            double[] x = OscillatorFixtures.widen(pr.x);
            pert.apply(ref, x, sgn == 0 ? EPS : -EPS);
            plus[sgn] = pr.loss(ref, x);
        }
        return (plus[0] - plus[1]) / (2 * EPS);
    }

    @FunctionalInterface
    private interface Perturbation {
        void apply(DoubleOscillatorReference ref, double[] x, double h);
    }

    @ParameterizedTest(name = "{0} {1} n={2} gamma={3}")
    @MethodSource("cases")
    void vjpMatchesCentralDifferencesForEveryInputAndParameter(String kernelName, Topology t, int n, float gamma) {
        Problem pr = problem(t, n, gamma, 1000L * n + (gamma > 0 ? 7 : 0) + t.ordinal());
        OscillatorKernel kernel = kernel(kernelName, pr.spec, pr.batch);
        float[] gX = new float[pr.batch * n];
        OscillatorGradients g = new OscillatorGradients(pr.spec);
        kernel.vjp(pr.batch, pr.p, pr.x, pr.gQ, pr.gV, gX, g, null, null);

        List<double[]> pairs = new ArrayList<>(); // {vjp, fd}
        List<String> names = new ArrayList<>();
        for (int idx = 0; idx < gX.length; idx++) {
            final int fi = idx;
            add(pairs, names, "x[" + idx + "]", gX[idx], central(pr, (ref, x, h) -> x[fi] += h));
        }
        if (t == Topology.ALL_TO_ALL) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    final int a = i * n + j, b = j * n + i;
                    add(pairs, names, "J[" + i + "," + j + "]", g.coupling[a],
                            central(pr, (ref, x, h) -> { ref.coupling[a] += h; ref.coupling[b] += h; }));
                    assertEquals(g.coupling[a], g.coupling[b], "symmetric gradient at " + i + "," + j);
                }
                assertEquals(0f, g.coupling[i * n + i], "diagonal gradient");
            }
        } else {
            for (int l = 0; l < g.coupling.length; l++) {
                final int fl = l;
                add(pairs, names, "link[" + l + "]", g.coupling[l], central(pr, (ref, x, h) -> ref.coupling[fl] += h));
            }
        }
        for (int i = 0; i < n; i++) {
            final int fi = i;
            add(pairs, names, "k[" + i + "]", g.k[i], central(pr, (ref, x, h) -> ref.k[fi] += h));
            add(pairs, names, "e[" + i + "]", g.e[i], central(pr, (ref, x, h) -> ref.e[fi] += h));
            add(pairs, names, "a[" + i + "]", g.a[i], central(pr, (ref, x, h) -> ref.a[fi] += h));
        }
        double scale = 0;
        for (double[] pq : pairs) {
            scale = Math.max(scale, Math.abs(pq[1]));
        }
        assertTrue(scale > 1e-3, "the gradients should not all vanish");
        for (int i = 0; i < pairs.size(); i++) {
            double[] pq = pairs.get(i);
            double err = Math.abs(pq[0] - pq[1]);
            assertTrue(err <= 2e-4 * scale + 1e-4 * Math.abs(pq[1]),
                    names.get(i) + ": vjp " + pq[0] + " vs central difference " + pq[1] + " (scale " + scale + ")");
        }
    }

    private static void add(List<double[]> pairs, List<String> names, String name, double vjp, double fd) {
        pairs.add(new double[] {vjp, fd});
        names.add(name);
    }

    @ParameterizedTest(name = "{0} {1} n={2} gamma={3}")
    @MethodSource("cases")
    void dotProductTest(String kernelName, Topology t, int n, float gamma) {
        Problem pr = problem(t, n, gamma, 77L * n + t.ordinal() + (gamma > 0 ? 3 : 0));
        SplittableRandom r = new SplittableRandom(5 + n);
        int nx = pr.x.length;
        double[] ux = new double[nx];
        double[] uc = new double[pr.p.coupling.length];
        double[] uk = new double[n], ue = new double[n], ua = new double[n];
        for (int i = 0; i < nx; i++) {
            ux[i] = r.nextDouble() - 0.5;
        }
        if (t == Topology.ALL_TO_ALL) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    uc[i * n + j] = uc[j * n + i] = r.nextDouble() - 0.5;
                }
            }
        } else {
            for (int l = 0; l < uc.length; l++) {
                uc[l] = r.nextDouble() - 0.5;
            }
        }
        for (int i = 0; i < n; i++) {
            uk[i] = r.nextDouble() - 0.5;
            ue[i] = r.nextDouble() - 0.5;
            ua[i] = r.nextDouble() - 0.5;
        }
        // ⟨v, J u⟩: the directional derivative of L = ⟨v, f⟩ along u, by central differences in double
        double jvp = central(pr, (ref, x, h) -> {
            for (int i = 0; i < nx; i++) {
                x[i] += h * ux[i];
            }
            for (int i = 0; i < uc.length; i++) {
                ref.coupling[i] += h * uc[i];
            }
            for (int i = 0; i < n; i++) {
                ref.k[i] += h * uk[i];
                ref.e[i] += h * ue[i];
                ref.a[i] += h * ua[i];
            }
        });
        OscillatorKernel kernel = kernel(kernelName, pr.spec, pr.batch);
        float[] gX = new float[nx];
        OscillatorGradients g = new OscillatorGradients(pr.spec);
        kernel.vjp(pr.batch, pr.p, pr.x, pr.gQ, pr.gV, gX, g, null, null);
        double dot = 0;
        for (int i = 0; i < nx; i++) {
            dot += gX[i] * ux[i];
        }
        if (t == Topology.ALL_TO_ALL) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    dot += g.coupling[i * n + j] * uc[i * n + j]; // one free parameter per pair
                }
            }
        } else {
            for (int l = 0; l < uc.length; l++) {
                dot += g.coupling[l] * uc[l];
            }
        }
        for (int i = 0; i < n; i++) {
            dot += g.k[i] * uk[i] + g.e[i] * ue[i] + g.a[i] * ua[i];
        }
        assertEquals(jvp, dot, 1e-4 * (Math.abs(jvp) + 1e-2), "<v, J u> vs <J^T v, u>");
    }

}
