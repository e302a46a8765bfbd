package org.patengine.sim;

/**
 * A physical system {@code y = f_p(x, θ)} as the trainer sees it: a black box that can only be run
 * forward on a batch. It may be noisy, drift between calls and differ from any model of it.
 *
 * <p>Layouts: {@code x} is (batch, {@link #inputSize()}) row-major, {@code theta} is
 * ({@link #parameterSize()}), {@code y} is (batch, {@link #outputSize()}) row-major; all start at
 * index 0. A batch may be smaller than the one a system was sized for.
 *
 * <p>Implementations are seeded and reproducible: the same seed and the same sequence of calls give
 * the same outputs. They are not thread-safe: one call at a time.
 *
 * <p>The hidden state that evolves over calls — noise generators, drift — is saved and restored
 * through {@link Stateful}, so that a checkpointed run resumes exactly; systems without such
 * state keep its defaults (nothing).
 */
public interface PhysicalSystem extends Stateful {

    /** A short name, e.g. {@code "oscillators(196, all-to-all)"}. */
    String name();

    /** Inputs per sample. */
    int inputSize();

    /** Outputs per sample. */
    int outputSize();

    /** Number of controllable parameters θ. */
    int parameterSize();

    /** The smallest value parameter {@code i} may take (may be {@code -Infinity}). */
    float parameterLower(int i);

    /** The largest value parameter {@code i} may take (may be {@code +Infinity}). */
    float parameterUpper(int i);

    /**
     * Runs the system on a batch: {@code y = f_p(x, θ)}. Throws {@link IllegalArgumentException}
     * naming the argument for wrong lengths, non-finite values or a parameter outside its range, and
     * {@link ArithmeticException} when the dynamics diverge (non-finite state).
     */
    void forward(int batch, float[] x, float[] theta, float[] y);

    /**
     * The exact vector–Jacobian product of this system at (x, θ), available only because the
     * system is simulated (the {@code ideal} training mode uses it); {@code null} for a real
     * apparatus.
     */
    default DifferentiableMap exactModel() {
        return null;
    }

    /**
     * Whether {@link #markNoise} and {@link #replayNoise} work: a simulation can draw the same
     * noise (and drift) again, which common random numbers between perturbed forwards need; a real
     * apparatus cannot (its noise is physical), so the default is false.
     */
    default boolean replaysNoise() {
        return false;
    }

    /** Remembers the current state of the noise stream and of the drift, for {@link #replayNoise}. */
    default void markNoise() {
        throw new UnsupportedOperationException(name() + " cannot replay its noise (a real apparatus draws it physically)");
    }

    /**
     * Puts the noise stream and the drift back where {@link #markNoise} found them, so the next
     * call draws the same noise as the first call after the mark did.
     */
    default void replayNoise() {
        throw new UnsupportedOperationException(name() + " cannot replay its noise (a real apparatus draws it physically)");
    }
}
