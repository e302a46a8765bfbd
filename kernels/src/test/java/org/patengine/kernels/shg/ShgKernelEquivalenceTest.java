package org.patengine.kernels.shg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendTestSupport;
import org.patengine.kernels.Covers;
import org.patengine.kernels.simd.VectorWidth;
import org.patengine.testkit.Tolerance;

/**
 * The SHG family's equivalence test: the kernel that {@link ShgKernels#FAMILY} builds for every
 * accelerated backend equals the scalar oracle, forward (y) and VJP (gM and the y of the same run),
 * for real and complex fields, at awkward channel counts (single channels, vector tails, an odd
 * and an even centre) and batches (a single sample, odd counts, counts that split unevenly over
 * threads), each at a batch below the kernel's maxBatch. Every value of N in {1, 2, 3, 7, 16, 17,
 * 100, 129, 257} and of the batch in {1, 3, 7, 16, 17, 100, 129, 257} occurs, not the full product.
 *
 * <p>Tolerance: float rounding only, relative to the largest |value| of the array and growing with
 * the square root of the terms summed into one value (a field sums up to N/2 pair terms, the
 * readout N intensities; gm sums N/2 terms of products that went through the readout's transpose).
 * The backends sum in different orders, so exact equality is not expected.
 *
 * <p>The build runs this class again at 128 and 256 bits ({@code -Dpat.vectorBitSize}), so the SIMD
 * kernel is compared at every vector width the CPU has. Backends that cannot run here are skipped
 * (fail under {@code -Dpat.requireBackend}).
 */
class ShgKernelEquivalenceTest {
    private static final int[][] SHAPES = {
            {1, 1}, {2, 3}, {3, 7}, {7, 16}, {16, 17}, {17, 100}, {100, 129}, {129, 257},
            {257, 3}, {257, 17}, {1, 257}, {100, 1}, {16, 7}, {129, 16}};

    @AfterAll
    static void species() {
        System.out.println("ShgKernelEquivalenceTest ran with " + VectorWidth.FLOAT);
    }

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (BackendKind kind : new BackendKind[] {BackendKind.SIMD, BackendKind.OPENCL}) {
            for (boolean complexField : new boolean[] {false, true}) {
                for (int[] s : SHAPES) {
                    list.add(Arguments.of(kind, complexField, s[0], s[1]));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} complex={1} N={2} batch={3}")
    @MethodSource("cases")
    @Covers("shg")
    void equalsTheScalarOracle(BackendKind kind, boolean complexField, int n, int batch) {
        BackendTestSupport.backendOrSkip(kind);
        ShgSpec spec = new ShgSpec(n, Math.max(1, n / 2));
        ShgParams p = ShgFixtures.params(spec, 31L * n + batch, complexField);
        float[] m = ShgFixtures.modulation(batch, spec, 7L * n + batch);
        float[] gY = ShgFixtures.cotangent(batch, spec, 11L * n + batch);
        int maxBatch = batch + 2;
        int yLen = batch * spec.bins(), mLen = batch * n;
        try (ShgKernel oracle = ShgKernels.FAMILY.create(BackendKind.SCALAR, spec, maxBatch);
             ShgKernel k = ShgKernels.FAMILY.create(kind, spec, maxBatch)) {
            assertEquals(kind, k.kind());
            assertEquals(maxBatch, k.maxBatch());
            assertEquals(spec, k.spec());
            float[] y0 = new float[yLen], y1 = new float[yLen];
            oracle.forward(batch, p, m, y0, null);
            Arrays.fill(y1, Float.NaN); // every output must be written
            k.forward(batch, p, m, y1, null);
            close("forward y", y0, y1, n);

            float[] gM0 = new float[mLen], gM1 = new float[mLen];
            float[] yv0 = new float[yLen], yv1 = new float[yLen];
            oracle.vjp(batch, p, m, gY, null, gM0, null, yv0, null);
            for (int rep = 0; rep < 2; rep++) { // twice: gM is overwritten, never accumulated
                Arrays.fill(gM1, Float.NaN);
                Arrays.fill(yv1, Float.NaN);
                k.vjp(batch, p, m, gY, null, gM1, null, yv1, null);
                close("vjp y", y0, yv1, n);
                close("gM", gM0, gM1, (long) n * spec.bins());
            }
            // the optional outputs: gM alone, y alone
            Arrays.fill(gM1, Float.NaN);
            k.vjp(batch, p, m, gY, null, gM1, null, null, null);
            close("gM without y", gM0, gM1, (long) n * spec.bins());
            Arrays.fill(yv1, Float.NaN);
            k.vjp(batch, p, m, gY, null, null, null, yv1, null);
            close("vjp y without gM", y0, yv1, n);
        }
    }

    /** |actual − expected| ≤ 2·10⁻⁶·√terms·max|expected| (at least 10⁻⁵ of it) elementwise. */
    private static void close(String what, float[] expected, float[] actual, long terms) {
        double tol = Math.max(1e-5, 2e-6 * Math.sqrt(terms)) * Math.max(Float.MIN_NORMAL, Tolerance.maxAbs(expected));
        Tolerance.assertClose(what, expected, actual, tol, 0);
    }

    /**
     * The table entries off the grid (i + j ≥ N or i − j &lt; 0), and Im c of a real field, are never
     * read: replacing them with other finite garbage changes no bit of y or gM, on every backend.
     */
    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void garbageOffTheGridIsNeverRead(BackendKind kind) {
        BackendTestSupport.backendOrSkip(kind);
        for (boolean complexField : new boolean[] {false, true}) {
            for (int n : new int[] {1, 2, 7, 17, 33}) {
                ShgSpec spec = new ShgSpec(n, 3);
                ShgParams a = ShgFixtures.params(spec, 5L * n, complexField);
                ShgParams b = ShgFixtures.params(spec, 5L * n, complexField);
                SplittableRandom rnd = new SplittableRandom(n);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        int idx = i * n + j;
                        boolean off = i + j >= n || i - j < 0;
                        if (off) {
                            b.pairRe[idx] = (float) rnd.nextDouble(-3e7, 3e7);
                        }
                        if (off || !complexField) {
                            b.pairIm[idx] = (float) rnd.nextDouble(-3e7, 3e7);
                        }
                    }
                }
                int batch = 5;
                float[] m = ShgFixtures.modulation(batch, spec, 9);
                float[] gY = ShgFixtures.cotangent(batch, spec, 10);
                try (ShgKernel k = ShgKernels.FAMILY.create(kind, spec, batch)) {
                    float[] ya = new float[batch * 3], yb = new float[batch * 3];
                    float[] ga = new float[batch * n], gb = new float[batch * n];
                    k.vjp(batch, a, m, gY, null, ga, null, ya, null);
                    k.vjp(batch, b, m, gY, null, gb, null, yb, null);
                    String w = kind.id() + " complex=" + complexField + " N=" + n;
                    assertArrayEquals(ya, yb, 0f, w + ": y");
                    assertArrayEquals(ga, gb, 0f, w + ": gM");
                    k.forward(batch, b, m, yb, null);
                    assertArrayEquals(ya, yb, 0f, w + ": forward y");
                }
            }
        }
    }

    /**
     * Every backend refuses m outside [0, 1] through the checked entry, forward and VJP, naming the
     * sample and channel and pointing to the trainer's box constraint; its outputs stay untouched.
     */
    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void refusesModulationOutsideTheUnitIntervalOnEveryBackend(BackendKind kind) {
        BackendTestSupport.backendOrSkip(kind);
        ShgSpec spec = new ShgSpec(5, 2);
        ShgParams p = ShgFixtures.params(spec, 3, true);
        try (ShgKernel k = ShgKernels.FAMILY.create(kind, spec, 3)) {
            float[] m = ShgFixtures.modulation(3, spec, 4);
            float[] y = new float[6], gM = new float[15], gY = ShgFixtures.cotangent(3, spec, 5);
            for (float bad : new float[] {-1e-7f, 1.0000001f, 2f}) {
                float[] mb = m.clone();
                mb[2 * 5 + 3] = bad;
                Arrays.fill(y, -7f);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> k.forward(3, p, mb, y, null));
                assertTrue(e.getMessage().contains("m[2, 3] = " + bad) && e.getMessage().contains("[0, 1]")
                        && e.getMessage().contains("box constraint"), e.getMessage());
                e = assertThrows(IllegalArgumentException.class, () -> k.vjp(3, p, mb, gY, null, gM, null, y, null));
                assertTrue(e.getMessage().contains("m[2, 3] = " + bad), e.getMessage());
                for (float v : y) {
                    assertEquals(-7f, v, kind.id() + ": y written despite the error");
                }
            }
            float[] nan = m.clone();
            nan[0] = Float.NaN;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> k.forward(3, p, nan, y, null));
            assertTrue(e.getMessage().contains("m[0, 0] = NaN") || e.getMessage().contains("x[0, 0] = NaN"), e.getMessage());
            // the edges of the box are allowed
            float[] edges = m.clone();
            edges[0] = 0f;
            edges[1] = 1f;
            k.forward(3, p, edges, y, null);
        }
    }
}
