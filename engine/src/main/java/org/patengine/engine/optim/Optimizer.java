package org.patengine.engine.optim;

import org.patengine.engine.network.ParameterSet;

/**
 * Updates parameters from their gradients.
 *
 * <p>Range policy (all optimizers): after each update, every updated parameter is clamped into
 * its allowed range {@code [lower, upper]} ({@link ParameterSet#clampToRange}), e.g. a physical
 * system's actuator limits. This projection is the documented behaviour, chosen over the
 * reference code's soft penalty because a physical system must never be driven outside its
 * range, not even by a little. Frozen segments are neither updated nor clamped.
 *
 * <p>A non-finite gradient is an error ({@link ArithmeticException} naming the parameter), never
 * skipped. State (moments, velocities) is sized on the first step; later steps allocate nothing.
 */
public interface Optimizer {

    /**
     * One update of every segment that is not frozen, from {@link ParameterSet#gradients()}.
     *
     * @param frozenSegments per segment, whether it is frozen; null = none
     */
    void step(ParameterSet parameters, boolean[] frozenSegments, float learningRate);

    /** Forgets all state (moments, step count). */
    void reset();

    /** A short description with the hyper-parameters. */
    String name();

    /** Shared argument checks. */
    static void check(ParameterSet p, boolean[] frozenSegments, float learningRate) {
        if (p == null) {
            throw new NullPointerException("parameters are null");
        }
        if (frozenSegments != null && frozenSegments.length != p.segmentCount()) {
            throw new IllegalArgumentException("frozenSegments has length " + frozenSegments.length + ", expected "
                    + p.segmentCount());
        }
        if (!(learningRate >= 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, was " + learningRate);
        }
    }

    /** Throws for a non-finite gradient. */
    static void nonFinite(ParameterSet p, int i) {
        throw new ArithmeticException("gradient of " + p.describe(i) + " is " + p.gradients()[i]
                + "; refusing to update (the loss or a VJP produced a non-finite value)");
    }
}
