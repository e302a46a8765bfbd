package org.patengine.engine.layer;

import org.patengine.sim.Rng;

/**
 * Appends {@code k} channels to every group of {@code in} values: a sample of G groups
 * {@code [x_0 … x_{G-1}]} becomes {@code [x_0, c, x_1, c, …, x_{G-1}, c]} with the same
 * {@code c = (c_0 … c_{k-1})} after each group.
 *
 * <p>This is how extra oscillators join a physical layer: the reference MNIST network feeds 196
 * outputs plus 10 class oscillators into its second layer (G = 1), and the Fashion-MNIST network
 * pads each of 16 patches of 49 pixels with 51 oscillators at rest (G = 16) before the shared
 * 100-oscillator layer. The appended values c are either trainable parameters (θ = c,
 * {@code g_c = Σ_batch Σ_groups g_y[group, in + j]}) or fixed constants (no parameters).
 * Backward: {@code g_x[group] = g_y[group, 0, in)}. A sample of G groups is laid out like G
 * samples of one group, so both directions simply run over batch·G rows.
 */
public final class PadLayer extends Layer {
    private final int groups;
    private final int in;
    private final int extra;
    private final boolean trainable;
    private final ParameterInit init;
    private final float[] fixed; // (extra): the constants when not trainable

    /**
     * One group: appends {@code extra} channels to each sample.
     *
     * @param in        inputs per sample
     * @param extra     channels appended
     * @param init      initial values of the appended channels
     * @param trainable whether they are trained (else they stay at their initial values)
     */
    public PadLayer(int in, int extra, ParameterInit init, boolean trainable) {
        this(1, in, extra, init, trainable);
    }

    /**
     * Appends {@code extra} channels to each of {@code groups} groups of {@code in} values.
     *
     * @param groups    groups per sample, >= 1 (input size groups·in, output size groups·(in + extra))
     * @param in        values per group
     * @param extra     channels appended to each group
     * @param init      initial values of the appended channels (shared by all groups)
     * @param trainable whether they are trained (else they stay at their initial values)
     */
    public PadLayer(int groups, int in, int extra, ParameterInit init, boolean trainable) {
        super(describe(groups, in, extra, trainable), Math.multiplyExact(checkPositive("groups", groups), checkPositive("in", in)),
                Math.multiplyExact(groups, in + checkPositive("extra channels", extra)));
        if (init == null) {
            throw new NullPointerException("pad layer: init is null");
        }
        this.groups = groups;
        this.in = in;
        this.extra = extra;
        this.trainable = trainable;
        this.init = init;
        this.fixed = trainable ? null : new float[extra];
    }

    private static String describe(int groups, int in, int extra, boolean trainable) {
        String pad = in + " + " + extra;
        return "pad(" + (groups > 1 ? groups + " x (" + pad + ")" : pad) + (trainable ? ", trainable" : ", fixed") + ")";
    }

    private static int checkPositive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException("pad layer: " + what + " must be >= 1, was " + v);
        }
        return v;
    }

    public boolean trainable() {
        return trainable;
    }

    /** Groups per sample, each padded with the same channels. */
    public int groups() {
        return groups;
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
        int out = in + extra;
        float[] c = trainable ? params : fixed;
        int cOff = trainable ? offset : 0;
        int rows = batch * groups; // (batch, groups·in) is (batch·groups, in)
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * in, y, r * out, in);
            System.arraycopy(c, cOff, y, r * out + in, extra);
        }
    }

    @Override
    protected void doBackward(BackwardPass pass, int batch, float[] x, float[] gY, float[] gX,
                              boolean parameterGradients) {
        int out = in + extra;
        int rows = batch * groups;
        if (trainable && parameterGradients) {
            java.util.Arrays.fill(grads, offset, offset + extra, 0f);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < extra; j++) {
                    grads[offset + j] += gY[r * out + in + j];
                }
            }
        }
        if (gX != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(gY, r * out, gX, r * in, in);
            }
        }
    }
}
