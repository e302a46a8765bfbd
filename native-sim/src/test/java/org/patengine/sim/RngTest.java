package org.patengine.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The generator's Gaussians (the ziggurat) against the standard normal distribution: moments, the
 * Kolmogorov–Smirnov distance, the share of the tail beyond the ziggurat's R and of every wedge
 * region's band; and the stream's replay through save/restore and copyFrom.
 */
class RngTest {
    private static final int N = 2_000_000;

    /** Φ(x), from Numerical Recipes' Chebyshev fit of erfc (fractional error below 1.2e-7). */
    static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
    }

    private static double[] draws(long seed) {
        Rng r = new Rng(seed);
        double[] z = new double[N];
        for (int i = 0; i < N; i++) {
            z[i] = r.nextGaussian();
        }
        return z;
    }

    @Test
    void gaussianMomentsAreTheStandardNormals() {
        double[] z = draws(11);
        double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
        for (double v : z) {
            m1 += v;
            m2 += v * v;
            m3 += v * v * v;
            m4 += v * v * v * v;
        }
        m1 /= N;
        m2 /= N;
        m3 /= N;
        m4 /= N;
        double se = 1 / Math.sqrt(N);
        // standard errors of the sample moments of N(0, 1): 1, √2, √15, √96 over √N
        assertEquals(0, m1, 5 * se, "mean");
        assertEquals(1, m2, 5 * Math.sqrt(2) * se, "second moment");
        assertEquals(0, m3, 5 * Math.sqrt(15) * se, "third moment");
        assertEquals(3, m4, 5 * Math.sqrt(96) * se, "fourth moment");
    }

    @Test
    void gaussianKolmogorovSmirnovDistanceIsSmall() {
        double[] z = draws(12);
        Arrays.sort(z);
        double d = 0;
        for (int i = 0; i < N; i++) {
            double f = normalCdf(z[i]);
            d = Math.max(d, Math.max((i + 1.0) / N - f, f - (double) i / N));
        }
        // the 0.1 % critical value is 1.95 / √N
        assertTrue(d < 1.95 / Math.sqrt(N), "KS distance " + d + " against N(0, 1), critical " + 1.95 / Math.sqrt(N));
    }

    /**
     * Each band between consecutive layer edges X[i+1] ≤ |z| < X[i] (the rectangle's and the
     * wedge's draws land there) and the tail |z| ≥ R hold their normal share within 5 standard
     * errors: a wrong table entry or a wedge test off by one shows in its band.
     */
    @Test
    void everyLayersBandAndTheTailHoldTheirShare() {
        double[] z = draws(13);
        double[] edges = Rng.Ziggurat.X; // X[1] = R > X[2] > ... > X[256] = 0
        int layers = Rng.Ziggurat.LAYERS;
        long[] count = new long[layers + 1]; // band i in [X[i+1], X[i]) for i = 1..255; band 0: the tail |z| >= R
        for (double v : z) {
            double a = Math.abs(v);
            if (a >= edges[1]) {
                count[0]++;
                continue;
            }
            int lo = 1, hi = layers; // edges[lo] > a >= edges[hi]
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (edges[mid] > a) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            count[lo]++;
        }
        for (int i = 0; i < layers; i++) {
            double p = i == 0 ? 2 * (1 - normalCdf(edges[1])) : 2 * (normalCdf(edges[i]) - normalCdf(edges[i + 1]));
            double expected = p * N;
            double sd = Math.sqrt(N * p * (1 - p));
            assertEquals(expected, count[i], 5 * sd + 1, (i == 0 ? "tail beyond R" : "band " + i) + ": draws");
        }
        assertTrue(count[0] > 300, "the tail path ran " + count[0] + " times");
    }

    @Test
    void gaussianTablesHaveEqualLayerAreas() {
        double[] x = Rng.Ziggurat.X;
        double[] f = Rng.Ziggurat.F;
        double v = Rng.Ziggurat.V;
        double tailArea = Math.sqrt(Math.PI / 2) * 2 * (1 - normalCdf(Rng.Ziggurat.R)); // ∫_R^∞ e^{−x²/2}
        assertEquals(v, x[1] * f[1] + tailArea, 1e-8, "base layer: rectangle + tail");
        for (int i = 1; i < Rng.Ziggurat.LAYERS; i++) {
            assertEquals(v, x[i] * (f[i + 1] - f[i]), 1e-9, "layer " + i);
        }
    }

    @Test
    void theStreamReplaysAfterSaveRestoreAndCopy() throws IOException {
        Rng a = new Rng(5);
        for (int i = 0; i < 1001; i++) {
            a.nextGaussian();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.save(new DataOutputStream(bytes));
        Rng b = new Rng(0);
        b.restore(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        Rng c = new Rng(0);
        c.copyFrom(a);
        for (int i = 0; i < 1000; i++) {
            double g = a.nextGaussian();
            assertEquals(g, b.nextGaussian(), 0, "restored, draw " + i);
            assertEquals(g, c.nextGaussian(), 0, "copied, draw " + i);
            long bits = a.nextLong();
            assertEquals(bits, b.nextLong(), "restored, bits " + i);
            assertEquals(bits, c.nextLong(), "copied, bits " + i);
        }
    }

    /** A state saved by the polar-method generator with its second variate pending: served first, then written back as consumed. */
    @Test
    void aPendingPolarVariateOfAnOlderCheckpointComesFirst() throws IOException {
        ByteArrayOutputStream old = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(old);
        out.writeLong(42L);
        out.writeBoolean(true);
        out.writeDouble(0.625);
        Rng r = new Rng(0);
        r.restore(new DataInputStream(new ByteArrayInputStream(old.toByteArray())));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        r.save(new DataOutputStream(again));
        assertArrayEquals(old.toByteArray(), again.toByteArray(), "restored and saved again");
        assertEquals(0.625, r.nextGaussian(), 0);
        assertEquals(new Rng(42L).nextGaussian(), r.nextGaussian(), 0, "then the stream of the restored state word");
    }
}
