package org.patengine.bench.baselines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
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
import org.patengine.engine.grad.GradientSource;
import org.patengine.kernels.Backends;
import org.patengine.kernels.simd.JitFlags;
import org.patengine.kernels.simd.SimdMath;
import org.patengine.sim.Rng;

/**
 * Cost of one gradient of the batch loss (batch 32) with respect to the θ of one physical layer
 * ({@link GradientProbe}), per method and layer size, under the system's default gap preset.
 * Time per gradient from JMH; the physical calls and samples of one gradient are measured by the
 * network's counters in the setup and appended, with P, to the file named by
 * {@code -Dpat.bench.counts} (JSON lines), which {@code compare-baselines.sh} joins with the
 * times. Single-threaded ({@code -Dpat.threads=1}) so that times compare across methods.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector", SimdMath.JIT_QUIET, SimdMath.JIT_INLINE,
        "-Dpat.threads=1"})
@Warmup(iterations = 5, time = 1) // the Vector API code needs about 4 s to reach C2
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class GradientCostBenchmark {
    public static final int BATCH = 32;

    @Param({"oscillators"})
    public String system;

    @Param({"8", "16", "32", "64", "128", "196"})
    public int n;

    @Param({"pat", "ideal", "fd-forward", "fd-central", "spsa-1", "spsa-10"})
    public String method;

    GradientProbe probe;
    GradientSource source;
    Rng rng;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        JitFlags.require("GradientCostBenchmark");
        String preset = system.equals("shg") ? "lab-gap" : "paper-gap";
        probe = new GradientProbe(system, n, BATCH, preset, Map.of(), 1, Backends.get());
        source = probe.source(method, 1e-3f, 1e-2f);
        rng = new Rng(3);
        long calls0 = probe.network.physicalCalls();
        long samples0 = probe.network.physicalSamples();
        probe.gradient(source, rng);
        String counts = System.getProperty("pat.bench.counts");
        if (counts != null) {
            String line = String.format(Locale.ROOT,
                    "{\"system\":\"%s\",\"n\":%d,\"method\":\"%s\",\"P\":%d,\"calls\":%d,\"samples\":%d,\"digitalFlops\":%s}%n",
                    system, n, method, probe.parameters(), probe.network.physicalCalls() - calls0,
                    probe.network.physicalSamples() - samples0, json(probe.digitalFlops(method)));
            Files.writeString(Path.of(counts), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static String json(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.0f", v);
    }

    @Benchmark
    public double gradient() {
        return source.compute(probe.loss, probe.physical, rng);
    }
}
