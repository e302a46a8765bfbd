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

    /**
     * [rest, held out]: a seeded {@code count} samples held out of {@code all} with every class in
     * the proportion it has in {@code all} (the largest-remainder rounding of count·n_c/n; ties to
     * the smaller class index), so a small dataset's test and validation parts keep its class
     * balance. Both parts keep the samples' order.
     */
    public static ArrayDataset[] stratifiedHoldOut(ArrayDataset all, int count, long seed) {
        if (all.classCount() < 1) {
            throw new IllegalArgumentException("a stratified split needs class labels; the dataset has none");
        }
        if (count < 0 || count >= all.size()) {
            throw new IllegalArgumentException("held-out size " + count + " must be in [0, " + all.size() + ")");
        }
        int classes = all.classCount();
        int[][] members = new int[classes][];
        int[] sizes = new int[classes];
        for (int label : all.labels()) {
            sizes[label]++;
        }
        for (int c = 0; c < classes; c++) {
            members[c] = new int[sizes[c]];
        }
        int[] fill = new int[classes];
        for (int i = 0; i < all.size(); i++) {
            int c = all.labels()[i];
            members[c][fill[c]++] = i;
        }
        int[] take = new int[classes];
        double[] remainder = new double[classes];
        int given = 0;
        for (int c = 0; c < classes; c++) {
            double share = (double) count * sizes[c] / all.size();
            take[c] = (int) Math.floor(share);
            remainder[c] = share - take[c];
            given += take[c];
        }
        while (given < count) {
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (take[c] < sizes[c] && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            take[best]++;
            remainder[best] = -1;
            given++;
        }
        boolean[] held = new boolean[all.size()];
        SplittableRandom r = new SplittableRandom(seed);
        for (int c = 0; c < classes; c++) {
            int[] perm = permutation(sizes[c], r.nextLong());
            for (int k = 0; k < take[c]; k++) {
                held[members[c][perm[k]]] = true;
            }
        }
        int[] out = new int[count];
        int[] rest = new int[all.size() - count];
        int o = 0;
        int q = 0;
        for (int i = 0; i < all.size(); i++) {
            if (held[i]) {
                out[o++] = i;
            } else {
                rest[q++] = i;
            }
        }
        return new ArrayDataset[] {all.select(rest), all.select(out)};
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
