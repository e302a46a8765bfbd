package org.patengine.engine.testsystems;

import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.PhysicalSystem;

/**
 * The reference repo's toy system, elementwise: {@code y_i = a·x_i^{θ_i}} for x > 0, θ in
 * [0.5, 2]. Reality uses a = 2, its model a = 2.01. Deterministic, so it is its own exact model.
 * VJP: {@code g_x = g_y·a·θ·x^{θ−1}}, {@code g_θ = Σ_batch g_y·a·x^θ·ln x}.
 */
public final class PowerMap implements PhysicalSystem, DifferentiableMap {
    private final float a;
    private final int n;

    public PowerMap(float a, int n) {
        this.a = a;
        this.n = n;
    }

    @Override
    public String name() {
        return a + "·x^θ (" + n + ")";
    }

    @Override
    public int inputSize() {
        return n;
    }

    @Override
    public int outputSize() {
        return n;
    }

    @Override
    public int parameterSize() {
        return n;
    }

    @Override
    public float parameterLower(int i) {
        return 0.5f;
    }

    @Override
    public float parameterUpper(int i) {
        return 2f;
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                float xi = x[b * n + i];
                if (!(xi > 0)) {
                    throw new IllegalArgumentException("x[" + b + ", " + i + "] = " + xi + " must be > 0");
                }
                float t = theta[i];
                if (!(t >= 0.5f && t <= 2f)) {
                    throw new IllegalArgumentException("theta[" + i + "] = " + t + " is outside [0.5, 2]");
                }
                y[b * n + i] = (float) (a * Math.pow(xi, t));
            }
        }
    }

    @Override
    public void vjp(int batch, float[] x, float[] theta, float[] gY, float[] gX, float[] gTheta) {
        if (gTheta != null) {
            java.util.Arrays.fill(gTheta, 0, n, 0f);
        }
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                double xi = x[b * n + i];
                double t = theta[i];
                double g = gY[b * n + i];
                if (gX != null) {
                    gX[b * n + i] = (float) (g * a * t * Math.pow(xi, t - 1));
                }
                if (gTheta != null) {
                    gTheta[i] += (float) (g * a * Math.pow(xi, t) * Math.log(xi));
                }
            }
        }
    }

    @Override
    public DifferentiableMap exactModel() {
        return this;
    }
}
