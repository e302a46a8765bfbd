package org.patengine.engine.grad;

/**
 * Evaluates the training loss of the current batch at the network's current θ, the only access
 * to the network the black-box estimators ({@link FiniteDifferences}, {@link Spsa}) have.
 */
public interface LossProbe {
    /** One whole forward at the current θ and the loss. */
    double loss();

    /**
     * The loss after parameters from index {@code first} on changed since the last forward, none
     * before it: a probe may re-run only the layers from the one that holds {@code first}, reusing
     * the outputs of those before it (noise draw included; {@link BatchLoss} does). Callers that
     * change parameters of several layers one after the other go from the last layer back. The
     * default runs the whole forward.
     */
    default double lossAfterChange(int first) {
        return loss();
    }
}
