package org.patengine.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.patengine.kernels.simd.JitFlags;
import org.patengine.kernels.simd.SimdMath;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.kernels.simd.SimdBackend;

/**
 * Throughput of {@code C = op(A)·op(B)} (alpha 1, beta 0) through {@link ComputeBackend#gemm}, in
 * calls per second plus a {@code flops} rate ({@code 2·m·n·k} per call) from {@link FlopCounter}.
 *
 * <p>{@link #gemm} runs one backend on one thread (SIMD as {@code new SimdBackend(1)}); pick
 * backends with {@code -p backend=scalar,simd,opencl}. {@link #gemmSimdThreads} runs the SIMD
 * backend split over {@code threads} threads ({@code -p threads=1,2}); the split lives in its own
 * method so that backends without a thread count are not multiplied by it.
 *
 * <p>Shapes: {@code N} is square {@code N×N×N}; {@code MxNxK} is {@code m×n×k}, e.g.
 * {@code 256x196x196} is a batch of 256 rows times a 196×196 matrix, the trainer's layer shape.
 * Cases: {@code NN} = A·B, {@code NT} = A·Bᵀ, {@code TN} = Aᵀ·B, {@code TT} = Aᵀ·Bᵀ.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector", SimdMath.JIT_QUIET, SimdMath.JIT_INLINE})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

    /** The operands of one shape and transpose case, filled once per trial. */
    @State(Scope.Thread)
    public static class Operands {
        @Param({"64", "196", "256", "512", "1024", "32x196x196", "256x196x196"})
        public String shape;

        @Param({"NN"})
        public String trans;

        int m, n, k, lda, ldb, ldc;
        boolean transA, transB;
        long flops;
        float[] a; // (m, k) row-major, or (k, m) when transA
        float[] b; // (k, n) row-major, or (n, k) when transB
        float[] c; // (m, n) row-major

        @Setup(Level.Trial)
        public void setUp() {
            JitFlags.require("GemmBenchmark");
            int[] mnk = parseShape(shape);
            m = mnk[0];
            n = mnk[1];
            k = mnk[2];
            if (!trans.matches("[NT][NT]")) {
                throw new IllegalArgumentException("trans='" + trans + "': expected NN, NT, TN or TT");
            }
            transA = trans.charAt(0) == 'T';
            transB = trans.charAt(1) == 'T';
            lda = transA ? m : k;
            ldb = transB ? k : n;
            ldc = n;
            flops = 2L * m * n * k;
            SplittableRandom rnd = new SplittableRandom(42);
            a = random(rnd, m * k);
            b = random(rnd, k * n);
            c = new float[m * n];
        }

        void run(ComputeBackend backend) {
            backend.gemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, ldc);
        }

        private static float[] random(SplittableRandom rnd, int len) {
            float[] x = new float[len];
            for (int i = 0; i < len; i++) {
                x[i] = (float) rnd.nextDouble(-1, 1);
            }
            return x;
        }
    }

    /** {@code "N"} → N×N×N; {@code "MxNxK"} → m, n, k. */
    static int[] parseShape(String shape) {
        String[] parts = shape.trim().toLowerCase().split("x");
        try {
            if (parts.length == 1) {
                int s = Integer.parseInt(parts[0]);
                return positive(shape, new int[] {s, s, s});
            }
            if (parts.length == 3) {
                return positive(shape, new int[] {
                    Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])});
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("shape='" + shape + "': expected N (square) or MxNxK, e.g. 512 or 32x196x196");
    }

    private static int[] positive(String shape, int[] mnk) {
        for (int d : mnk) {
            if (d < 1) {
                throw new IllegalArgumentException("shape='" + shape + "': dimensions must be >= 1");
            }
        }
        return mnk;
    }

    /** One backend, single-threaded. */
    @State(Scope.Benchmark)
    public static class OneBackend {
        /** scalar | simd | opencl (opencl only where an OpenCL runtime is installed). */
        @Param({"scalar", "simd"})
        public String backend;

        ComputeBackend impl;

        @Setup(Level.Trial)
        public void setUp() {
            JitFlags.require("GemmBenchmark");
            BackendKind kind = BackendKind.parse(backend);
            impl = kind == BackendKind.SIMD ? new SimdBackend(1) : Backends.get(kind);
        }
    }

    /** The SIMD backend with a given number of threads. */
    @State(Scope.Benchmark)
    public static class SimdThreads {
        @Param({"2"})
        public int threads;

        SimdBackend impl;

        @Setup(Level.Trial)
        public void setUp() {
            JitFlags.require("GemmBenchmark");
            impl = new SimdBackend(threads);
        }
    }

    @Benchmark
    public float[] gemm(Operands o, OneBackend b, FlopCounter counter) {
        o.run(b.impl);
        counter.flops += o.flops;
        return o.c;
    }

    @Benchmark
    public float[] gemmSimdThreads(Operands o, SimdThreads s, FlopCounter counter) {
        o.run(s.impl);
        counter.flops += o.flops;
        return o.c;
    }
}
