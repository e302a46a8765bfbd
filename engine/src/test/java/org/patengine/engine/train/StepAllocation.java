package org.patengine.engine.train;

import org.patengine.testkit.AllocationProbe;

/**
 * The steady-state training step's allocation, as every zero-allocation test of the trainer measures
 * it: {@code warmup} pairs of steps (a full batch, then one {@code shortBy} rows short, so the
 * partial-batch path is warmed too) before the probe, because the kernels' pools start lazily and C2
 * must compile the vector loops; then the {@link AllocationProbe}'s best window of {@code window}
 * such pairs, on the calling thread and the pools' threads.
 */
public final class StepAllocation {
    private StepAllocation() {
    }

    /** The best window's leftover bytes of {@code window} step pairs after {@code warmup} pairs. */
    public static long steadyStateBytes(Trainer t, int batch, int shortBy, float[] x, int[] labels, int warmup, int window) {
        for (int i = 0; i < warmup; i++) {
            pair(t, batch, shortBy, x, labels);
        }
        return AllocationProbe.of(AllocationProbe.POOL_PREFIX).leftover(() -> {
            for (int i = 0; i < window; i++) {
                pair(t, batch, shortBy, x, labels);
            }
        });
    }

    private static void pair(Trainer t, int batch, int shortBy, float[] x, int[] labels) {
        t.step(batch, x, labels, null);
        t.step(batch - shortBy, x, labels, null);
    }
}
