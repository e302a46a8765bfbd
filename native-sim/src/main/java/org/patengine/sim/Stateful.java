package org.patengine.sim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A component whose hidden state evolves while it is used — a noise generator, a drift, a learned
 * twin's weights, an estimator's generator — and must be checkpointed for a resumed run to
 * continue exactly as an uninterrupted one.
 *
 * <p>Contract: {@link #restoreState} reads exactly the bytes {@link #saveState} wrote, and after
 * it the component behaves as the one that wrote them. The trainer writes every stateful component
 * of a network in one deterministic order (layer by layer), so a component with state only
 * implements this interface; the checkpoint format code does not change. The defaults write and
 * read nothing, for components whose state may be empty (a noiseless system).
 */
public interface Stateful {

    /** Writes the state that evolves over calls, so that a checkpointed run can resume exactly. */
    default void saveState(DataOutput out) throws IOException {
    }

    /** Restores a state written by {@link #saveState}. */
    default void restoreState(DataInput in) throws IOException {
    }
}
