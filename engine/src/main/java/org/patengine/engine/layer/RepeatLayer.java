package org.patengine.engine.layer;

/**
 * Repeats the inputs cyclically to a wider layer: {@code y_j = x_{j mod in}} for j < out, no
 * parameters. This is how the lab's vowel network feeds 12 formants into 50 shaper channels (the
 * features four times and the first two once more). Backward: {@code g_x_i = Σ_{j ≡ i (mod in)} g_y_j}.
 */
public final class RepeatLayer extends ParameterFreeLayer {

    public RepeatLayer(int in, int out) {
        super("repeat(" + in + " -> " + out + ")", in, out);
        if (out < in) {
            throw new IllegalArgumentException("repeat(" + in + " -> " + out + "): the output must be at least as wide as the input");
        }
    }

    @Override
    protected void doForward(ForwardPass pass, int batch, float[] x, float[] y) {
        int in = inputSize();
        int out = outputSize();
        for (int s = 0; s < batch; s++) {
            for (int j = 0; j < out; j++) {
                y[s * out + j] = x[s * in + j % in];
            }
        }
    }

    @Override
    protected void doBackward(BackwardPass pass, int batch, float[] x, float[] gY, float[] gX, boolean parameterGradients) {
        if (gX == null) {
            return;
        }
        int in = inputSize();
        int out = outputSize();
        for (int s = 0; s < batch; s++) {
            java.util.Arrays.fill(gX, s * in, (s + 1) * in, 0f);
            for (int j = 0; j < out; j++) {
                gX[s * in + j % in] += gY[s * out + j];
            }
        }
    }
}
