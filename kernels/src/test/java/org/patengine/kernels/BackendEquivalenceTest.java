package org.patengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patengine.kernels.BackendTestSupport.AWKWARD;
import static org.patengine.kernels.BackendTestSupport.backendOrSkip;
import static org.patengine.kernels.BackendTestSupport.random;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every operation of every accelerated backend against the scalar oracle, at awkward sizes, with
 * offsets and guard cells around every output (a kernel that writes one element too far fails),
 * with a tolerance scaled by the size of the reduction.
 */
class BackendEquivalenceTest {
    private static final ScalarBackend ORACLE = new ScalarBackend();
    private static final float EPS = Math.ulp(1f);
    private static final float GUARD = 12345.678f;
    private static final int OFF = 5;

    /** (m, n, k) triples: each awkward size in each dimension, plus a few mixed shapes. */
    static List<int[]> gemmShapes() {
        List<int[]> shapes = new ArrayList<>();
        for (int s : AWKWARD) {
            shapes.add(new int[] {s, 17, 9});
            shapes.add(new int[] {7, s, 13});
            shapes.add(new int[] {9, 15, s});
        }
        shapes.add(new int[] {100, 129, 31});
        shapes.add(new int[] {129, 100, 64});
        shapes.add(new int[] {256, 196, 196});
        shapes.add(new int[] {31, 1021, 64});
        shapes.add(new int[] {0, 5, 5});
        shapes.add(new int[] {5, 0, 5});
        shapes.add(new int[] {5, 5, 0});
        return shapes;
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"SIMD", "OPENCL"})
    @Covers("gemm")
    void gemmMatchesScalar(BackendKind kind) {
        ComputeBackend be = backendOrSkip(kind);
        SplittableRandom r = new SplittableRandom(1);
        float[][] alphaBeta = {{1f, 0f}, {0.5f, -1.5f}, {-2f, 1f}};
        int caseNo = 0;
        for (int[] s : gemmShapes()) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                float[] ab = alphaBeta[caseNo++ % alphaBeta.length];
                checkGemm(be, r, ta, tb, s[0], s[1], s[2], ab[0], ab[1], caseNo % 2 == 0 ? 0 : 3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"SIMD", "OPENCL"})
    void gemmWithBetaZeroIgnoresNaNInC(BackendKind kind) {
        ComputeBackend be = backendOrSkip(kind);
        int m = 17, n = 33, k = 5;
        float[] a = random(new SplittableRandom(2), m * k);
        float[] b = random(new SplittableRandom(3), k * n);
        float[] c = new float[m * n];
        Arrays.fill(c, Float.NaN);
        be.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        float[] ref = new float[m * n];
        ORACLE.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, ref, 0, n);
        for (int i = 0; i < c.length; i++) {
            assertEquals(ref[i], c[i], 1e-5f, "element " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"SIMD", "OPENCL"})
    void gemmRejectsTooShortArrays(BackendKind kind) {
        ComputeBackend be = backendOrSkip(kind);
        float[] small = new float[10];
        IndexOutOfBoundsException e = org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> be.gemm(false, false, 4, 4, 4, 1f, small, 0, 4, new float[16], 0, 4, 0f, new float[16], 0, 4));
        assertTrue(e.getMessage().contains("gemm A"), e.getMessage());
    }

    private static void checkGemm(ComputeBackend be, SplittableRandom r, boolean ta, boolean tb,
                                  int m, int n, int k, float alpha, float beta, int pad) {
        int aRows = ta ? k : m, aCols = ta ? m : k;
        int bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = Math.max(1, aCols + pad), ldb = Math.max(1, bCols + pad), ldc = Math.max(1, n + pad);
        float[] a = random(r, OFF + Math.max(1, aRows * lda));
        float[] b = random(r, OFF + Math.max(1, bRows * ldb));
        float[] c0 = random(r, OFF + m * ldc + OFF);
        // guard cells: the padding of every row and the cells around C must stay untouched
        for (int i = 0; i < c0.length; i++) {
            int rel = i - OFF;
            if (rel < 0 || rel >= m * ldc || rel % ldc >= n) {
                c0[i] = GUARD;
            }
        }
        float[] ref = c0.clone();
        float[] got = c0.clone();
        ORACLE.gemm(ta, tb, m, n, k, alpha, a, OFF, lda, b, OFF, ldb, beta, ref, OFF, ldc);
        be.gemm(ta, tb, m, n, k, alpha, a, OFF, lda, b, OFF, ldb, beta, got, OFF, ldc);
        String what = be.kind().id() + " gemm " + (ta ? "T" : "N") + (tb ? "T" : "N") + " m=" + m + " n=" + n
                + " k=" + k + " alpha=" + alpha + " beta=" + beta + " pad=" + pad;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    float aip = ta ? a[OFF + p * lda + i] : a[OFF + i * lda + p];
                    float bpj = tb ? b[OFF + j * ldb + p] : b[OFF + p * ldb + j];
                    mag += Math.abs(aip * bpj);
                }
                mag = Math.abs(alpha) * mag + Math.abs(beta * c0[OFF + i * ldc + j]);
                double tol = 2.0 * (k + 2) * EPS * mag + 1e-30;
                int idx = OFF + i * ldc + j;
                assertTrue(Math.abs(got[idx] - ref[idx]) <= tol,
                        () -> what + ": C[" + idx + "] = " + got[idx] + ", scalar " + ref[idx] + ", tolerance " + tol);
            }
        }
        for (int i = 0; i < got.length; i++) {
            int rel = i - OFF;
            if (rel < 0 || rel >= m * ldc || rel % ldc >= n) {
                int fi = i;
                assertEquals(GUARD, got[i], () -> what + ": wrote outside C at index " + fi);
            }
        }
    }

    /** An input, an output with guard cells around [OFF, OFF + n), and both results. */
    private static float[] guarded(float[] values) {
        float[] g = new float[values.length + 2 * OFF];
        Arrays.fill(g, GUARD);
        System.arraycopy(values, 0, g, OFF, values.length);
        return g;
    }

    private static void assertClose(String what, float[] ref, float[] got, float[] tol) {
        assertEquals(ref.length, got.length);
        for (int i = 0; i < ref.length; i++) {
            int fi = i;
            float t = tol[i];
            assertTrue(Math.abs(ref[i] - got[i]) <= t || (Float.isNaN(ref[i]) && Float.isNaN(got[i])),
                    () -> what + ": element " + fi + " = " + got[fi] + ", scalar " + ref[fi] + ", tolerance " + t);
        }
    }

    private interface ElementwiseOp {
        void apply(ComputeBackend be, int n, float[] x, float[] y, float[] z);
    }

    /** Runs op on oracle and backend for each awkward n; tolerance per element from tolOf. */
    private static void checkElementwise(BackendKind kind, String name, ElementwiseOp op,
                                         java.util.function.BiFunction<float[], Integer, Float> tolOf, double range) {
        ComputeBackend be = backendOrSkip(kind);
        SplittableRandom r = new SplittableRandom(name.hashCode());
        for (int n : AWKWARD) {
            float[] x = random(r, n);
            float[] y = random(r, n);
            float[] z = random(r, n);
            for (int i = 0; i < n; i++) {
                x[i] *= (float) range;
            }
            float[] xr = guarded(x), yr = guarded(y), zr = guarded(z);
            float[] xg = xr.clone(), yg = yr.clone(), zg = zr.clone();
            op.apply(ORACLE, n, xr, yr, zr);
            op.apply(be, n, xg, yg, zg);
            float[] tol = new float[xr.length];
            for (int i = 0; i < tol.length; i++) {
                tol[i] = tolOf.apply(zr, i);
            }
            assertClose(kind.id() + " " + name + " n=" + n + " (x)", xr, xg, tol);
            assertClose(kind.id() + " " + name + " n=" + n + " (y)", yr, yg, tol);
            assertClose(kind.id() + " " + name + " n=" + n + " (z)", zr, zg, tol);
        }
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"SIMD", "OPENCL"})
    @Covers("sin")
    void sinMatchesScalar(BackendKind kind) {
        checkElementwise(kind, "sin", (be, n, x, y, z) -> be.sin(n, x, OFF, z, OFF), (z, i) -> 2e-6f, 20);
        checkElementwise(kind, "sin in place", (be, n, x, y, z) -> be.sin(n, x, OFF, x, OFF), (z, i) -> 2e-6f, 3);
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"SIMD", "OPENCL"})
    @Covers("cos")
    void cosMatchesScalar(BackendKind kind) {
        checkElementwise(kind, "cos", (be, n, x, y, z) -> be.cos(n, x, OFF, z, OFF), (z, i) -> 2e-6f, 20);
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"SIMD", "OPENCL"})
    @Covers("fma")
    void fmaMatchesScalar(BackendKind kind) {
        checkElementwise(kind, "fma", (be, n, x, y, z) -> be.fma(n, x, OFF, y, OFF, z, OFF),
                (z, i) -> 2 * EPS * (Math.abs(z[i]) + 2), 4);
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"SIMD", "OPENCL"})
    @Covers("axpy")
    void axpyMatchesScalar(BackendKind kind) {
        checkElementwise(kind, "axpy", (be, n, x, y, z) -> be.axpy(n, -0.75f, x, OFF, z, OFF),
                (z, i) -> 2 * EPS * (Math.abs(z[i]) + 2), 4);
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"SIMD", "OPENCL"})
    @Covers("scale")
    void scaleMatchesScalar(BackendKind kind) {
        checkElementwise(kind, "scale", (be, n, x, y, z) -> be.scale(n, 1.37f, z, OFF),
                (z, i) -> EPS * Math.abs(z[i]), 4);
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"SIMD", "OPENCL"})
    @Covers("sum")
    void sumMatchesScalar(BackendKind kind) {
        ComputeBackend be = backendOrSkip(kind);
        SplittableRandom r = new SplittableRandom(7);
        for (int n : new int[] {0, 1, 2, 3, 7, 15, 16, 17, 31, 64, 100, 129, 1021, 100_003}) {
            float[] x = guarded(random(r, n));
            double abs = 0;
            for (int i = OFF; i < OFF + n; i++) {
                abs += Math.abs(x[i]);
            }
            float ref = ORACLE.sum(n, x, OFF);
            float got = be.sum(n, x, OFF);
            double tol = 2.0 * (n + 1) * EPS * abs + 1e-30;
            assertTrue(Math.abs(ref - got) <= tol, kind.id() + " sum n=" + n + ": " + got + " vs scalar " + ref);
        }
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"SIMD", "OPENCL"})
    @Covers("columnSums")
    void columnSumsMatchScalar(BackendKind kind) {
        ComputeBackend be = backendOrSkip(kind);
        SplittableRandom r = new SplittableRandom(8);
        for (int s : AWKWARD) {
            for (int[] mn : new int[][] {{s, 17}, {13, s}}) {
                int m = mn[0], n = mn[1], lda = n + 3;
                float[] a = random(r, OFF + m * lda);
                float[] ref = guarded(new float[n]);
                float[] got = ref.clone();
                ORACLE.columnSums(m, n, a, OFF, lda, ref, OFF);
                be.columnSums(m, n, a, OFF, lda, got, OFF);
                float[] tol = new float[ref.length];
                Arrays.fill(tol, 2f * (m + 1) * EPS * m);
                assertClose(kind.id() + " columnSums m=" + m + " n=" + n, ref, got, tol);
            }
        }
    }
}
