package org.patengine.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.network.Network;
import org.patengine.engine.optim.Adam;
import org.patengine.engine.optim.Optimizer;
import org.patengine.engine.optim.SgdMomentum;
import org.patengine.engine.optim.StepSchedule;
import org.patengine.engine.testsystems.TanhAffineMap;
import org.patengine.engine.testsystems.TanhAffineSystem;
import org.patengine.sim.Rng;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ScalarBackend;
import org.patengine.testkit.AllocationProbe;

/**
 * The steady-state training step (forward, loss, gradient, optimizer) allocates nothing, in every
 * mode: measured with {@link AllocationProbe} (the calling thread and the kernels' pool threads)
 * after a warm-up long enough for C2 (the Vector API kernels allocate until they are compiled). A
 * window that still sees allocation is retried for a bounded time; a real allocation shows in
 * every window.
 *
 * <p>Runs on the scalar and the SIMD backend (the digital layers' GEMMs and reductions).
 */
class ZeroAllocationTest {
    private static final int BATCH = 8;
    private static final int IN = 6;

    static Stream<Arguments> modesAndBackends() {
        return Arrays.stream(TrainingMode.values()).flatMap(m -> Stream.of(
                Arguments.of(m, BackendKind.SCALAR),
                Arguments.of(m, BackendKind.SIMD)));
    }

    @ParameterizedTest
    @MethodSource("modesAndBackends")
    void trainingStepAllocatesNothing(TrainingMode mode, BackendKind backend) {
        // hybrid: scale-shift → physical (mismatched; noisy except for the black-box modes, whose
        // finite differences of a noisy loss random-walk over thousands of steps) → pad → affine → readout
        float noise = mode.blackBox() ? 0f : 0.02f;
        Network net = Network.builder(IN).seed(2).backend(Backends.get(backend))
                .scaleShift()
                .physical(TanhAffineSystem.withGap(IN, 8, 0.1f, 0.2f, noise, noise, 3), TanhAffineMap.nominal(IN, 8),
                        ParameterInit.uniform(-0.5f, 0.5f))
                .pad(2, ParameterInit.constant(0.1f), true)
                .affine(5)
                .readout(0, 3, 2f)
                .build();
        Optimizer optimizer = mode.ordinal() % 2 == 0 ? new Adam() : new SgdMomentum(0.9f);
        Trainer t = Trainer.builder(net).mode(mode).batchSize(BATCH).optimizer(optimizer)
                .schedule(new StepSchedule(1e-3f, 0.5f, 3)).spsa(1e-2f, 2).build();
        Rng rng = new Rng(4);
        float[] x = new float[BATCH * IN];
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.uniform(-1, 1);
        }
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1};

        int warmup = mode == TrainingMode.FD ? 150 : 2000; // fd runs 2P + 1 forwards per step
        long allocated = StepAllocation.steadyStateBytes(t, BATCH, 3, x, labels, warmup, 100);
        assertEquals(0, allocated, mode + ": bytes allocated by 200 steady-state steps");
    }

    /**
     * The same on the SHG network of the catalog (toy-shg: encoder, device box with the soft penalty,
     * SHG apparatus and twin, gain, box, SHG, output scale) under lab-gap (without its noise for the
     * black-box modes, as above).
     */
    @ParameterizedTest
    @MethodSource("modesAndBackends")
    void theShgTrainingStepAllocatesNothing(TrainingMode mode, BackendKind backend) {
        Network net = org.patengine.engine.experiment.Architectures.build("toy-shg", 2, mode.blackBox() ? "none" : "lab-gap", 3,
                Backends.get(backend));
        Trainer t = Trainer.builder(net).mode(mode).batchSize(BATCH).learningRate(1e-3f).spsa(1e-2f, 2).build();
        org.patengine.engine.data.ArrayDataset data = org.patengine.engine.data.ToyTasks.generate("circle", BATCH, 3);
        float[] x = data.inputs();
        int[] labels = data.labels();
        int warmup = mode == TrainingMode.FD ? 150 : 2000;
        long allocated = StepAllocation.steadyStateBytes(t, BATCH, 3, x, labels, warmup, 100);
        assertEquals(0, allocated, mode + " on " + backend.id() + ": bytes allocated by 200 steady-state SHG steps");
    }

    /**
     * A whole epoch (shuffle, gather, steps) allocates only its small result record: at most 72
     * bytes per epoch (a 12-byte header, 4 ints and floats, 2 doubles and 3 longs of physical counts) over a window of 50 epochs. The record makes every window's leftover positive,
     * so the probe takes its minimum five windows (as many as the rounds before) instead of retrying
     * for its full patience.
     */
    @Test
    void epochAllocatesOnlyItsResult() {
        Network net = Network.builder(IN).seed(2).backend(new ScalarBackend())
                .physical(TanhAffineSystem.withGap(IN, 8, 0.1f, 0.2f, 0.02f, 0.01f, 3), TanhAffineMap.nominal(IN, 8),
                        ParameterInit.uniform(-0.5f, 0.5f))
                .affine(3)
                .build();
        Trainer t = Trainer.builder(net).batchSize(BATCH).learningRate(1e-3f).build();
        org.patengine.engine.data.ArrayDataset data = TrainingModesTest.clusters(45, 5); // 5 full batches + 5
        for (int i = 0; i < 500; i++) { // warm-up, before the probe: pools start lazily
            t.trainEpoch(data);
        }
        long perEpoch = AllocationProbe.of(AllocationProbe.POOL_PREFIX).leftover(() -> {
            for (int i = 0; i < 50; i++) {
                t.trainEpoch(data);
            }
        }, Duration.ZERO) / 50;
        assertTrue(perEpoch <= 72, "bytes per epoch: " + perEpoch);
    }
}
