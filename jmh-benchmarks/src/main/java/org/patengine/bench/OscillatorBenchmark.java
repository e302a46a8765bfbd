package org.patengine.bench;

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
import org.patengine.kernels.simd.JitFlags;
import org.patengine.kernels.simd.SimdMath;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.Backends;
import org.patengine.kernels.osc.OscillatorGradients;
import org.patengine.kernels.osc.OscillatorKernel;
import org.patengine.kernels.osc.OscillatorKernels;
import org.patengine.kernels.osc.OscillatorParams;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.Topology;
import org.patengine.sim.Rng;

/**
 * The coupled-oscillator kernels: forward ({@code q(T)}) and forward + VJP (one {@code vjp} call,
 * which also returns q(T)) per backend, all-to-all, Nt = 5, T = 0.5, on both cores (SIMD splits the
 * batch over the pool). {@link #twoLayerForward} is the MNIST network's physical forward, 196
 * then 206 oscillators, the figure the reference stack is quoted at.
 *
 * <p>Aux counters: {@code samples}/s and {@code flops}/s, counted from
 * {@link OscillatorSpec#forwardFlopsPerSample()} (the coupling products plus the elementwise
 * work); a VJP counts three forwards (recompute, input product, coupling-gradient product).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector", SimdMath.JIT_QUIET, SimdMath.JIT_INLINE})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OscillatorBenchmark {

    /** One layer's kernel, parameters and buffers. */
    @State(Scope.Benchmark)
    public static class Layer {
        /** n x batch, e.g. 206x256. */
        @Param({"196x32", "196x256", "206x32", "206x256", "100x512"})
        public String shape;

        @Param({"simd"})
        public String backend;

        int n;
        int batch;
        OscillatorKernel kernel;
        OscillatorParams params;
        OscillatorGradients grads;
        float[] x, q, gQ, gX; // (batch, n)

        @Setup(Level.Trial)
        public void setUp() {
            JitFlags.require("OscillatorBenchmark");
            String[] p = shape.split("x");
            n = Integer.parseInt(p[0]);
            batch = Integer.parseInt(p[1]);
            OscillatorSpec spec = new OscillatorSpec(n, Topology.ALL_TO_ALL, 5, 0.5f);
            kernel = OscillatorKernels.create(Backends.get(BackendKind.parse(backend)), spec, batch);
            params = randomParams(spec, 1);
            grads = new OscillatorGradients(spec);
            Rng r = new Rng(2);
            x = new float[batch * n];
            gQ = new float[batch * n];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextFloat();
                gQ[i] = r.uniform(-1, 1);
            }
            q = new float[batch * n];
            gX = new float[batch * n];
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            kernel.close();
        }

        long forwardFlops() {
            return kernel.spec().forwardFlopsPerSample() * batch;
        }
    }

    static OscillatorParams randomParams(OscillatorSpec spec, long seed) {
        OscillatorParams p = new OscillatorParams(spec);
        Rng r = new Rng(seed);
        int n = spec.n();
        float b = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float v = r.uniform(-b, b);
                p.coupling[i * n + j] = v;
                p.coupling[j * n + i] = v;
            }
            p.e[i] = r.uniform(-b, b);
        }
        return p;
    }

    @Benchmark
    public float[] forward(Layer l, FlopCounter flops, SampleCounter samples) {
        l.kernel.forward(l.batch, l.params, l.x, l.q, null);
        flops.flops += l.forwardFlops();
        samples.samples += l.batch;
        return l.q;
    }

    @Benchmark
    public float[] forwardAndVjp(Layer l, FlopCounter flops, SampleCounter samples) {
        l.kernel.vjp(l.batch, l.params, l.x, l.gQ, null, l.gX, l.grads, l.q, null);
        flops.flops += 3 * l.forwardFlops();
        samples.samples += l.batch;
        return l.gX;
    }

    /** The MNIST network's two physical layers in sequence (196, then 196 + 10 class oscillators). */
    @State(Scope.Benchmark)
    public static class TwoLayers {
        @Param({"32", "256"})
        public int batch;

        @Param({"simd"})
        public String backend;

        OscillatorKernel first, second;
        OscillatorParams p1, p2;
        float[] x, h, h2, y;
        long flops;

        @Setup(Level.Trial)
        public void setUp() {
            JitFlags.require("OscillatorBenchmark");
            OscillatorSpec s1 = new OscillatorSpec(196, Topology.ALL_TO_ALL, 5, 0.5f);
            OscillatorSpec s2 = new OscillatorSpec(206, Topology.ALL_TO_ALL, 5, 0.5f);
            first = OscillatorKernels.create(Backends.get(BackendKind.parse(backend)), s1, batch);
            second = OscillatorKernels.create(Backends.get(BackendKind.parse(backend)), s2, batch);
            p1 = randomParams(s1, 1);
            p2 = randomParams(s2, 2);
            Rng r = new Rng(3);
            x = new float[batch * 196];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextFloat();
            }
            h = new float[batch * 196];
            h2 = new float[batch * 206];
            y = new float[batch * 206];
            flops = (s1.forwardFlopsPerSample() + s2.forwardFlopsPerSample()) * batch;
        }
    }

    @Benchmark
    public float[] twoLayerForward(TwoLayers t, FlopCounter flops, SampleCounter samples) {
        t.first.forward(t.batch, t.p1, t.x, t.h, null);
        for (int b = 0; b < t.batch; b++) { // append the 10 class oscillators at rest
            System.arraycopy(t.h, b * 196, t.h2, b * 206, 196);
            java.util.Arrays.fill(t.h2, b * 206 + 196, b * 206 + 206, 0f);
        }
        t.second.forward(t.batch, t.p2, t.h2, t.y, null);
        flops.flops += t.flops;
        samples.samples += t.batch;
        return t.y;
    }
}
