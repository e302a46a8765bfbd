package org.patengine.engine.optim;

/**
 * A step schedule: {@code η(epoch) = η₀ · γ^⌊epoch / stepEpochs⌋} (PyTorch's {@code StepLR}).
 */
public final class StepSchedule implements LearningRateSchedule {
    private final float initial;
    private final float gamma;
    private final int stepEpochs;

    /**
     * @param initial    η₀
     * @param gamma      factor applied every {@code stepEpochs} epochs
     * @param stepEpochs epochs between reductions (>= 1)
     */
    public StepSchedule(float initial, float gamma, int stepEpochs) {
        if (!(initial >= 0) || Float.isInfinite(initial)) {
            throw new IllegalArgumentException("initial learning rate must be finite and >= 0, was " + initial);
        }
        if (!(gamma > 0) || Float.isInfinite(gamma)) {
            throw new IllegalArgumentException("step schedule gamma must be finite and > 0, was " + gamma);
        }
        if (stepEpochs < 1) {
            throw new IllegalArgumentException("step schedule stepEpochs must be >= 1, was " + stepEpochs);
        }
        this.initial = initial;
        this.gamma = gamma;
        this.stepEpochs = stepEpochs;
    }

    @Override
    public float rate(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
        }
        return (float) (initial * Math.pow(gamma, epoch / stepEpochs));
    }

    @Override
    public String toString() {
        return "step(lr=" + initial + ", gamma=" + gamma + ", every " + stepEpochs + " epochs)";
    }
}
