package org.patengine.engine.optim;

import org.patengine.engine.network.ParameterSet;
import org.patengine.engine.network.Trainable;

/**
 * The range policy of training, applied once after every optimizer update (optax's
 * {@code projection_box}): each trainable parameter is projected onto its box,
 * {@code θ_i ← min(max(θ_i, lower_i), upper_i)} ({@link ParameterSet#clampToRange}), e.g. a
 * physical system's actuator limits. Chosen over the reference code's soft penalty because a
 * physical system must never be driven outside its range, not even by a little. Frozen
 * parameters are not touched (they never leave their range: they do not move).
 *
 * <p>Element-wise, so projecting after the whole update gives the same floats as clamping each
 * value right after it was updated.
 */
public final class BoxProjection {

    private BoxProjection() {
    }

    /** Projects every parameter of {@code trainable} onto its range. */
    public static void project(Trainable trainable) {
        if (trainable == null) {
            throw new NullPointerException("trainable ranges are null");
        }
        ParameterSet p = trainable.parameters();
        for (int r = 0; r < trainable.rangeCount(); r++) {
            p.clampToRange(trainable.from(r), trainable.to(r));
        }
    }
}
