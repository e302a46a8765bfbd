package org.patengine.engine.testsystems;

import org.patengine.sim.Rng;
import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.PhysicalSystem;

/**
 * A small simulated "physical" layer for tests: {@link TanhAffineMap} with a systematic mismatch
 * (gain {@code 1 + η}, hidden {@code ΔW = σ_W·randn}, {@code Δb = σ_W·randn}), Gaussian noise on
 * the inputs and on the outputs, and parameter range [−limit, limit]. Its exact model is the map
 * with the same mismatch and no noise (or null, to stand for a real apparatus).
 */
public final class TanhAffineSystem implements PhysicalSystem {
    private final TanhAffineMap physics;
    private final int in;
    private final int out;
    private final float inputNoise;
    private final float outputNoise;
    private final float limit;
    private final boolean offersExactModel;
    private final Rng noise;
    private final Rng noiseMark = new Rng(0);
    private float[] xNoisy; // (batch, in) workspace

    private TanhAffineSystem(int in, int out, float eta, float sigmaW, float inputNoise, float outputNoise,
                             float limit, boolean offersExactModel, long seed) {
        this.in = in;
        this.out = out;
        Rng hidden = new Rng(seed);
        float[] dW = null;
        float[] dB = null;
        if (sigmaW > 0) {
            dW = new float[in * out];
            dB = new float[out];
            for (int k = 0; k < dW.length; k++) {
                dW[k] = (float) (sigmaW * hidden.nextGaussian());
            }
            for (int k = 0; k < dB.length; k++) {
                dB[k] = (float) (sigmaW * hidden.nextGaussian());
            }
        }
        this.physics = new TanhAffineMap(in, out, 1 + eta, dW, dB);
        this.inputNoise = inputNoise;
        this.outputNoise = outputNoise;
        this.limit = limit;
        this.offersExactModel = offersExactModel;
        this.noise = new Rng(seed ^ 0x5DEECE66DL);
    }

    /** No mismatch, no noise: identical to {@link TanhAffineMap#nominal}. */
    public static TanhAffineSystem ideal(int in, int out) {
        return new TanhAffineSystem(in, out, 0f, 0f, 0f, 0f, 3f, true, 1);
    }

    /** Systematic mismatch (η, σ_W) and noise (σ_in, σ_out). */
    public static TanhAffineSystem withGap(int in, int out, float eta, float sigmaW, float inputNoise,
                                           float outputNoise, long seed) {
        return new TanhAffineSystem(in, out, eta, sigmaW, inputNoise, outputNoise, 3f, true, seed);
    }

    /** Like {@link #ideal} but without an exact model, as a real apparatus. */
    public static TanhAffineSystem apparatus(int in, int out) {
        return new TanhAffineSystem(in, out, 0f, 0f, 0f, 0f, 3f, false, 1);
    }

    @Override
    public String name() {
        return "tanh-affine(" + in + " -> " + out + ")";
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
        return physics.parameterSize();
    }

    @Override
    public float parameterLower(int i) {
        return -limit;
    }

    @Override
    public float parameterUpper(int i) {
        return limit;
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        if (x.length < batch * in || y.length < batch * out || theta.length < parameterSize()) {
            throw new IllegalArgumentException("wrong lengths");
        }
        for (int k = 0; k < parameterSize(); k++) {
            if (!(theta[k] >= -limit && theta[k] <= limit)) {
                throw new IllegalArgumentException("theta[" + k + "] = " + theta[k] + " is outside [" + -limit + ", "
                        + limit + "]");
            }
        }
        if (xNoisy == null || xNoisy.length < batch * in) {
            xNoisy = new float[batch * in];
        }
        for (int k = 0; k < batch * in; k++) {
            if (!Float.isFinite(x[k])) {
                throw new IllegalArgumentException("x[" + k + "] = " + x[k]);
            }
            xNoisy[k] = inputNoise > 0 ? (float) (x[k] + inputNoise * noise.nextGaussian()) : x[k];
        }
        physics.forward(batch, xNoisy, theta, y);
        if (outputNoise > 0) {
            for (int k = 0; k < batch * out; k++) {
                y[k] += (float) (outputNoise * noise.nextGaussian());
            }
        }
    }

    @Override
    public DifferentiableMap exactModel() {
        return offersExactModel ? physics : null;
    }

    /** A simulation: it can draw the same noise again (common random numbers), unless it stands for an apparatus. */
    @Override
    public boolean replaysNoise() {
        return offersExactModel;
    }

    @Override
    public void markNoise() {
        noiseMark.copyFrom(noise);
    }

    @Override
    public void replayNoise() {
        noise.copyFrom(noiseMark);
    }

    @Override
    public void saveState(java.io.DataOutput out) throws java.io.IOException {
        noise.save(out);
    }

    @Override
    public void restoreState(java.io.DataInput in) throws java.io.IOException {
        noise.restore(in);
    }
}
