package org.patengine.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts floating-point operations as a JMH auxiliary counter: JMH reports {@code flops} as a rate
 * next to the primary score, so the JSON carries flop/s directly (summed over benchmark threads)
 * and {@link JmhReport} does not have to know each benchmark's flops per call.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class FlopCounter {
    /** Floating-point operations done in this iteration (an FMA counts as two). */
    public long flops;

    /** JMH does not reset auxiliary counters itself. */
    @Setup(Level.Iteration)
    public void reset() {
        flops = 0;
    }
}
