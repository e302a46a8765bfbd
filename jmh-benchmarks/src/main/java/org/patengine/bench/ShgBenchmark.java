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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.shg.ShgKernel;
import org.patengine.kernels.shg.ShgKernels;
import org.patengine.kernels.shg.ShgParams;
import org.patengine.kernels.shg.ShgSpec;
import org.patengine.kernels.simd.JitFlags;
import org.patengine.kernels.simd.SimdMath;
import org.patengine.kernels.simd.SimdShgKernel;
import org.patengine.kernels.simd.WorkerPool;

/**
 * The SHG kernels: forward ({@code y = R |B(m)|²}) and forward + VJP (one {@code vjp} call, which
 * also returns y) per backend, N channels, M = N/2 bins, a complex pair table (the apparatus's
 * deterministic part; {@code -p field=real} for the twin's real one).
 *
 * <p>{@code scalar} runs on one thread; {@code simd} splits the batch over {@code threads} threads
 * (its own pool; 1: single-threaded); {@code opencl} runs on the first OpenCL device, whatever its
 * kind. Aux counters: {@code samples}/s and {@code flops}/s counted from
 * {@link ShgSpec#forwardFlopsPerSample} and {@link ShgSpec#vjpFlopsPerSample} (the direct O(N²)
 * pair sum plus the readout), so GFLOP/s sit next to the FMA peak of {@link PeakFlopsBenchmark} in
 * the same run ({@code run.sh} adds it).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector", SimdMath.JIT_QUIET, SimdMath.JIT_INLINE})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ShgBenchmark {

    /** One layer's kernel, parameters and buffers. */
    @State(Scope.Benchmark)
    public static class Layer {
        /** Channels N (bins N/2). */
        @Param({"64", "100", "256", "512"})
        public int n;

        @Param({"32", "256"})
        public int batch;

        @Param({"scalar", "simd", "opencl"})
        public String backend;

        /** SIMD only: the threads the batch is split over. */
        @Param({"2"})
        public int threads;

        /** complex (the apparatus: GDD and phase matching) or real (the twin). */
        @Param({"complex"})
        public String field;

        ShgKernel kernel;
        ShgParams params;
        float[] m, y, gY, gM;
        long forwardFlops, vjpFlops;

        @Setup(Level.Trial)
        public void setUp() {
            JitFlags.require("ShgBenchmark");
            boolean complex = switch (field) {
                case "complex" -> true;
                case "real" -> false;
                default -> throw new IllegalArgumentException("field '" + field + "': expected complex or real");
            };
            ShgSpec spec = new ShgSpec(n, n / 2);
            BackendKind kind = BackendKind.parse(backend);
            if (kind == BackendKind.SIMD) {
                kernel = new SimdShgKernel(spec, batch, threads > 1 ? new WorkerPool(threads, "bench-shg") : null);
            } else {
                kernel = ShgKernels.FAMILY.create(kind, spec, batch);
            }
            params = randomParams(spec, complex, 1);
            SplittableRandom r = new SplittableRandom(2);
            m = new float[batch * n];
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) r.nextDouble();
            }
            gY = new float[batch * spec.bins()];
            for (int i = 0; i < gY.length; i++) {
                gY[i] = (float) r.nextDouble(-1, 1);
            }
            y = new float[batch * spec.bins()];
            gM = new float[batch * n];
            forwardFlops = spec.forwardFlopsPerSample(complex) * batch;
            vjpFlops = (spec.forwardFlopsPerSample(complex) + spec.vjpFlopsPerSample(complex)) * batch;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            kernel.close();
        }
    }

    /** A pair table of magnitude ~1 on the grid (zero off it) and a readout that sums channel pairs into bins. */
    static ShgParams randomParams(ShgSpec spec, boolean complex, long seed) {
        ShgParams p = new ShgParams(spec);
        p.complexField = complex;
        SplittableRandom r = new SplittableRandom(seed);
        int n = spec.channels();
        for (int i = 0; i < n; i++) {
            for (int j = 0; i + j < n && i - j >= 0; j++) {
                double phase = complex ? r.nextDouble(-Math.PI, Math.PI) : 0;
                double amp = 0.5 + r.nextDouble();
                p.pairRe[i * n + j] = (float) (amp * Math.cos(phase));
                p.pairIm[i * n + j] = (float) (amp * Math.sin(phase));
            }
        }
        for (int k = 0; k < spec.bins(); k++) {
            for (int i = 0; i < n; i++) {
                p.readout[k * n + i] = i * spec.bins() / n == k ? 1f : 0f;
            }
        }
        return p;
    }

    @Benchmark
    public float[] forward(Layer l, FlopCounter flops, SampleCounter samples) {
        l.kernel.forward(l.batch, l.params, l.m, l.y, null);
        flops.flops += l.forwardFlops;
        samples.samples += l.batch;
        return l.y;
    }

    @Benchmark
    public float[] forwardAndVjp(Layer l, FlopCounter flops, SampleCounter samples) {
        l.kernel.vjp(l.batch, l.params, l.m, l.gY, null, l.gM, null, l.y, null);
        flops.flops += l.vjpFlops;
        samples.samples += l.batch;
        return l.gM;
    }
}
