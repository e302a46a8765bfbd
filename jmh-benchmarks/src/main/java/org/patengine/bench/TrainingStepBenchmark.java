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
import org.openjdk.jmh.annotations.Warmup;
import org.patengine.kernels.simd.JitFlags;
import org.patengine.kernels.simd.SimdMath;
import org.patengine.engine.experiment.Architectures;
import org.patengine.engine.loss.SoftmaxCrossEntropy;
import org.patengine.engine.network.Network;
import org.patengine.engine.optim.Adam;
import org.patengine.engine.train.Trainer;
import org.patengine.engine.train.TrainingMode;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.Rng;

/**
 * One whole training step — forward, loss, backward, Adam — of an oscillator network under the
 * {@code paper-gap} preset, per training mode and batch size, on the process's backend
 * ({@code -Dpat.backend}, default auto) with {@code pat.threads} threads: {@code -p network=mnist}
 * (196 → 196 + 10 → logits = s·q_class, Nt = 5, T = 0.5), or {@code fashion} (16 patches of 7×7
 * through one shared 100-oscillator layer, then 1610 oscillators).
 *
 * <p>Aux counters: {@code samples}/s, and {@code flops}/s counted from the coupling products that
 * dominate the work: a forward of layer n costs {@code 20·2·n²} per sample and copy (4 RK4 stages ×
 * 5 steps), a VJP three forwards (recompute, the input product, the coupling-gradient product). So a
 * pat/insilico/ideal step is 4 forwards per sample (13.0 MFLOP for mnist, 440 MFLOP for fashion);
 * reservoir trains only the readout and skips the physical backward, 1 forward.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector", SimdMath.JIT_QUIET, SimdMath.JIT_INLINE})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class TrainingStepBenchmark {

    @Param({"mnist"})
    public String network;

    @Param({"pat", "insilico", "ideal", "reservoir"})
    public String mode;

    @Param({"32", "256"})
    public int batch;

    Trainer trainer;
    float[] x;      // (batch, 196) in [0, 1], like pixels
    int[] labels;   // (batch)
    long flopsPerStep;

    @Setup(Level.Trial)
    public void setUp() {
        JitFlags.require("TrainingStepBenchmark");
        ComputeBackend backend = Backends.get();
        boolean fashion = switch (network) {
            case "mnist" -> false;
            case "fashion" -> true;
            default -> throw new IllegalArgumentException("network '" + network + "': expected mnist or fashion");
        };
        int in = fashion ? 784 : 196;
        Network net = Architectures.build(fashion ? "fashion-patches" : "mnist-oscillators", 10, "paper-gap", 1, backend);
        TrainingMode m = TrainingMode.parse(mode);
        trainer = Trainer.builder(net).mode(m).loss(new SoftmaxCrossEntropy()).optimizer(new Adam())
                .learningRate(1e-3f).batchSize(batch).seed(1).build();
        Rng r = new Rng(7);
        x = new float[batch * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = r.nextInt(10);
        }
        long forward = 20L * 2 * (fashion ? Architectures.PATCHES * 100L * 100 + 1610L * 1610 : 196L * 196 + 206L * 206) * batch;
        flopsPerStep = m == TrainingMode.RESERVOIR ? forward : 4 * forward;
    }

    @Benchmark
    public double step(FlopCounter flops, SampleCounter samples) {
        double loss = trainer.step(batch, x, labels, null);
        flops.flops += flopsPerStep;
        samples.samples += batch;
        return loss;
    }
}
