package org.patengine.sim.hw;

import org.patengine.sim.DifferentiableMap;

/**
 * A system's physics as simulated hardware runs it: a {@link DifferentiableMap} {@code f̃(x, θ)} at
 * the hardware's hidden state (its fixed mismatch and its drifting quantities), with the ranges
 * of θ. The same map without a hidden state is the system's nominal model; the hardware is an
 * {@link IoChain} around the mismatched map ({@link SimulatedHardware}), whose exact model is the
 * map itself.
 *
 * <p>{@link #forward} and {@link #vjp} check their arguments; {@link #run} is the hardware's
 * forward pass, for a θ its caller has already checked with {@link #checkParameters} (and may have
 * quantized), so θ is checked once per call.
 */
public interface PhysicsMap extends DifferentiableMap {

    /** The smallest value parameter {@code i} may take. */
    float parameterLower(int i);

    /** The largest value parameter {@code i} may take. */
    float parameterUpper(int i);

    /**
     * Checks θ: length, finiteness and range; throws {@link IllegalArgumentException} naming the
     * parameter and its range.
     */
    void checkParameters(float[] theta);

    /**
     * Checks the values of x (batch, in), whose lengths the caller has checked, before any noise
     * is added to them: for a system whose inputs have a physical range (a shaper's transmission in
     * [0, 1]) that the actuation noise may then leave. Called by {@link SimulatedHardware#forward}
     * before the I/O chain runs; does nothing by default (the kernel's entry checks finiteness).
     */
    default void checkInputs(int batch, float[] x) {
    }

    /**
     * {@code y = f̃(x, θ)} for a θ already checked by {@link #checkParameters} (a DAC's output lies
     * in the same ranges); x and y are checked on the way down, as in {@link #forward}.
     */
    void run(int batch, float[] x, float[] theta, float[] y);

    /**
     * The hidden quantities that drift between calls, which the {@link IoChain} random-walks in
     * place (one step of {@link IoKnobs#drift} per call, in this order) and checkpoints; the live
     * array, empty when nothing drifts.
     */
    float[] drifting();
}
