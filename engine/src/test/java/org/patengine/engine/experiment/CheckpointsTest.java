package org.patengine.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.optim.Adam;
import org.patengine.engine.optim.SgdMomentum;
import org.patengine.engine.train.Trainer;
import org.patengine.engine.train.TrainingMode;

/** A run resumed from a checkpoint ends exactly where an uninterrupted one does. */
class CheckpointsTest {
    @TempDir
    Path dir;

    private static Trainer trainer(TrainingMode mode, boolean sgd) {
        // noisy, mismatched physical layers: resuming must restore their noise generators too
        return Trainer.builder(org.patengine.engine.testsystems.Fixtures.gapNet(3)).mode(mode).batchSize(16)
                .optimizer(sgd ? new SgdMomentum(0.9f) : new Adam()).learningRate(0.02f).seed(4).build();
    }

    @Test
    void resumedRunEqualsUninterruptedRunBitForBit() throws IOException {
        ArrayDataset data = org.patengine.engine.testsystems.Fixtures.clusters(70, 1);
        for (TrainingMode mode : new TrainingMode[] {TrainingMode.PAT, TrainingMode.SPSA}) {
            for (boolean sgd : new boolean[] {false, true}) {
                Trainer straight = trainer(mode, sgd);
                for (int e = 0; e < 3; e++) {
                    straight.trainEpoch(data);
                    straight.evaluate(data);
                }
                Trainer first = trainer(mode, sgd);
                first.trainEpoch(data);
                first.evaluate(data);
                Path ck = dir.resolve("ck-" + mode + sgd);
                Checkpoints.write(ck, first);
                first.trainEpoch(data); // work after the checkpoint is lost when the run is killed

                Trainer resumed = trainer(mode, sgd);
                Checkpoints.read(ck, resumed);
                assertEquals(1, resumed.epoch());
                for (int e = 1; e < 3; e++) {
                    resumed.trainEpoch(data);
                    resumed.evaluate(data);
                }
                assertArrayEquals(straight.network().parameters().values(), resumed.network().parameters().values(),
                        mode + (sgd ? " sgd" : " adam") + ": resumed parameters differ");
                assertEquals(straight.steps(), resumed.steps());
            }
        }
    }

    /** Clusters written into the middle 6 pixels of 4×4 images, read back through an augmentation. */
    private static org.patengine.engine.data.AugmentedImages augmentedClusters() {
        ArrayDataset c = org.patengine.engine.testsystems.Fixtures.clusters(50, 3);
        float[] px = new float[c.size() * 16];
        float[] x = new float[6];
        for (int s = 0; s < c.size(); s++) {
            c.input(s, x, 0);
            System.arraycopy(x, 0, px, s * 16 + 5, 6);
        }
        org.patengine.engine.data.ImageProjection middle = new org.patengine.engine.data.ImageProjection() {
            public int size() {
                return 6;
            }

            public void fromRawImage(float[] image, int off, float[] out, int outOff) {
                System.arraycopy(image, off + 5, out, outOff, 6);
            }
        };
        return new org.patengine.engine.data.AugmentedImages(ArrayDataset.classification(px, 16, c.labels(), c.classCount()), 4,
                middle, new org.patengine.engine.data.ImageAugmentation("test", 20, 0.1, 0.1, 0.9, 1.1, 0.5), 8);
    }

    @Test
    void aResumedRunSeesTheSameAugmentedImages() throws IOException {
        Trainer straight = trainer(TrainingMode.PAT, false);
        for (int e = 0; e < 3; e++) {
            straight.trainEpoch(augmentedClusters());
        }
        Trainer first = trainer(TrainingMode.PAT, false);
        first.trainEpoch(augmentedClusters());
        Path ck = dir.resolve("ck-augmented");
        Checkpoints.write(ck, first);
        Trainer resumed = trainer(TrainingMode.PAT, false);
        Checkpoints.read(ck, resumed);
        var data = augmentedClusters(); // a fresh dataset object, as in a new process
        for (int e = 1; e < 3; e++) {
            resumed.trainEpoch(data);
        }
        assertArrayEquals(straight.network().parameters().values(), resumed.network().parameters().values());

        // and the augmentation matters: without it the run ends elsewhere
        Trainer plain = trainer(TrainingMode.PAT, false);
        for (int e = 0; e < 3; e++) {
            plain.trainEpoch(org.patengine.engine.testsystems.Fixtures.clusters(50, 3));
        }
        assertTrue(!Arrays.equals(plain.network().parameters().values(), straight.network().parameters().values()));
    }

    /**
     * A digital model with state of its own (as a learned twin will have): implementing
     * {@link org.patengine.sim.Stateful} is all it takes to be checkpointed.
     */
    static final class CountingModel implements org.patengine.sim.DifferentiableMap, org.patengine.sim.Stateful {
        private final org.patengine.sim.DifferentiableMap map;
        long calls;

        CountingModel(org.patengine.sim.DifferentiableMap map) {
            this.map = map;
        }

        public int inputSize() {
            return map.inputSize();
        }

        public int outputSize() {
            return map.outputSize();
        }

        public int parameterSize() {
            return map.parameterSize();
        }

        public void forward(int batch, float[] x, float[] theta, float[] y) {
            calls++;
            map.forward(batch, x, theta, y);
        }

        public void vjp(int batch, float[] x, float[] theta, float[] gY, float[] gX, float[] gTheta) {
            calls++;
            map.vjp(batch, x, theta, gY, gX, gTheta);
        }

        @Override
        public void saveState(java.io.DataOutput out) throws IOException {
            out.writeLong(calls);
        }

        @Override
        public void restoreState(java.io.DataInput in) throws IOException {
            calls = in.readLong();
        }
    }

    private static Trainer countingTrainer(CountingModel model) {
        var system = org.patengine.engine.testsystems.TanhAffineSystem.withGap(6, 8, 0.1f, 0.2f, 0.02f, 0.01f, 31);
        var net = org.patengine.engine.network.Network.builder(6).seed(3)
                .physical(system, model, org.patengine.engine.layer.ParameterInit.uniform(-0.5f, 0.5f))
                .readout(0, 3, 3f)
                .build();
        assertEquals(java.util.List.of(system, model), net.statefulComponents(), "the system, then its model");
        return Trainer.builder(net).mode(TrainingMode.INSILICO).batchSize(16).learningRate(0.02f).seed(4).build();
    }

    @Test
    void aComponentWithStateIsCheckpointedByImplementingStateful() throws IOException {
        ArrayDataset data = org.patengine.engine.testsystems.Fixtures.clusters(40, 1);
        CountingModel counted = new CountingModel(org.patengine.engine.testsystems.TanhAffineMap.nominal(6, 8));
        Trainer first = countingTrainer(counted);
        first.trainEpoch(data);
        assertEquals(6, counted.calls); // 3 batches: a forward and a VJP each
        Path ck = dir.resolve("ck-counting");
        Checkpoints.write(ck, first);

        CountingModel restored = new CountingModel(org.patengine.engine.testsystems.TanhAffineMap.nominal(6, 8));
        Trainer resumed = countingTrainer(restored);
        Checkpoints.read(ck, resumed);
        assertEquals(6, restored.calls);
        first.trainEpoch(data);
        resumed.trainEpoch(data);
        assertEquals(counted.calls, restored.calls);
        assertArrayEquals(first.network().parameters().values(), resumed.network().parameters().values());
    }

    /** Layer by layer: each physical system once (also when it is its own model); digital layers have none. */
    @Test
    void theNetworkListsItsStatefulComponentsInLayerOrder() {
        var a = new org.patengine.engine.testsystems.PowerMap(2f, 2);
        var b = new org.patengine.engine.testsystems.PowerMap(2f, 2);
        var model = new org.patengine.engine.testsystems.PowerMap(2.01f, 2);
        var net = org.patengine.engine.network.Network.builder(2)
                .physical(a, a, org.patengine.engine.layer.ParameterInit.constant(1f))
                .scaleShift()
                .physical(b, model, org.patengine.engine.layer.ParameterInit.constant(1f))
                .readout(0, 2, 1f)
                .build();
        assertEquals(java.util.List.of(a, b, model), net.statefulComponents());
    }

    @Test
    void damagedCheckpointsAreRefusedWithTheFileName() throws IOException {
        Trainer t = trainer(TrainingMode.PAT, false);
        t.trainEpoch(org.patengine.engine.testsystems.Fixtures.clusters(20, 2));
        Path ck = dir.resolve("ck");
        Checkpoints.write(ck, t);
        byte[] ok = Files.readAllBytes(ck);

        Path truncated = dir.resolve("truncated");
        Files.write(truncated, Arrays.copyOf(ok, ok.length / 2));
        IOException e = assertThrows(IOException.class, () -> Checkpoints.read(truncated, trainer(TrainingMode.PAT, false)));
        assertTrue(e.getMessage().contains(truncated.toString()) && e.getMessage().contains("truncated"), e.getMessage());

        Path flipped = dir.resolve("flipped");
        byte[] bad = ok.clone();
        bad[ok.length / 2] ^= 1;
        Files.write(flipped, bad);
        e = assertThrows(IOException.class, () -> Checkpoints.read(flipped, trainer(TrainingMode.PAT, false)));
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());

        Path other = dir.resolve("other");
        Files.writeString(other, "hello");
        assertThrows(IOException.class, () -> Checkpoints.read(other, trainer(TrainingMode.PAT, false)));

        e = assertThrows(IOException.class, () -> Checkpoints.read(ck, trainer(TrainingMode.INSILICO, false)));
        assertTrue(e.getMessage().contains("mode PAT"), e.getMessage());
    }
}
