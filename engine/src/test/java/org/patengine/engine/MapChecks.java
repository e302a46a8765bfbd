package org.patengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.patengine.sim.Rng;
import org.patengine.sim.DifferentiableMap;

/**
 * Checks any {@link DifferentiableMap}'s VJP: central differences of {@code <v, f(x, θ)>} in every
 * x and θ (double accumulation), and the dot-product test {@code <v, J u> = <Jᵀv, u>} along a
 * random joint direction u = (u_x, u_θ), with J u from a central difference. Reusable for any
 * digital model (e.g. an analytic oscillator twin).
 */
public final class MapChecks {
    private MapChecks() {
    }

    public static void check(DifferentiableMap m, int batch, float[] x, float[] theta, float eps, double tol,
                             long seed) {
        Rng rng = new Rng(seed);
        int in = m.inputSize();
        int out = m.outputSize();
        int p = m.parameterSize();
        float[] v = new float[batch * out];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) rng.nextGaussian();
        }
        float[] gX = new float[batch * in];
        float[] gTheta = new float[p];
        java.util.Arrays.fill(gX, Float.NaN);     // vjp overwrites
        java.util.Arrays.fill(gTheta, Float.NaN); // vjp overwrites
        m.vjp(batch, x, theta, v, gX, gTheta);

        float[] y = new float[batch * out];
        java.util.function.DoubleSupplier f = () -> {
            m.forward(batch, x, theta, y);
            return GradientChecks.dot(v, y, y.length);
        };
        GradientChecks.assertClose("dθ", gTheta, 0, GradientChecks.centralDifferences(theta, 0, p, eps, f), tol);
        GradientChecks.assertClose("dx", gX, 0, GradientChecks.centralDifferences(x, 0, x.length, eps, f), tol);

        // dot-product test along a joint direction
        float[] ux = new float[x.length];
        float[] ut = new float[p];
        for (int k = 0; k < ux.length; k++) {
            ux[k] = (float) rng.nextGaussian();
        }
        for (int k = 0; k < p; k++) {
            ut[k] = (float) rng.nextGaussian();
        }
        float[] x0 = x.clone();
        float[] t0 = theta.clone();
        double[] side = new double[2];
        for (int sgn = 0; sgn < 2; sgn++) {
            double h = sgn == 0 ? eps : -eps;
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) (x0[k] + h * ux[k]);
            }
            for (int k = 0; k < p; k++) {
                theta[k] = (float) (t0[k] + h * ut[k]);
            }
            side[sgn] = f.getAsDouble();
        }
        System.arraycopy(x0, 0, x, 0, x.length);
        System.arraycopy(t0, 0, theta, 0, p);
        double vJu = (side[0] - side[1]) / (2.0 * eps);
        double jtvU = GradientChecks.dot(gX, ux, ux.length) + GradientChecks.dot(gTheta, ut, p);
        assertEquals(jtvU, vJu, tol * Math.max(1, Math.abs(jtvU)) * 10, "dot-product test <v, Ju> = <J^T v, u>");

        // null outputs are allowed and leave the other result unchanged
        float[] gX2 = new float[gX.length];
        m.vjp(batch, x, theta, v, gX2, null);
        org.junit.jupiter.api.Assertions.assertArrayEquals(gX, gX2);
        float[] gT2 = new float[p];
        m.vjp(batch, x, theta, v, null, gT2);
        org.junit.jupiter.api.Assertions.assertArrayEquals(gTheta, gT2);
    }
}
