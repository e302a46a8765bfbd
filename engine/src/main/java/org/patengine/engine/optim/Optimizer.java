package org.patengine.engine.optim;

import org.patengine.engine.network.ParameterSet;
import org.patengine.engine.network.Trainable;

/**
 * Updates parameters from their gradients: {@code θ ← θ − update(g)} over the trainable ranges.
 *
 * <p>Only the parameters of the {@link Trainable} are updated, and only their state (moments,
 * velocities) changes; frozen parameters and their state stay untouched. An optimizer does not
 * enforce the parameter ranges: the trainer applies the {@link BoxProjection} once after the
 * update, whatever the optimizer.
 *
 * <p>A non-finite gradient is an error ({@link ArithmeticException} naming the parameter), never
 * skipped. State (moments, velocities) is sized on the first step; later steps allocate nothing.
 */
public interface Optimizer {

    /** One update of every trainable parameter, from {@link ParameterSet#gradients()}. */
    void step(Trainable trainable, float learningRate);

    /** Forgets all state (moments, step count). */
    void reset();

    /** A short description with the hyper-parameters. */
    String name();

    /** Writes the optimizer's state (moments, step count) for a checkpoint. */
    void saveState(java.io.DataOutput out) throws java.io.IOException;

    /** Restores a state written by {@link #saveState}; throws when it does not fit {@code size} parameters. */
    void restoreState(java.io.DataInput in, int size) throws java.io.IOException;

    /** Writes a possibly null float array (length, then values). */
    static void writeArray(java.io.DataOutput out, float[] a) throws java.io.IOException {
        out.writeInt(a == null ? -1 : a.length);
        if (a != null) {
            for (float v : a) {
                out.writeFloat(v);
            }
        }
    }

    /** Reads an array written by {@link #writeArray}; its length must be {@code size} (or it was null). */
    static float[] readArray(java.io.DataInput in, int size, String what) throws java.io.IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n != size) {
            throw new java.io.IOException(what + " has " + n + " values in the checkpoint, the network has " + size + " parameters");
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    /** Shared argument checks. */
    static void check(Trainable trainable, float learningRate) {
        if (trainable == null) {
            throw new NullPointerException("trainable ranges are null");
        }
        if (!(learningRate >= 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, was " + learningRate);
        }
        // Every trained gradient is checked before any parameter moves, so a refused step leaves θ
        // (and the optimizer's state) exactly as it was, and the update loops stay check-free.
        ParameterSet p = trainable.parameters();
        float[] g = p.gradients();
        for (int r = 0; r < trainable.rangeCount(); r++) {
            for (int i = trainable.from(r), to = trainable.to(r); i < to; i++) {
                if (!Float.isFinite(g[i])) {
                    nonFinite(p, i);
                }
            }
        }
    }

    /** Throws for a non-finite gradient. */
    private static void nonFinite(ParameterSet p, int i) {
        throw new ArithmeticException("gradient of " + p.describe(i) + " is " + p.gradients()[i]
                + "; refusing to update (the loss or a VJP produced a non-finite value)");
    }
}
