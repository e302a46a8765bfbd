package org.patengine.engine.data;

/**
 * Samples the trainer reads by index: an input vector and a class label and/or a target vector.
 * Implementations validate their data when they are built (finite values, labels in range), so
 * reading a sample never fails and never allocates.
 */
public interface Dataset {

    /** Number of samples. */
    int size();

    /** Values per input sample. */
    int inputSize();

    /** Number of classes, or 0 when the samples have no labels. */
    int classCount();

    /** Values per target sample, or 0 when the samples have no target values. */
    int targetSize();

    /** Copies the input of sample {@code index} into {@code x[xOff, xOff + inputSize())}. */
    void input(int index, float[] x, int xOff);

    /** The class label of sample {@code index} (only when {@link #classCount()} > 0). */
    int label(int index);

    /**
     * Called by the trainer before each training epoch (0-based); a dataset whose samples change
     * from epoch to epoch (augmentation) draws them for this epoch. Does nothing by default.
     */
    default void beginEpoch(int epoch) {
    }

    /** Copies the target of sample {@code index} into {@code t[tOff, tOff + targetSize())}. */
    void target(int index, float[] t, int tOff);
}
