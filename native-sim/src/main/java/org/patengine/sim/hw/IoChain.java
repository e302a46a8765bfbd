package org.patengine.sim.hw;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.patengine.sim.Rng;

/**
 * The generic input/output chain of simulated hardware ({@link IoKnobs}), around a system's
 * {@link PhysicsMap}: per call,
 * <pre>
 *   drifting_j += drift·randn          (one random-walk step of each drifting hidden quantity)
 *   θ̃ = DAC(θ)                         (each parameter over its own range)
 *   x̃ = DAC(x) + σ_x·randn             (over ±dacRange)
 *   v_b = (1 + σ_p·randn)·f̃(x̃, θ̃)_b   (one power factor per sample)
 *   y  = ADC(v + σ_s·√max(v, 0)·randn + σ_y·randn)     (shot and readout noise; ADC over ±adcRange)
 * </pre>
 * Every stage that is off is skipped and draws nothing (x and θ pass through as the same arrays).
 * All noise comes from one stream seeded by {@code seed ^ }{@value #NOISE_STREAM}, drawn in this
 * order: the drift steps, the actuation noise (sample by sample), then the readout sample by sample:
 * the sample's power factor, then per output its shot noise and its readout noise. The same seed and sequence of
 * calls give the same outputs, and {@link #save}/{@link #restore} checkpoint the stream and the
 * drifting quantities.
 *
 * <p>The quantizer is uniform with {@code 2^bits} levels over [lo, hi]; values beyond saturate.
 * Not thread-safe; workspaces grow with the largest batch seen, after which calls allocate nothing.
 */
public final class IoChain {
    /** Mixed into the seed for the noise stream, so it is independent of a mismatch drawn from the seed. */
    public static final long NOISE_STREAM = 0x6A09E667F3BCC909L;

    private final IoKnobs knobs;
    private final int inputSize;
    private final int outputSize;
    private final float[] lower;        // (P): each parameter's DAC range
    private final float[] upper;
    private final float[] drifting;     // the physics' drifting quantities, stepped in place
    private final float[] thetaApplied; // (P): θ after the DAC
    private final Rng noise;
    private final Rng noiseMark;        // the stream as mark() found it
    private final float[] driftingMark; // the drifting quantities as mark() found them
    private boolean marked;
    private float[] xApplied = new float[0]; // (batch, in): the input actually applied

    /** The chain around {@code physics}: its sizes, its parameter ranges and its drifting quantities. */
    public IoChain(IoKnobs knobs, long seed, PhysicsMap physics) {
        this.knobs = knobs;
        this.inputSize = physics.inputSize();
        this.outputSize = physics.outputSize();
        int p = physics.parameterSize();
        this.lower = new float[p];
        this.upper = new float[p];
        for (int i = 0; i < p; i++) {
            lower[i] = physics.parameterLower(i);
            upper[i] = physics.parameterUpper(i);
        }
        this.drifting = physics.drifting();
        this.thetaApplied = new float[p];
        this.noise = new Rng(seed ^ NOISE_STREAM);
        this.noiseMark = new Rng(0);
        this.driftingMark = new float[drifting.length];
    }

    public IoKnobs knobs() {
        return knobs;
    }

    /** Checks the batch and the lengths of x (batch, in) and y (batch, out), naming the argument. */
    public void checkLengths(int batch, float[] x, float[] y) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, was " + batch);
        }
        if (x == null || x.length < batch * inputSize) {
            throw new IllegalArgumentException("x has length " + (x == null ? "null" : x.length) + ", expected at least "
                    + batch + " x " + inputSize);
        }
        if (y == null || y.length < batch * outputSize) {
            throw new IllegalArgumentException("y has length " + (y == null ? "null" : y.length) + ", expected at least "
                    + batch + " x " + outputSize);
        }
    }

    /** Advances the slow drift by one call: each drifting quantity takes one step, in order. */
    public void drift() {
        float d = knobs.drift();
        if (d > 0) {
            for (int j = 0; j < drifting.length; j++) {
                drifting[j] += (float) (d * noise.nextGaussian());
            }
        }
    }

    /** θ as the DAC applies it: θ itself without a DAC, else a workspace (valid until the next call). */
    public float[] parameters(float[] theta) {
        if (knobs.dacBits() == 0) {
            return theta;
        }
        for (int i = 0; i < thetaApplied.length; i++) {
            thetaApplied[i] = quantize(theta[i], lower[i], upper[i], knobs.dacBits());
        }
        return thetaApplied;
    }

    /**
     * x as applied to the physics (DAC, then actuation noise): x itself when both are off, else a
     * workspace (valid until the next call). Only the DAC checks x's values, in the same pass,
     * because it would turn a NaN into a valid level; noise keeps a non-finite value non-finite,
     * so otherwise the kernel's checked entry is the one check.
     */
    public float[] input(int batch, float[] x) {
        if (knobs.dacBits() == 0 && knobs.actuationNoise() == 0) {
            return x;
        }
        int len = batch * inputSize;
        if (xApplied.length < len) {
            xApplied = new float[len];
        }
        float sigma = knobs.actuationNoise();
        boolean dac = knobs.dacBits() > 0;
        for (int i = 0; i < len; i++) {
            if (dac && !Float.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i / inputSize + ", " + i % inputSize + "] = " + x[i]
                        + ": expected a finite value");
            }
            float v = dac ? quantize(x[i], -knobs.dacRange(), knobs.dacRange(), knobs.dacBits()) : x[i];
            xApplied[i] = sigma > 0 ? v + (float) (sigma * noise.nextGaussian()) : v;
        }
        return xApplied;
    }

    /**
     * The readout in place: per sample the power factor, then per output shot noise, readout noise
     * and the ADC (each stage only when on).
     */
    public void output(int batch, float[] y) {
        float sigmaP = knobs.powerNoise(), sigmaS = knobs.shotNoise(), sigmaY = knobs.readoutNoise();
        int adc = knobs.adcBits();
        if (sigmaP == 0 && sigmaS == 0 && sigmaY == 0 && adc == 0) {
            return;
        }
        for (int b = 0; b < batch; b++) {
            float power = sigmaP > 0 ? 1f + (float) (sigmaP * noise.nextGaussian()) : 1f;
            for (int i = b * outputSize; i < (b + 1) * outputSize; i++) {
                float v = sigmaP > 0 ? power * y[i] : y[i];
                if (sigmaS > 0) {
                    v += (float) (sigmaS * Math.sqrt(Math.max(v, 0f)) * noise.nextGaussian());
                }
                if (sigmaY > 0) {
                    v += (float) (sigmaY * noise.nextGaussian());
                }
                y[i] = adc > 0 ? quantize(v, -knobs.adcRange(), knobs.adcRange(), adc) : v;
            }
        }
    }

    /** Uniform quantization of v to {@code bits} over [lo, hi]; values outside saturate. */
    public static float quantize(float v, float lo, float hi, int bits) {
        float levels = (1 << bits) - 1;
        float u = (Math.min(Math.max(v, lo), hi) - lo) / (hi - lo);
        return lo + Math.round(u * levels) / levels * (hi - lo);
    }

    /** Remembers the noise stream and the drifting quantities, for {@link #replay}. */
    public void mark() {
        noiseMark.copyFrom(noise);
        System.arraycopy(drifting, 0, driftingMark, 0, drifting.length);
        marked = true;
    }

    /** Puts the noise stream and the drifting quantities back to where {@link #mark} found them. */
    public void replay() {
        if (!marked) {
            throw new IllegalStateException("replay() without an earlier mark()");
        }
        noise.copyFrom(noiseMark);
        System.arraycopy(driftingMark, 0, drifting, 0, drifting.length);
    }

    /** Writes the noise stream, then each drifting quantity (a float each, in order). */
    public void save(DataOutput out) throws IOException {
        noise.save(out);
        for (float d : drifting) {
            out.writeFloat(d);
        }
    }

    /** Restores a state written by {@link #save}. */
    public void restore(DataInput in) throws IOException {
        noise.restore(in);
        for (int j = 0; j < drifting.length; j++) {
            drifting[j] = in.readFloat();
        }
    }
}
