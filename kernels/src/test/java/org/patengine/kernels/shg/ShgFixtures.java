package org.patengine.kernels.shg;

import java.util.SplittableRandom;

/** Random SHG layers and inputs for the kernel tests, reproducible by seed. */
public final class ShgFixtures {

    private ShgFixtures() {
    }

    /**
     * Parameters for {@code spec}: a pair table c = a_p a_q e^{i(φ_p+φ_q)} w with a ∈ [0.5, 1.5],
     * φ ∈ [−1, 1] (zero unless {@code complexField}), w ∈ [0.5, 1]; off-grid entries hold garbage
     * (kernels must ignore them); a readout with entries in [0, 1/N).
     */
    public static ShgParams params(ShgSpec spec, long seed, boolean complexField) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = spec.channels();
        double[] a = new double[n], phi = new double[n];
        for (int p = 0; p < n; p++) {
            a[p] = 0.5 + rnd.nextDouble();
            phi[p] = complexField ? rnd.nextDouble(-1, 1) : 0;
        }
        ShgParams params = new ShgParams(spec);
        params.complexField = complexField;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                if (i + j >= n || i - j < 0) {
                    params.pairRe[k] = 1e6f;    // must never be read
                    params.pairIm[k] = -1e6f;
                    continue;
                }
                double w = 0.5 + 0.5 * rnd.nextDouble();
                double amp = w * a[i + j] * a[i - j];
                double ph = phi[i + j] + phi[i - j];
                params.pairRe[k] = (float) (amp * Math.cos(ph));
                params.pairIm[k] = complexField ? (float) (amp * Math.sin(ph)) : 7f; // a real field ignores Im
            }
        }
        for (int k = 0; k < params.readout.length; k++) {
            params.readout[k] = (float) (rnd.nextDouble() / n);
        }
        return params;
    }

    /** (batch, N) modulations uniform in [0, 1], with a few exact 0s and 1s. */
    public static float[] modulation(int batch, ShgSpec spec, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] m = new float[batch * spec.channels()];
        for (int k = 0; k < m.length; k++) {
            double u = rnd.nextDouble();
            m[k] = u < 0.03 ? 0f : u > 0.97 ? 1f : (float) rnd.nextDouble();
        }
        return m;
    }

    /** (batch, M) cotangents uniform in [−1, 1]. */
    public static float[] cotangent(int batch, ShgSpec spec, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] g = new float[batch * spec.bins()];
        for (int k = 0; k < g.length; k++) {
            g[k] = (float) rnd.nextDouble(-1, 1);
        }
        return g;
    }
}
