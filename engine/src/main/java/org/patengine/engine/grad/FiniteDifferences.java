package org.patengine.engine.grad;

import org.patengine.engine.network.ParameterSet;
import org.patengine.engine.network.Trainable;
import org.patengine.sim.Rng;

/**
 * Finite differences of the loss in each trainable parameter, one at a time, from loss values
 * alone (the fd baseline; no VJP): central {@code g_i = (L(θ + h_i e_i) − L(θ − h_i e_i)) / 2h_i}
 * (2P forwards after the one at θ) or forward {@code g_i = (L(θ + h_i e_i) − L(θ)) / h_i}
 * (P after it).
 *
 * <p>Step: {@code h_i = ε·(upper_i − lower_i)} for a parameter with a finite range when the step is
 * relative (so a phase in [0, 2π] and a gain in [0, 1] move by the same share), else {@code h_i =
 * ε}. Perturbations go from the last parameter back, and each probe re-runs only the layers from
 * the perturbed parameter's own ({@link LossProbe#lossAfterChange}): the layers before it keep the
 * outputs, noise draw included, of the forward at θ — common random numbers for everything
 * upstream, and fewer physical calls.
 *
 * <p>Ranges: where {@code θ_i ± h_i} would leave {@code [lower, upper]}, the one-sided difference
 * on the side that stays inside is used instead (the estimate is still a difference quotient of
 * the true loss); if neither side fits, the range is narrower than the step and this throws.
 * Denominators are the float steps actually taken. Draws no random numbers.
 */
public final class FiniteDifferences implements GradientSource {
    private final boolean central;
    private final float epsilon;
    private final boolean relative;

    /** Absolute steps ε. */
    public FiniteDifferences(boolean central, float epsilon) {
        this(central, epsilon, false);
    }

    /** Steps ε, or ε times each finite range when {@code relative}. */
    public FiniteDifferences(boolean central, float epsilon, boolean relative) {
        if (!(epsilon > 0) || Float.isInfinite(epsilon)) {
            throw new IllegalArgumentException("finite-difference epsilon must be finite and > 0, was " + epsilon);
        }
        this.central = central;
        this.epsilon = epsilon;
        this.relative = relative;
    }

    public boolean central() {
        return central;
    }

    @Override
    public String name() {
        return (central ? "central" : "forward") + " differences (eps=" + epsilon + (relative ? " of each range" : "") + ")";
    }

    @Override
    public double compute(BatchLoss loss, Trainable trainable, Rng rng) {
        double base = loss.loss();
        trainable.zeroFrozenGradients();
        estimateAt(loss, trainable, base);
        return base;
    }

    /**
     * Writes the estimate into the gradients of {@code estimated}'s parameters only (the others
     * are left as they are). {@code base} is the loss of the forward at θ the probe ran last.
     */
    public void estimateAt(LossProbe probe, Trainable estimated, double base) {
        ParameterSet p = estimated.parameters();
        float[] theta = p.values();
        float[] g = p.gradients();
        for (int r = estimated.rangeCount() - 1; r >= 0; r--) {
            for (int i = estimated.to(r) - 1, from = estimated.from(r); i >= from; i--) {
                float orig = theta[i];
                try {
                    g[i] = (float) quotient(probe, p, i, orig, base);
                } finally {
                    theta[i] = orig;
                }
            }
        }
    }

    /** The step for parameter i. */
    float step(ParameterSet p, int i) {
        float width = p.upper(i) - p.lower(i);
        return relative && Float.isFinite(width) && width > 0 ? epsilon * width : epsilon;
    }

    /** The difference quotient in parameter i; leaves θ_i perturbed (the caller restores it). */
    private double quotient(LossProbe probe, ParameterSet p, int i, float orig, double base) {
        float[] theta = p.values();
        float h = step(p, i);
        float up = orig + h;
        float down = orig - h;
        boolean upOk = up <= p.upper(i);
        boolean downOk = down >= p.lower(i);
        if (central && upOk && downOk) {
            theta[i] = up;
            double lUp = probe.lossAfterChange(i);
            theta[i] = down;
            double lDown = probe.lossAfterChange(i);
            return (lUp - lDown) / ((double) up - down);
        }
        if (upOk) {
            theta[i] = up;
            return (probe.lossAfterChange(i) - base) / ((double) up - orig);
        }
        if (downOk) {
            theta[i] = down;
            return (base - probe.lossAfterChange(i)) / ((double) orig - down);
        }
        throw new IllegalArgumentException("finite-difference step " + h + " does not fit the range ["
                + p.lower(i) + ", " + p.upper(i) + "] of " + p.describe(i) + " = " + orig);
    }
}
