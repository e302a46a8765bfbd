package org.patengine.engine.layer;

import org.patengine.sim.Rng;

/**
 * A readout: a slice of the input times one trainable scalar, {@code y_j = s·x_{start + j}} for
 * j in [0, count). The reference networks read class logits this way, {@code logits = s·q_class}.
 *
 * <p>θ = (s). Backward: {@code g_s = Σ_batch Σ_j g_y[j]·x[start + j]}; {@code g_x} is
 * {@code s·g_y} on the slice and zero elsewhere.
 */
public final class ReadoutLayer extends Layer {
    private final int start;
    private final ParameterInit scaleInit;

    /**
     * @param in        inputs per sample
     * @param start     first input read
     * @param count     number of inputs read (the outputs)
     * @param scaleInit initial s
     */
    public ReadoutLayer(int in, int start, int count, ParameterInit scaleInit) {
        super("readout(" + in + "[" + start + ", " + ((long) start + count) + ") * s)", in, count);
        if (start < 0 || (long) start + count > in) {
            throw new IllegalArgumentException("readout: slice [" + start + ", " + ((long) start + count)
                    + ") is outside the " + in + " inputs");
        }
        if (scaleInit == null) {
            throw new NullPointerException("readout: scale init is null");
        }
        this.start = start;
        this.scaleInit = scaleInit;
    }

    @Override
    public int parameterSize() {
        return 1;
    }

    @Override
    public void initialize(float[] values, int offset, Rng rng) {
        scaleInit.fill(values, offset, 1, rng);
    }

    @Override
    protected void doForward(ForwardPass pass, int batch, float[] x, float[] y) {
        int in = inputSize();
        int count = outputSize();
        float s = params[offset];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < count; j++) {
                y[b * count + j] = s * x[b * in + start + j];
            }
        }
    }

    @Override
    protected void doBackward(BackwardPass pass, int batch, float[] x, float[] gY, float[] gX,
                              boolean parameterGradients) {
        int in = inputSize();
        int count = outputSize();
        float s = params[offset];
        if (parameterGradients) {
            double gs = 0;
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < count; j++) {
                    gs += (double) gY[b * count + j] * x[b * in + start + j];
                }
            }
            grads[offset] = (float) gs;
        }
        if (gX != null) {
            java.util.Arrays.fill(gX, 0, batch * in, 0f);
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < count; j++) {
                    gX[b * in + start + j] = s * gY[b * count + j];
                }
            }
        }
    }
}
