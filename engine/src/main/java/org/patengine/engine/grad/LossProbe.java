package org.patengine.engine.grad;

/**
 * Evaluates the training loss of the current batch at the network's current θ (one forward), the
 * only access to the network the black-box estimators ({@link FiniteDifferences}, {@link Spsa})
 * have.
 */
@FunctionalInterface
public interface LossProbe {
    double loss();
}
