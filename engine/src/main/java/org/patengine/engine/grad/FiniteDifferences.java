package org.patengine.engine.grad;

import org.patengine.engine.network.ParameterSet;
import org.patengine.engine.network.Trainable;
import org.patengine.sim.Rng;

/**
 * Finite differences of the loss in each trainable parameter, one at a time, treating the whole
 * network as a black box (the fd baseline; forward calls only, no VJP):
 * central {@code g_i = (L(θ + εe_i) − L(θ − εe_i)) / 2ε} (2P + 1 forwards, the extra one for the
 * reported loss) or forward {@code g_i = (L(θ + εe_i) − L(θ)) / ε} (P + 1 forwards).
 *
 * <p>Ranges: where {@code θ_i ± ε} would leave {@code [lower, upper]}, the one-sided difference
 * on the side that stays inside is used instead (documented, never silent in effect: the estimate
 * is still a difference quotient of the true loss); if neither side fits, the range is narrower
 * than ε and this throws. Denominators are the actual float steps taken. Draws no random numbers.
 */
public final class FiniteDifferences implements GradientSource {
    private final boolean central;
    private final float epsilon;

    public FiniteDifferences(boolean central, float epsilon) {
        if (!(epsilon > 0) || Float.isInfinite(epsilon)) {
            throw new IllegalArgumentException("finite-difference epsilon must be finite and > 0, was " + epsilon);
        }
        this.central = central;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return (central ? "central" : "forward") + " differences (eps=" + epsilon + ")";
    }


    @Override
    public double compute(BatchLoss loss, Trainable trainable, Rng rng) {
        return estimate(loss, trainable);
    }

    /** The estimate from loss evaluations alone; see {@link GradientSource#compute}. */
    public double estimate(LossProbe probe, Trainable trainable) {
        ParameterSet p = trainable.parameters();
        float[] theta = p.values();
        float[] g = p.gradients();
        double base = probe.loss();
        trainable.zeroFrozenGradients();
        for (int r = 0; r < trainable.rangeCount(); r++) {
            for (int i = trainable.from(r), to = trainable.to(r); i < to; i++) {
                float orig = theta[i];
                try {
                    g[i] = (float) quotient(probe, p, i, orig, base);
                } finally {
                    theta[i] = orig;
                }
            }
        }
        return base;
    }

    /** The difference quotient in parameter i; leaves θ_i perturbed (the caller restores it). */
    private double quotient(LossProbe probe, ParameterSet p, int i, float orig, double base) {
        float[] theta = p.values();
        float up = orig + epsilon;
        float down = orig - epsilon;
        boolean upOk = up <= p.upper(i);
        boolean downOk = down >= p.lower(i);
        if (central && upOk && downOk) {
            theta[i] = up;
            double lUp = probe.loss();
            theta[i] = down;
            double lDown = probe.loss();
            return (lUp - lDown) / ((double) up - down);
        }
        if (upOk) {
            theta[i] = up;
            return (probe.loss() - base) / ((double) up - orig);
        }
        if (downOk) {
            theta[i] = down;
            return (base - probe.loss()) / ((double) orig - down);
        }
        throw new IllegalArgumentException("finite-difference step " + epsilon + " does not fit the range ["
                + p.lower(i) + ", " + p.upper(i) + "] of " + p.describe(i) + " = " + orig);
    }
}
