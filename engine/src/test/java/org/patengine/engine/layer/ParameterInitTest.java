package org.patengine.engine.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patengine.sim.Rng;

class ParameterInitTest {

    @Test
    void blocksFillConsecutiveRanges() {
        ParameterInit init = ParameterInit.blocks(new int[] {2, 1, 3}, ParameterInit.constant(1f),
                ParameterInit.values(7f), ParameterInit.uniform(-0.5f, 0.5f));
        float[] v = new float[8];
        init.fill(v, 1, 6, new Rng(1));
        assertArrayEquals(new float[] {0f, 1f, 1f, 7f}, java.util.Arrays.copyOf(v, 4));
        for (int i = 4; i < 7; i++) {
            assertTrue(v[i] >= -0.5f && v[i] < 0.5f && v[i] != 0f);
        }
        assertTrue(v[7] == 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> init.fill(v, 0, 5, new Rng(1)));
        assertTrue(e.getMessage().contains("covers 6 parameters but the block has 5"), e.getMessage());
    }

    @Test
    void sameSeedSameValues() {
        float[] a = new float[50];
        float[] b = new float[50];
        ParameterInit.normal(0f, 1f).fill(a, 0, 50, new Rng(3));
        ParameterInit.normal(0f, 1f).fill(b, 0, 50, new Rng(3));
        assertArrayEquals(a, b);
        assertThrows(IllegalArgumentException.class, () -> ParameterInit.uniform(1f, 0f));
        assertThrows(IllegalArgumentException.class, () -> ParameterInit.constant(Float.NaN));
    }

    @Test
    void rngShuffleIsAPermutationAndNextIntIsInRange() {
        Rng r = new Rng(5);
        int[] a = new int[100];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        r.shuffle(a, a.length);
        int[] sorted = a.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < a.length; i++) {
            assertTrue(sorted[i] == i);
        }
        assertTrue(!java.util.Arrays.equals(a, sorted));
        int[] counts = new int[3];
        for (int i = 0; i < 30000; i++) {
            counts[r.nextInt(3)]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 10000) < 500, java.util.Arrays.toString(counts));
        }
    }
}
