package org.patengine.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SplitsAndScalingTest {

    /** n samples of feature i (the sample's index) with labels i mod classes... in blocks of sizes. */
    private static ArrayDataset blocks(int... sizes) {
        int n = java.util.Arrays.stream(sizes).sum();
        float[] x = new float[n];
        int[] y = new int[n];
        int i = 0;
        for (int c = 0; c < sizes.length; c++) {
            for (int k = 0; k < sizes[c]; k++, i++) {
                x[i] = i;
                y[i] = c;
            }
        }
        return ArrayDataset.classification(x, 1, y, sizes.length);
    }

    private static int[] counts(ArrayDataset d) {
        int[] c = new int[d.classCount()];
        for (int label : d.labels()) {
            c[label]++;
        }
        return c;
    }

    @Test
    void stratifiedHoldOutKeepsTheClassShares() {
        ArrayDataset all = blocks(37, 37, 37, 37, 37, 37, 37);
        ArrayDataset[] split = Splits.stratifiedHoldOut(all, 49, 5);
        assertArrayEquals(new int[] {7, 7, 7, 7, 7, 7, 7}, counts(split[1]));
        assertArrayEquals(new int[] {30, 30, 30, 30, 30, 30, 30}, counts(split[0]));
        // disjoint and complete
        Set<Float> seen = new HashSet<>();
        for (ArrayDataset part : split) {
            for (float v : part.inputs()) {
                assertFalse(!seen.add(v), "sample " + v + " in both parts");
            }
        }
        assertEquals(259, seen.size());
        // unequal classes: largest remainder (10 of 100 = 6 + 3 + 1)
        assertArrayEquals(new int[] {6, 3, 1}, counts(Splits.stratifiedHoldOut(blocks(60, 30, 10), 10, 1)[1]));
    }

    @Test
    void stratifiedHoldOutIsSeeded() {
        ArrayDataset all = blocks(20, 20, 20);
        assertArrayEquals(Splits.stratifiedHoldOut(all, 12, 3)[1].inputs(), Splits.stratifiedHoldOut(all, 12, 3)[1].inputs());
        assertFalse(java.util.Arrays.equals(Splits.stratifiedHoldOut(all, 12, 3)[1].inputs(),
                Splits.stratifiedHoldOut(all, 12, 4)[1].inputs()));
        assertThrows(IllegalArgumentException.class, () -> Splits.stratifiedHoldOut(all, 60, 1));
    }

    @Test
    void minMaxIsFittedOnTheTrainingPartOnly() {
        ArrayDataset train = ArrayDataset.classification(new float[] {2, 5, 4, 5, 6, 5}, 2, new int[] {0, 1, 0}, 2);
        ArrayDataset test = ArrayDataset.classification(new float[] {8, 5, 0, 1}, 2, new int[] {1, 0}, 2);
        ArrayDataset[] s = FeatureScaling.MIN_MAX.apply(train, null, test);
        assertArrayEquals(new float[] {0, 0.5f, 0.5f, 0.5f, 1, 0.5f}, s[0].inputs()); // feature 1 constant: 0.5
        assertArrayEquals(new float[] {1.5f, 0.5f, -0.5f, 0.5f}, s[2].inputs()); // outside [0, 1] where the test is
        assertEquals(null, s[1]);
        assertArrayEquals(test.labels(), s[2].labels());
        ArrayDataset[] none = FeatureScaling.NONE.apply(train, null, test);
        assertEquals(train, none[0]);
    }
}
