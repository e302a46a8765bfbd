package org.patengine.engine.data;

import java.util.SplittableRandom;

/** Seeded train/validation splits. */
public final class Splits {
    private Splits() {
    }

    /** [train, validation]: a seeded random {@code validation} samples held out of {@code all}. */
    public static ArrayDataset[] holdOut(ArrayDataset all, int validation, long seed) {
        if (validation < 0 || validation >= all.size()) {
            throw new IllegalArgumentException("validation size " + validation + " must be in [0, " + all.size() + ")");
        }
        int[] perm = permutation(all.size(), seed);
        int[] val = java.util.Arrays.copyOfRange(perm, 0, validation);
        int[] train = java.util.Arrays.copyOfRange(perm, validation, perm.length);
        java.util.Arrays.sort(val);
        java.util.Arrays.sort(train);
        return new ArrayDataset[] {all.select(train), all.select(val)};
    }

    /** A seeded Fisher–Yates permutation of 0..n-1. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
