package org.patengine.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDatasetsTest {
    @TempDir
    Path dir;

    private void writeSplit(String prefix, int n, int side, int labelCount, boolean gz) throws IOException {
        byte[] px = new byte[n * side * side];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 7);
        }
        byte[] lb = new byte[labelCount];
        for (int i = 0; i < lb.length; i++) {
            lb[i] = (byte) (i % 10);
        }
        byte[] images = IdxFileTest.idx(0x00000803, new int[] {n, side, side}, px);
        byte[] labels = IdxFileTest.idx(0x00000801, new int[] {labelCount}, lb);
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + (gz ? ".gz" : "")), gz ? IdxFileTest.gzip(images) : images);
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + (gz ? ".gz" : "")), gz ? IdxFileTest.gzip(labels) : labels);
    }

    @Test
    void loadsScalesAndDownsamples() throws IOException {
        writeSplit("train", 3, 28, 3, false);
        writeSplit("t10k", 2, 28, 2, true);
        ArrayDataset train = ImageDatasets.load(dir, true, 10);
        ArrayDataset test = ImageDatasets.load(dir, false, 10);
        assertEquals(3, train.size());
        assertEquals(2, test.size());
        assertEquals(784, train.inputSize());
        assertEquals(((7 * 5) & 0xff) / 255f, train.inputs()[5]);
        ArrayDataset small = ImageDatasets.stride2(train, 28);
        assertEquals(196, small.inputSize());
        // pixel (r, c) of the 14x14 image is pixel (2r, 2c) of the original
        assertEquals(train.inputs()[784 + 2 * 28 * 3 + 2 * 5], small.inputs()[196 + 14 * 3 + 5]);
        assertArrayEquals(train.labels(), small.labels());
    }

    @Test
    void labelCountMismatchIsNamed() throws IOException {
        writeSplit("train", 3, 28, 4, false);
        IOException e = assertThrows(IOException.class, () -> ImageDatasets.load(dir, true, 10));
        assertTrue(e.getMessage().contains("4 labels do not match the 3 images"), e.getMessage());
    }

    @Test
    void missingFilesSayHowToGetThem() {
        IOException e = assertThrows(IOException.class, () -> ImageDatasets.load(dir, true, 10));
        assertTrue(e.getMessage().contains("fetch-data.sh"), e.getMessage());
    }

    @Test
    void patchesCoverEveryPixelOnce() {
        float[] x = new float[2 * 28 * 28];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        ArrayDataset d = ArrayDataset.classification(x, 784, new int[] {0, 1}, 2);
        float[] p = ImageDatasets.patches(d, 28, 7);
        assertEquals(x.length, p.length);
        float[] sorted = p.clone();
        Arrays.sort(sorted);
        assertArrayEquals(x, sorted);
        // patch (row 1, col 2) of sample 0 starts at pixel (7, 14)
        assertEquals(7 * 28 + 14, p[(1 * 4 + 2) * 49]);
    }

    @Test
    void patchDatasetKeepsTheLabelsAndCutsEverySample() {
        float[] x = new float[3 * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        ArrayDataset d = ArrayDataset.classification(x, 784, new int[] {2, 0, 1}, 3);
        ArrayDataset p = ImageDatasets.patchDataset(d, 28, 7);
        assertEquals(784, p.inputSize());
        assertEquals(3, p.size());
        assertArrayEquals(d.labels(), p.labels());
        assertArrayEquals(ImageDatasets.patches(d, 28, 7), p.inputs());
        // sample 2, patch (3, 3), its pixel (6, 6) is the image's last pixel
        assertEquals(2 * 784 + 783, p.inputs()[2 * 784 + 15 * 49 + 48]);
    }

    @Test
    void splitsAreSeededAndDisjoint() {
        ArrayDataset all = ToyTasks.generate("quadrants", 500, 1);
        ArrayDataset[] a = Splits.holdOut(all, 100, 7);
        ArrayDataset[] b = Splits.holdOut(all, 100, 7);
        ArrayDataset[] c = Splits.holdOut(all, 100, 8);
        assertEquals(400, a[0].size());
        assertEquals(100, a[1].size());
        assertArrayEquals(a[1].inputs(), b[1].inputs());
        assertNotEquals(Arrays.hashCode(a[1].inputs()), Arrays.hashCode(c[1].inputs()));
        Set<Float> trainFirst = new HashSet<>();
        for (int i = 0; i < a[0].size(); i++) {
            trainFirst.add(a[0].inputs()[2 * i]);
        }
        for (int i = 0; i < a[1].size(); i++) {
            assertTrue(!trainFirst.contains(a[1].inputs()[2 * i]), "validation sample also in training");
        }
    }

    @Test
    void toyTasksAreBalancedEnoughAndLabelledByTheirRule() {
        ArrayDataset circle = ToyTasks.generate("circle", 4000, 3);
        int ones = Arrays.stream(circle.labels()).sum();
        assertTrue(Math.abs(ones - 2000) < 200, "circle class balance " + ones);
        ArrayDataset q = ToyTasks.generate("quadrants", 100, 3);
        for (int i = 0; i < q.size(); i++) {
            float a = q.inputs()[2 * i], b = q.inputs()[2 * i + 1];
            assertEquals((a >= 0 ? 0 : 1) + (b >= 0 ? 0 : 2), q.labels()[i]);
        }
        assertThrows(IllegalArgumentException.class, () -> ToyTasks.generate("spiral", 10, 1));
    }

    @Test
    void datasetRejectsNonFiniteInputsAndBadLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayDataset.classification(new float[] {0, Float.NaN}, 1, new int[] {0, 1}, 2));
        assertTrue(e.getMessage().contains("sample 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ArrayDataset.classification(new float[] {0, 1}, 1, new int[] {0, 2}, 2));
    }
}
