package org.patengine.engine.layer;

/**
 * A digital model that learns from what its physical layer measures while the network trains: a
 * learned twin refined in the loop ({@link org.patengine.engine.twin.TwinRefinement}). Every PAT
 * step's physical forward is a measurement of the system at the network's own operating point,
 * exactly where the backward pass needs the model to be right.
 */
public interface MeasuredModel {

    /**
     * The system answered {@code y} (batch, out) to the inputs {@code x} (batch, in) at {@code theta}
     * in a training step. Called after every physical forward while training; copies what it keeps
     * and must not allocate.
     */
    void measured(int batch, float[] x, float[] theta, float[] y);

    /** Called once at the end of each training epoch, after its last step: learn from the measurements. */
    void endOfEpoch();
}
