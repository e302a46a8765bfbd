package org.patengine.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports how many CPU cores the benchmark JVM actually got during each iteration: process CPU
 * time divided by wall time ({@code cpu.cores}). On a machine shared with other work, a
 * single-threaded benchmark that got 0.5 cores ran half the time; {@link JmhReport} uses this to
 * show, next to the wall-clock rate, the rate per CPU-second the benchmark's threads received.
 *
 * <p>Use with {@code -prof org.patengine.bench.CpuTimeProfiler}. The CPU time includes the JIT and
 * GC threads (quiet in a warmed-up, allocation-free benchmark) and spinning pool workers.
 */
public class CpuTimeProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "process CPU time / wall time per iteration (CPU cores the benchmark got)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        return List.of(new ScalarResult("cpu.cores", wall > 0 ? (double) cpu / wall : Double.NaN, "cores",
                AggregationPolicy.AVG));
    }
}
