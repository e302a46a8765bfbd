package org.patengine.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Counts training samples as a JMH auxiliary rate ({@code samples}/s next to the score). */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class SampleCounter {
    public long samples;

    @Setup(Level.Iteration)
    public void reset() {
        samples = 0;
    }
}
