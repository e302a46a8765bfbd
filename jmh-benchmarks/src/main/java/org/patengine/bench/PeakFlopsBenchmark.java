package org.patengine.bench;

import java.util.concurrent.TimeUnit;

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
import org.patengine.kernels.simd.SimdMath;
import org.patengine.kernels.simd.SimdPeak;
import org.patengine.kernels.simd.VectorWidth;

/**
 * The measured FMA peak that GEMM results are compared with: {@link SimdPeak#fmaChains}, i.e.
 * {@value SimdPeak#ACCUMULATORS} independent chains {@code acc_i = acc_i·x + y} of
 * {@link VectorWidth#FLOAT} vectors, all in registers, so the only limit is FMA throughput.
 *
 * <p>One call does {@code 2 · ACCUMULATORS · STEPS · lanes} flops ({@link SimdPeak#FLOPS_PER_CALL});
 * {@link FlopCounter} reports the rate. {@link #oneThread} is the single-core peak,
 * {@link #twoThreads} runs the same loop on two threads at once (JMH sums their rates) for the
 * both-cores peak.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector", SimdMath.JIT_QUIET, SimdMath.JIT_INLINE})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class PeakFlopsBenchmark {
    /** Fields, not constants, so C2 cannot fold the chains; |x| < 1 keeps the values bounded. */
    private float x = 0.999f;
    private float y = 1.0e-3f;

    @Benchmark
    public void oneThread(FlopCounter counter, Blackhole bh) {
        bh.consume(SimdPeak.fmaChains(x, y));
        counter.flops += SimdPeak.FLOPS_PER_CALL;
    }

    @Benchmark
    @Threads(2)
    public void twoThreads(FlopCounter counter, Blackhole bh) {
        bh.consume(SimdPeak.fmaChains(x, y));
        counter.flops += SimdPeak.FLOPS_PER_CALL;
    }
}
