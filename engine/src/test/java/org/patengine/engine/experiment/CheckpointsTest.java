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
