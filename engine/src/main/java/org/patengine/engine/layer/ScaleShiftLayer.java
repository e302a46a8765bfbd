package org.patengine.engine.layer;

import org.patengine.sim.Rng;

/**
 * An elementwise trainable scale and shift {@code y_i = a_i·u_i·x_i + c_i} with fixed units u
 * (default 1).
 *
 * <p>θ = (a, c), each of length n. Backward: {@code g_a = u ⊙ Σ_batch g_y ⊙ x},
 * {@code g_c = Σ_batch g_y}, {@code g_x = a ⊙ u ⊙ g_y}. Default initialisation a = 1, c = 0 (the
 * identity), so it can be placed in front of a physical layer to learn the input encoding.
 *
 * <p>The units let a trainable scale stay of order 1 when its channels' values differ by orders of
 * magnitude (an SHG layer's bins): Adam's steps are about the learning rate whatever a
 * parameter's size, so a scale of 1000 would hardly move.
 */
public final class ScaleShiftLayer extends Layer {
    private final ParameterInit scaleInit;
    private final ParameterInit shiftInit;
    private final float[] unit;

    /** Starts as the identity. */
    public ScaleShiftLayer(int n) {
        this(n, ParameterInit.constant(1f), ParameterInit.constant(0f));
    }

    public ScaleShiftLayer(int n, ParameterInit scaleInit, ParameterInit shiftInit) {
        this(n, scaleInit, shiftInit, null);
    }

    /** With fixed units {@code unit} (n finite values > 0; null: all 1). */
    public ScaleShiftLayer(int n, ParameterInit scaleInit, ParameterInit shiftInit, float[] unit) {
        super("scale-shift(" + n + ")", n, n);
        if (scaleInit == null || shiftInit == null) {
            throw new NullPointerException("scale-shift layer: init is null");
        }
        this.scaleInit = scaleInit;
        this.shiftInit = shiftInit;
        this.unit = checkedUnits(name(), n, unit);
    }

    /** A copy of {@code unit} checked to be n finite values > 0; all 1 for null. */
    static float[] checkedUnits(String layer, int n, float[] unit) {
        float[] u = new float[n];
        java.util.Arrays.fill(u, 1f);
        if (unit != null) {
            if (unit.length != n) {
                throw new IllegalArgumentException(layer + ": " + unit.length + " units, expected " + n);
            }
            for (int i = 0; i < n; i++) {
                if (!(unit[i] > 0) || !Float.isFinite(unit[i])) {
                    throw new IllegalArgumentException(layer + ": unit " + i + " is " + unit[i] + ", expected finite and > 0");
                }
                u[i] = unit[i];
            }
        }
        return u;
    }

    @Override
    public int parameterSize() {
        return 2 * inputSize();
    }

    @Override
    public void initialize(float[] values, int offset, Rng rng) {
        scaleInit.fill(values, offset, inputSize(), rng);
        shiftInit.fill(values, offset + inputSize(), inputSize(), rng);
    }

    @Override
    protected void doForward(ForwardPass pass, int batch, float[] x, float[] y) {
        int n = inputSize();
        int cOff = offset + n;
        for (int s = 0; s < batch; s++) {
            int row = s * n;
            for (int i = 0; i < n; i++) {
                y[row + i] = params[offset + i] * unit[i] * x[row + i] + params[cOff + i];
            }
        }
    }

    @Override
    protected void doBackward(BackwardPass pass, int batch, float[] x, float[] gY, float[] gX,
                              boolean parameterGradients) {
        int n = inputSize();
        int cOff = offset + n;
        if (parameterGradients) {
            java.util.Arrays.fill(grads, offset, offset + 2 * n, 0f);
            for (int s = 0; s < batch; s++) {
                int row = s * n;
                for (int i = 0; i < n; i++) {
                    float g = gY[row + i];
                    grads[offset + i] += g * unit[i] * x[row + i];
                    grads[cOff + i] += g;
                }
            }
        }
        if (gX != null) {
            for (int s = 0; s < batch; s++) {
                int row = s * n;
                for (int i = 0; i < n; i++) {
                    gX[row + i] = params[offset + i] * unit[i] * gY[row + i];
                }
            }
        }
    }
}
