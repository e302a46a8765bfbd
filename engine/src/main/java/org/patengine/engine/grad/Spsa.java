package org.patengine.engine.grad;

import org.patengine.engine.network.ParameterSet;
import org.patengine.engine.network.Trainable;
import org.patengine.sim.Rng;

/**
 * Simultaneous-perturbation stochastic approximation (Spall 1992), treating the whole network as
 * a black box (the spsa baseline; forward calls only, no VJP): with a random Rademacher direction
 * Δ ∈ {±1}^P over the trainable parameters,
 * {@code g_i = (L(θ + cΔ) − L(θ − cΔ)) / (θ⁺_i − θ⁻_i)}, which is {@code (L⁺ − L⁻)/(2cΔ_i)} when
 * no range interferes: 2 forwards per estimate, averaged over {@code samples} estimates.
 *
 * <p>Ranges: the perturbed points are projected into {@code [lower, upper]}; the denominator is
 * the actual difference {@code θ⁺_i − θ⁻_i} (a parameter whose range has zero width gets 0). The
 * reported loss is the mean of L⁺ and L⁻, so no extra forward is spent on it. The directions are
 * drawn from the given generator, one sign per trainable parameter in ascending index order per
 * estimate.
 *
 * <p>With {@code decaying}, the perturbation at optimizer step k is Spall's
 * {@code c_k = c / (k + 1)^0.101} ({@link org.patengine.engine.optim.SpallGains}), the step told
 * by {@link #atStep}; otherwise c at every step.
 */
public final class Spsa implements GradientSource {
    private final float c;
    private final int samples;
    private final boolean decaying;
    private float ck;       // this step's perturbation
    private float[] saved;  // (P): θ before perturbation
    private float[] plus;   // (P): θ⁺
    private float[] sum;    // (P): accumulated estimates

    /** With the same perturbation c at every step. */
    public Spsa(float c, int samples) {
        this(c, samples, false);
    }

    /** With {@code decaying}, Spall's perturbation {@code c_k = c / (k + 1)^0.101} at step k. */
    public Spsa(float c, int samples, boolean decaying) {
        if (!(c > 0) || Float.isInfinite(c)) {
            throw new IllegalArgumentException("SPSA perturbation c must be finite and > 0, was " + c);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("SPSA samples must be >= 1, was " + samples);
        }
        this.c = c;
        this.samples = samples;
        this.decaying = decaying;
        this.ck = c;
    }

    @Override
    public void atStep(long step) {
        ck = decaying ? org.patengine.engine.optim.SpallGains.perturbation(c, step) : c;
    }

    /** The perturbation the next estimate uses (c, or c_k after {@link #atStep}). */
    public float perturbation() {
        return ck;
    }

    @Override
    public String name() {
        return "spsa(c=" + c + (decaying ? "/(k+1)^" + org.patengine.engine.optim.SpallGains.C_DECAY : "") + ", samples=" + samples + ")";
    }


    @Override
    public double compute(BatchLoss loss, Trainable trainable, Rng rng) {
        trainable.zeroFrozenGradients();
        return estimate(loss, trainable, rng, false);
    }

    /**
     * Writes the estimate into the gradients of {@code estimated}'s parameters only (the others
     * are left as they are) and returns the mean of the perturbed losses. The probe ran its last
     * forward at θ on this batch, so each perturbed forward re-runs only the layers from the first
     * estimated parameter's ({@link LossProbe#lossAfterChange}).
     */
    public double estimateAt(LossProbe probe, Trainable estimated, Rng rng) {
        return estimate(probe, estimated, rng, true);
    }

    private double estimate(LossProbe probe, Trainable trainable, Rng rng, boolean reuse) {
        ParameterSet p = trainable.parameters();
        int n = p.size();
        if (saved == null || saved.length != n) {
            saved = new float[n];
            plus = new float[n];
            sum = new float[n];
        }
        if (trainable.size() == 0) {
            return reuse ? Double.NaN : probe.loss();
        }
        float[] theta = p.values();
        System.arraycopy(theta, 0, saved, 0, n);
        java.util.Arrays.fill(sum, 0f);
        double lossSum = 0;
        try {
            lossSum = perturbAndProbe(probe, trainable, rng, theta, reuse ? trainable.from(0) : -1);
        } finally {
            System.arraycopy(saved, 0, theta, 0, n);
        }
        float[] g = p.gradients();
        float inv = 1f / samples;
        for (int r = 0; r < trainable.rangeCount(); r++) {
            for (int i = trainable.from(r), to = trainable.to(r); i < to; i++) {
                g[i] = sum[i] * inv;
            }
        }
        return lossSum / samples;
    }

    /** Runs the perturbations, accumulating into {@code sum}; returns the sum of the loss estimates. */
    private double perturbAndProbe(LossProbe probe, Trainable trainable, Rng rng, float[] theta, int first) {
        ParameterSet p = trainable.parameters();
        int ranges = trainable.rangeCount();
        double lossSum = 0;
        for (int k = 0; k < samples; k++) {
            for (int r = 0; r < ranges; r++) {
                for (int i = trainable.from(r), to = trainable.to(r); i < to; i++) {
                    float d = ck * rng.nextSign();
                    plus[i] = Math.min(Math.max(saved[i] + d, p.lower(i)), p.upper(i));
                    theta[i] = Math.min(Math.max(saved[i] - d, p.lower(i)), p.upper(i));
                }
            }
            double lMinus = first < 0 ? probe.loss() : probe.lossAfterChange(first);
            for (int r = 0; r < ranges; r++) {
                for (int i = trainable.from(r), to = trainable.to(r); i < to; i++) {
                    float minus = theta[i];
                    theta[i] = plus[i];
                    plus[i] = minus; // keep θ⁻ for the denominator
                }
            }
            double lPlus = first < 0 ? probe.loss() : probe.lossAfterChange(first);
            double diff = lPlus - lMinus;
            for (int r = 0; r < ranges; r++) {
                for (int i = trainable.from(r), to = trainable.to(r); i < to; i++) {
                    double width = (double) theta[i] - plus[i];
                    if (width != 0) {
                        sum[i] += (float) (diff / width);
                    }
                }
            }
            lossSum += 0.5 * (lPlus + lMinus);
        }
        return lossSum;
    }
}
