package org.patengine.engine.grad;

import org.patengine.engine.network.Trainable;
import org.patengine.sim.Rng;

/**
 * Where a training step's gradient comes from: backpropagation through a chosen pair of forward
 * and backward passes ({@link Backprop}: pat, insilico, ideal, reservoir) or an estimate from loss
 * evaluations alone ({@link FiniteDifferences}, {@link Spsa}). Each
 * {@link org.patengine.engine.train.TrainingMode} makes its own.
 *
 * <p>A source with state that evolves over steps implements {@link org.patengine.sim.Stateful}
 * and the trainer checkpoints it after the network's components.
 */
public interface GradientSource {

    /**
     * Overwrites {@code trainable.parameters().gradients()} with {@code ∂L/∂θ} of the batch's mean
     * loss (computed or estimated) for every trainable parameter and with zeros for every frozen
     * one, and returns the loss at θ (for a source that only sees perturbed θ, an estimate of it).
     * θ is unchanged on return, bit for bit.
     *
     * @param loss      the current batch's loss
     * @param trainable the parameters to differentiate in
     * @param rng       the estimator's generator, for the sources that draw random numbers (SPSA's
     *                  directions); the others leave it untouched
     */
    double compute(BatchLoss loss, Trainable trainable, Rng rng);

    /**
     * Told before each {@link #compute} which optimizer step of the run it is for (counted from
     * 0, checkpointed by the trainer), for sources whose settings follow a schedule (SPSA's
     * decaying perturbation); the default ignores it.
     */
    default void atStep(long step) {
    }

    /**
     * Whether, after {@link #compute}, the network's output holds the forward at the unperturbed
     * θ, so that the trainer can count the batch's right answers (false for estimators, whose last
     * forward ran at a perturbed θ).
     */
    default boolean leavesUnperturbedOutput() {
        return false;
    }

    /** A short description with the settings. */
    String name();
}
