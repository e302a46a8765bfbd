package org.patengine.engine.layer;

import org.patengine.sim.Rng;

/**
 * An elementwise trainable scale and shift {@code y_i = a_i·x_i + c_i}.
 *
 * <p>θ = (a, c), each of length n. Backward: {@code g_a = Σ_batch g_y ⊙ x},
 * {@code g_c = Σ_batch g_y}, {@code g_x = a ⊙ g_y}. Default initialisation a = 1, c = 0 (the
 * identity), so it can be placed in front of a physical layer to learn the input encoding.
 */
public final class ScaleShiftLayer extends Layer {
    private final ParameterInit scaleInit;
    private final ParameterInit shiftInit;

    /** Starts as the identity. */
    public ScaleShiftLayer(int n) {
        this(n, ParameterInit.constant(1f), ParameterInit.constant(0f));
    }

    public ScaleShiftLayer(int n, ParameterInit scaleInit, ParameterInit shiftInit) {
        super("scale-shift(" + n + ")", n, n);
        if (scaleInit == null || shiftInit == null) {
            throw new NullPointerException("scale-shift layer: init is null");
        }
        this.scaleInit = scaleInit;
        this.shiftInit = shiftInit;
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
                y[row + i] = params[offset + i] * x[row + i] + params[cOff + i];
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
                    grads[offset + i] += g * x[row + i];
                    grads[cOff + i] += g;
                }
            }
        }
        if (gX != null) {
            for (int s = 0; s < batch; s++) {
                int row = s * n;
                for (int i = 0; i < n; i++) {
                    gX[row + i] = params[offset + i] * gY[row + i];
                }
            }
        }
    }
}
