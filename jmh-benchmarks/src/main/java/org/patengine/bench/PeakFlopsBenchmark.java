package org.patengine.bench;

import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.patengine.kernels.simd.VectorWidth;

/**
 * The measured FMA peak that GEMM results are compared with: {@value #ACCUMULATORS} independent
 * chains {@code acc_i = acc_i·x + y} of {@link VectorWidth#FLOAT} vectors, all in registers, so the
 * only limit is FMA throughput (enough chains to cover latency × ports, no loads or stores).
 *
 * <p>One call does {@code 2 · ACCUMULATORS · STEPS · lanes} flops; {@link FlopCounter} reports the
 * rate. {@link #oneThread} is the single-core peak, {@link #twoThreads} runs the same loop on two
 * threads at once (JMH sums their rates) for the both-cores peak.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class PeakFlopsBenchmark {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    /** Independent accumulators: at least FMA latency (4) × FMA ports (2) on current x86 cores. */
    static final int ACCUMULATORS = 12;
    /** FMA steps per call: long enough that the final reduction is noise. */
    static final int STEPS = 1024;
    /** Flops per call (one FMA = 2 flops per lane). */
    static final long FLOPS_PER_CALL = 2L * ACCUMULATORS * STEPS * S.length();

    /** Fields, not constants, so C2 cannot fold the chains; |x| < 1 keeps the values bounded. */
    private float x = 0.999f;
    private float y = 1.0e-3f;

    @Benchmark
    public void oneThread(FlopCounter counter, Blackhole bh) {
        bh.consume(fmaChains(x, y));
        counter.flops += FLOPS_PER_CALL;
    }

    @Benchmark
    @Threads(2)
    public void twoThreads(FlopCounter counter, Blackhole bh) {
        bh.consume(fmaChains(x, y));
        counter.flops += FLOPS_PER_CALL;
    }

    private static float fmaChains(float xs, float ys) {
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
