package org.patengine.kernels.osc;

import java.util.SplittableRandom;

import org.patengine.testkit.Tolerance;

/** Random problems for the oscillator tests. */
public final class OscillatorFixtures {
    private OscillatorFixtures() {
    }

    /**
     * Random parameters: couplings ~ ±couplingScale (symmetric, zero diagonal), k ∈ [0.6, 1.4],
     * e ∈ [−0.3, 0.3], s ∈ [0.8, 1.2], a ∈ [0.7, 1.3], the given γ.
     */
    public static OscillatorParams randomParams(OscillatorSpec spec, long seed, float couplingScale, float gamma) {
        SplittableRandom r = new SplittableRandom(seed);
        OscillatorParams p = new OscillatorParams(spec);
        int n = spec.n();
        if (spec.topology() == Topology.ALL_TO_ALL) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    float c = (float) (couplingScale * (2 * r.nextDouble() - 1));
                    p.coupling[i * n + j] = c;
                    p.coupling[j * n + i] = c;
                }
            }
        } else {
            for (int l = 0; l < p.coupling.length; l++) {
                p.coupling[l] = (float) (couplingScale * (2 * r.nextDouble() - 1));
            }
        }
        for (int i = 0; i < n; i++) {
            p.k[i] = (float) (0.6 + 0.8 * r.nextDouble());
            p.e[i] = (float) (0.6 * r.nextDouble() - 0.3);
            p.s[i] = (float) (0.8 + 0.4 * r.nextDouble());
            p.a[i] = (float) (0.7 + 0.6 * r.nextDouble());
        }
        p.gamma = gamma;
        return p;
    }

    /** Uniform values in [−scale, scale]. */
    public static float[] uniform(int len, long seed, float scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) (scale * (2 * r.nextDouble() - 1));
        }
        return v;
    }

    public static double[] widen(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /**
     * The accelerated kernels' comparison with the scalar oracle: they differ by float rounding only
     * (sines within a few ulp, sums in another order), which grows with the length of the longest sum
     * feeding an array ({@code terms}: n for the states, 4·Nt·batch·n for the coupling gradient); so
     * each array is compared relative to its largest magnitude (at least 1), within
     * {@code max(5e-6, 1e-6·√terms)}.
     */
    public static void assertCloseForTerms(String what, float[] expected, float[] actual, long terms) {
        double tol = Math.max(5e-6, 1e-6 * Math.sqrt(terms)) * Math.max(1.0, Tolerance.maxAbs(expected));
        Tolerance.assertClose(what, expected, actual, tol, 0);
    }
}
