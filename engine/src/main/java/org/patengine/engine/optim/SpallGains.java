package org.patengine.engine.optim;

/**
 * Spall's gain sequence for SPSA (Spall 1998, "Implementation of the simultaneous perturbation
 * algorithm for stochastic optimization"): the step at optimizer step k is
 * {@code a_k = a / (k + 1 + A)^α} with α = 0.602, the perturbation {@code c_k = c / (k + 1)^γ}
 * with γ = 0.101 ({@link #perturbation}; applied by {@link org.patengine.engine.grad.Spsa}). The
 * stability constant A (about a tenth of the run's steps) keeps the first steps from being the
 * largest ones. {@code a} is set so that the first step's gain {@code a_0} is the given rate:
 * {@code a_k = a_0 · ((1 + A) / (k + 1 + A))^α}. (Setting a_0 from the first gradient's size, as
 * Spall suggests, was tried: from one noisy SPSA estimate it diverged on the 2-D circle task.)
 */
public final class SpallGains implements LearningRateSchedule {
    /** α, the decay exponent of the step gain a_k (Spall's practical value; 1 is the asymptotically optimal one). */
    public static final double STEP_DECAY = 0.602;
    /** γ, the decay exponent of the perturbation c_k (Spall's practical value). */
    public static final double C_DECAY = 0.101;

    private final float first;
    private final long stability;

    /**
     * @param first     a_0, the gain of the first step (finite, >= 0)
     * @param stability A (>= 0)
     */
    public SpallGains(float first, long stability) {
        if (!(first >= 0) || Float.isInfinite(first)) {
            throw new IllegalArgumentException("the first SPSA gain a_0 must be finite and >= 0, was " + first);
        }
        if (stability < 0) {
            throw new IllegalArgumentException("the SPSA stability constant A must be >= 0, was " + stability);
        }
        this.first = first;
        this.stability = stability;
    }

    /** A for a run of {@code steps} optimizer steps: a tenth of them, at least 1. */
    public static long stabilityFor(long steps) {
        return Math.max(1, Math.round(0.1 * steps));
    }

    /** a_0, the first step's gain (a later step's is {@link #rate(int, long)}). */
    @Override
    public float rate(int epoch) {
        return first;
    }

    /** a_k. */
    @Override
    public float rate(int epoch, long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, was " + step);
        }
        return (float) (first * Math.pow((1.0 + stability) / (step + 1.0 + stability), STEP_DECAY));
    }

    /** The perturbation at step k: {@code c / (k + 1)^γ}. */
    public static float perturbation(float c, long step) {
        return (float) (c / Math.pow(step + 1.0, C_DECAY));
    }

    @Override
    public String toString() {
        return "spall(a0=" + first + ", A=" + stability + ", alpha=" + STEP_DECAY + ")";
    }
}
