package org.patengine.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FMA peak loop that GEMM results are compared with (the JMH {@code PeakFlopsBenchmark} runs
 * it; it lives here because only this package touches the Vector API): {@value #ACCUMULATORS}
 * independent chains {@code acc_i = acc_i·x + y} of {@link VectorWidth#FLOAT} vectors, all in
 * registers, so the only limit is FMA throughput (enough chains to cover latency × ports, no loads
 * or stores).
 */
public final class SimdPeak {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    /** Independent accumulators: at least FMA latency (4) × FMA ports (2) on current x86 cores. */
    public static final int ACCUMULATORS = 12;
    /** FMA steps per call: long enough that the final reduction is noise. */
    public static final int STEPS = 1024;
    /** Flops per call of {@link #fmaChains} (one FMA = 2 flops per lane). */
    public static final long FLOPS_PER_CALL = 2L * ACCUMULATORS * STEPS * S.length();

    private SimdPeak() {
    }

    /**
     * {@value #STEPS} steps of the {@value #ACCUMULATORS} chains from x and y (pass fields, not
     * constants, so C2 cannot fold the chains; |x| &lt; 1 keeps the values bounded); returns their sum.
     */
    public static float fmaChains(float xs, float ys) {
        FloatVector x = FloatVector.broadcast(S, xs);
        FloatVector y = FloatVector.broadcast(S, ys);
        FloatVector a0 = FloatVector.broadcast(S, 0f), a1 = FloatVector.broadcast(S, 1f);
        FloatVector a2 = FloatVector.broadcast(S, 2f), a3 = FloatVector.broadcast(S, 3f);
        FloatVector a4 = FloatVector.broadcast(S, 4f), a5 = FloatVector.broadcast(S, 5f);
        FloatVector a6 = FloatVector.broadcast(S, 6f), a7 = FloatVector.broadcast(S, 7f);
        FloatVector a8 = FloatVector.broadcast(S, 8f), a9 = FloatVector.broadcast(S, 9f);
        FloatVector a10 = FloatVector.broadcast(S, 10f), a11 = FloatVector.broadcast(S, 11f);
        for (int i = 0; i < STEPS; i++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
            a10 = a10.fma(x, y);
            a11 = a11.fma(x, y);
        }
        FloatVector s = a0.add(a1).add(a2.add(a3)).add(a4.add(a5).add(a6.add(a7))).add(a8.add(a9).add(a10.add(a11)));
        return s.reduceLanes(VectorOperators.ADD);
    }
}
