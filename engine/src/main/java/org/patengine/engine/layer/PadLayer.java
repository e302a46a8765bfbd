package org.patengine.engine.layer;

import org.patengine.sim.Rng;

/**
 * Appends {@code k} channels to every sample: {@code y = [x_0 … x_{in-1}, c_0 … c_{k-1}]}.
 *
 * <p>This is how extra oscillators join a physical layer, e.g. the reference MNIST network feeds
 * 196 outputs plus 10 class oscillators into its second layer. The appended values c are either
 * trainable parameters (θ = c, {@code g_c = Σ_batch g_y[in + j]}) or fixed constants (no
 * parameters). Backward: {@code g_x = g_y[0, in)}.
 */
public final class PadLayer extends Layer {
    private final int extra;
    private final boolean trainable;
    private final ParameterInit init;
    private final float[] fixed; // (extra): the constants when not trainable

    /**
     * @param in        inputs per sample
     * @param extra     channels appended
     * @param init      initial values of the appended channels
     * @param trainable whether they are trained (else they stay at their initial values)
     */
    public PadLayer(int in, int extra, ParameterInit init, boolean trainable) {
        super("pad(" + in + " + " + extra + (trainable ? ", trainable" : ", fixed") + ")", in, in + checkExtra(extra));
        if (init == null) {
            throw new NullPointerException("pad layer: init is null");
        }
        this.extra = extra;
        this.trainable = trainable;
        this.init = init;
        this.fixed = trainable ? null : new float[extra];
    }

    private static int checkExtra(int extra) {
        if (extra < 1) {
            throw new IllegalArgumentException("pad layer: extra channels must be >= 1, was " + extra);
        }
        return extra;
    }

    public boolean trainable() {
        return trainable;
    }

    @Override
    public int parameterSize() {
        return trainable ? extra : 0;
    }

    @Override
    public void initialize(float[] values, int offset, Rng rng) {
        if (trainable) {
            init.fill(values, offset, extra, rng);
        } else {
            init.fill(fixed, 0, extra, rng);
        }
    }

    @Override
    protected void doForward(ForwardPass pass, int batch, float[] x, float[] y) {
        int in = inputSize();
        int out = outputSize();
        float[] c = trainable ? params : fixed;
        int cOff = trainable ? offset : 0;
        for (int s = 0; s < batch; s++) {
            System.arraycopy(x, s * in, y, s * out, in);
            System.arraycopy(c, cOff, y, s * out + in, extra);
        }
    }

    @Override
    protected void doBackward(BackwardPass pass, int batch, float[] x, float[] gY, float[] gX,
                              boolean parameterGradients) {
        int in = inputSize();
        int out = outputSize();
        if (trainable && parameterGradients) {
            java.util.Arrays.fill(grads, offset, offset + extra, 0f);
            for (int s = 0; s < batch; s++) {
                for (int j = 0; j < extra; j++) {
                    grads[offset + j] += gY[s * out + in + j];
                }
            }
        }
        if (gX != null) {
            for (int s = 0; s < batch; s++) {
                System.arraycopy(gY, s * out, gX, s * in, in);
            }
        }
    }
}
