package org.patengine.engine.layer;

import org.patengine.sim.Rng;

/**
 * One trainable scalar gain on every value, and optionally one trainable scalar offset:
 * {@code y_i = g·u_i·x_i (+ c)} with fixed units u, θ = (g) or (g, c).
 * The lab's vowel network puts one before each SHG layer, scaling what it feeds the pulse shaper;
 * the units are a fixed calibration (e.g. each spectrometer bin over its reference output) that
 * keeps g of order 1 (see {@link ScaleShiftLayer}). Backward:
 * {@code g_g = Σ_batch Σ_i g_y_i u_i x_i}, {@code g_c = Σ_batch Σ_i g_y_i}, {@code g_x = g·u ⊙ g_y}.
 */
public final class GainLayer extends Layer {
    private final ParameterInit init;
    private final float[] unit;
    private final ParameterInit offsetInit; // null: no offset

    /** Units all 1, no offset. */
    public GainLayer(int n, ParameterInit init) {
        this(n, init, null, null);
    }

    /**
     * With the fixed units {@code unit} (n finite values > 0; null: all 1) and a trainable offset
     * starting at {@code offsetInit} (null: none).
     */
    public GainLayer(int n, ParameterInit init, float[] unit, ParameterInit offsetInit) {
        super((offsetInit == null ? "gain(" : "gain-offset(") + n + ")", n, n);
        if (init == null) {
            throw new NullPointerException("gain layer: init is null");
        }
        this.init = init;
        this.unit = ScaleShiftLayer.checkedUnits(name(), n, unit);
        this.offsetInit = offsetInit;
    }

    @Override
    public int parameterSize() {
        return offsetInit == null ? 1 : 2;
    }

    @Override
    public void initialize(float[] values, int offset, Rng rng) {
        init.fill(values, offset, 1, rng);
        if (offsetInit != null) {
            offsetInit.fill(values, offset + 1, 1, rng);
        }
    }

    @Override
    protected void doForward(ForwardPass pass, int batch, float[] x, float[] y) {
        float g = params[offset];
        float c = offsetInit == null ? 0f : params[offset + 1];
        int n = inputSize();
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < n; i++) {
                y[s * n + i] = g * unit[i] * x[s * n + i] + c;
            }
        }
    }

    @Override
    protected void doBackward(BackwardPass pass, int batch, float[] x, float[] gY, float[] gX, boolean parameterGradients) {
        int n = inputSize();
        if (parameterGradients) {
            double sum = 0;
            double sumC = 0;
            for (int s = 0; s < batch; s++) {
                for (int i = 0; i < n; i++) {
                    sum += gY[s * n + i] * unit[i] * x[s * n + i];
                    sumC += gY[s * n + i];
                }
            }
            grads[offset] = (float) sum;
            if (offsetInit != null) {
                grads[offset + 1] = (float) sumC;
            }
        }
        if (gX != null) {
            float g = params[offset];
            for (int s = 0; s < batch; s++) {
                for (int i = 0; i < n; i++) {
                    gX[s * n + i] = g * unit[i] * gY[s * n + i];
                }
            }
        }
    }
}
