package org.patengine.engine.testsystems;

import org.patengine.sim.DifferentiableMap;

/**
 * {@code y = tanh(gain·(x·(W + ΔW) + b + Δb))} with θ = (W (in, out) row-major, b (out)) and a
 * hidden fixed perturbation (ΔW, Δb) that is zero in the nominal model. VJP with
 * {@code g_z = g_y·gain·(1 − y²)}: {@code g_W = xᵀg_z}, {@code g_b = Σ g_z}, {@code g_x = g_z(W+ΔW)ᵀ}.
 */
public final class TanhAffineMap implements DifferentiableMap {
    private final int in;
    private final int out;
    private final float gain;
    private final float[] hiddenW; // (in, out) or null
    private final float[] hiddenB; // (out) or null
    private float[] z;             // (batch, out) workspace, grown on demand

    public TanhAffineMap(int in, int out, float gain, float[] hiddenW, float[] hiddenB) {
        this.in = in;
        this.out = out;
        this.gain = gain;
        this.hiddenW = hiddenW;
        this.hiddenB = hiddenB;
    }

    /** The nominal model: gain 1, no hidden perturbation. */
    public static TanhAffineMap nominal(int in, int out) {
        return new TanhAffineMap(in, out, 1f, null, null);
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public int parameterSize() {
        return in * out + out;
    }

    private float w(float[] theta, int i, int j) {
        return theta[i * out + j] + (hiddenW == null ? 0f : hiddenW[i * out + j]);
    }

    private float bias(float[] theta, int j) {
        return theta[in * out + j] + (hiddenB == null ? 0f : hiddenB[j]);
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < out; j++) {
                float s = bias(theta, j);
                for (int i = 0; i < in; i++) {
                    s += x[b * in + i] * w(theta, i, j);
                }
                y[b * out + j] = (float) Math.tanh(gain * s);
            }
        }
    }

    @Override
    public void vjp(int batch, float[] x, float[] theta, float[] gY, float[] gX, float[] gTheta) {
        if (z == null || z.length < batch * out) {
            z = new float[batch * out];
        }
        forward(batch, x, theta, z);
        for (int k = 0; k < batch * out; k++) {
            float y = z[k];
            z[k] = gY[k] * gain * (1 - y * y); // now g_z
        }
        if (gTheta != null) {
            java.util.Arrays.fill(gTheta, 0, parameterSize(), 0f);
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < out; j++) {
                    float gz = z[b * out + j];
                    for (int i = 0; i < in; i++) {
                        gTheta[i * out + j] += x[b * in + i] * gz;
                    }
                    gTheta[in * out + j] += gz;
                }
            }
        }
        if (gX != null) {
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < in; i++) {
                    float s = 0;
                    for (int j = 0; j < out; j++) {
                        s += z[b * out + j] * w(theta, i, j);
                    }
                    gX[b * in + i] = s;
                }
            }
        }
    }
}
