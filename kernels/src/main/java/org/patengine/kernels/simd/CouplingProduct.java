package org.patengine.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The coupling product of the oscillator kernel, {@code C = W·J} for a block of rows
 * ({@code W}: rows × n with row stride ld, {@code C}: rows × ld), specialised for what that kernel
 * does 4·Nt times per forward and again per reverse pass with the same J:
 * <ul>
 *   <li>J is packed once per call ({@link #pack}) into panels of {@value #PANEL} columns, k-major
 *       (row p of panel q is {@code J[p, 16q … 16q+15]}, zero past column n), where a general GEMM
 *       repacks its B operand on every product;</li>
 *   <li>W is read in place: the micro-kernels broadcast {@code W[r, p]} straight from the rows, so
 *       nothing is packed per product (W's rows are short and stay in L1/L2);</li>
 *   <li>the register tile follows the vector width: with 16 lanes (AVX-512, 32 registers) 8 rows ×
 *       one vector (8 accumulators, 1 load of B and 8 broadcasts per 8 FMAs); with 8 lanes or fewer
 *       4 rows × two vectors, as {@link SimdGemm}. A panel is 16 floats in both cases, so the row
 *       stride needs only be a multiple of 16 (n = 196 → 208, where 2 × 16 lanes gave 224).</li>
 * </ul>
 * The B panel (n × 16 floats, 12.5 KiB at n = 196) stays in L1 while the rows stream past it.
 */
final class CouplingProduct {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();
    /** Columns of a panel of packed J; the row stride of W and C must be a multiple of it. */
    static final int PANEL = 16;
    /** Rows of the wide-vector tile (16 lanes). */
    private static final boolean WIDE = L == PANEL;

    private CouplingProduct() {
    }

    /** The row stride for n columns: n rounded up to a multiple of {@link #PANEL}. */
    static int stride(int n) {
        return (n + PANEL - 1) / PANEL * PANEL;
    }

    /** Floats of packed J for n oscillators: n rows × {@link #stride} columns. */
    static int packedSize(int n) {
        return Math.multiplyExact(n, stride(n));
    }

    /** Packs J (n × n, row-major, row stride ldj) into {@code packed} ({@link #packedSize}). */
    static void pack(int n, float[] j, int jOff, int ldj, float[] packed) {
        int panels = stride(n) / PANEL;
        int dst = 0;
        for (int q = 0; q < panels; q++) {
            int col0 = q * PANEL;
            int cols = Math.min(PANEL, n - col0);
            for (int p = 0; p < n; p++) {
                int src = jOff + p * ldj + col0;
                if (cols == PANEL) {
                    for (int c = 0; c < PANEL; c += L) {
                        FloatVector.fromArray(S, j, src + c).intoArray(packed, dst + c);
                    }
                } else {
                    System.arraycopy(j, src, packed, dst, cols);
                    java.util.Arrays.fill(packed, dst + cols, dst + PANEL, 0f);
                }
                dst += PANEL;
            }
        }
    }

    /**
     * {@code C[cOff…] = W[wOff…]·J} for {@code rows} rows: W rows × n at row stride ld, C rows × ld
     * (its padding columns get zeros, as J's packed padding is zero); ld a multiple of {@link #PANEL}.
     */
    static void multiply(int rows, int n, int ld, float[] w, int wOff, float[] packed, float[] c, int cOff) {
        int panels = ld / PANEL;
        for (int q = 0; q < panels; q++) {
            int b = q * n * PANEL;
            int col = q * PANEL;
            int r = 0;
            if (WIDE && q + 1 < panels) {
                for (; r + 8 <= rows; r += 8) {
                    tile8x2(n, w, wOff + r * ld, ld, packed, b, b + n * PANEL, c, cOff + r * ld + col);
                }
                for (; r < rows; r++) {
                    row1(n, w, wOff + r * ld, packed, b, c, cOff + r * ld + col);
                    row1(n, w, wOff + r * ld, packed, b + n * PANEL, c, cOff + r * ld + col + PANEL);
                }
                q++;
                continue;
            }
            if (WIDE) {
                for (; r + 8 <= rows; r += 8) {
                    tile8x1(n, w, wOff + r * ld, ld, packed, b, c, cOff + r * ld + col);
                }
            } else {
                for (; r + 4 <= rows; r += 4) {
                    for (int sub = 0; sub < PANEL; sub += 2 * L) {
                        tile4x2(n, w, wOff + r * ld, ld, packed, b + sub, c, cOff + r * ld + col + sub);
                    }
                }
            }
            for (; r < rows; r++) {
                for (int sub = 0; sub < PANEL; sub += L) {
                    row1(n, w, wOff + r * ld, packed, b + sub, c, cOff + r * ld + col + sub);
                }
            }
        }
    }

    /** 8 rows × two 16-lane vectors (panels b0 and b1) of C: per p two loads of B, 8 broadcasts, 16 FMAs. */
    private static void tile8x2(int n, float[] w, int w0, int ld, float[] pb, int b0, int b1, float[] c, int c0) {
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
        FloatVector a4 = FloatVector.zero(S), a5 = FloatVector.zero(S), a6 = FloatVector.zero(S), a7 = FloatVector.zero(S);
        FloatVector d0 = FloatVector.zero(S), d1 = FloatVector.zero(S), d2 = FloatVector.zero(S), d3 = FloatVector.zero(S);
        FloatVector d4 = FloatVector.zero(S), d5 = FloatVector.zero(S), d6 = FloatVector.zero(S), d7 = FloatVector.zero(S);
        int w1 = w0 + ld, w2 = w0 + 2 * ld, w3 = w0 + 3 * ld, w4 = w0 + 4 * ld, w5 = w0 + 5 * ld, w6 = w0 + 6 * ld, w7 = w0 + 7 * ld;
        for (int p = 0; p < n; p++) {
            FloatVector bv = FloatVector.fromArray(S, pb, b0 + p * PANEL);
            FloatVector bw = FloatVector.fromArray(S, pb, b1 + p * PANEL);
            FloatVector x = FloatVector.broadcast(S, w[w0 + p]);
            a0 = x.fma(bv, a0);
            d0 = x.fma(bw, d0);
            x = FloatVector.broadcast(S, w[w1 + p]);
            a1 = x.fma(bv, a1);
            d1 = x.fma(bw, d1);
            x = FloatVector.broadcast(S, w[w2 + p]);
            a2 = x.fma(bv, a2);
            d2 = x.fma(bw, d2);
            x = FloatVector.broadcast(S, w[w3 + p]);
            a3 = x.fma(bv, a3);
            d3 = x.fma(bw, d3);
            x = FloatVector.broadcast(S, w[w4 + p]);
            a4 = x.fma(bv, a4);
            d4 = x.fma(bw, d4);
            x = FloatVector.broadcast(S, w[w5 + p]);
            a5 = x.fma(bv, a5);
            d5 = x.fma(bw, d5);
            x = FloatVector.broadcast(S, w[w6 + p]);
            a6 = x.fma(bv, a6);
            d6 = x.fma(bw, d6);
            x = FloatVector.broadcast(S, w[w7 + p]);
            a7 = x.fma(bv, a7);
            d7 = x.fma(bw, d7);
        }
        int e = c0 + PANEL;
        a0.intoArray(c, c0);
        d0.intoArray(c, e);
        a1.intoArray(c, c0 + ld);
        d1.intoArray(c, e + ld);
        a2.intoArray(c, c0 + 2 * ld);
        d2.intoArray(c, e + 2 * ld);
        a3.intoArray(c, c0 + 3 * ld);
        d3.intoArray(c, e + 3 * ld);
        a4.intoArray(c, c0 + 4 * ld);
        d4.intoArray(c, e + 4 * ld);
        a5.intoArray(c, c0 + 5 * ld);
        d5.intoArray(c, e + 5 * ld);
        a6.intoArray(c, c0 + 6 * ld);
        d6.intoArray(c, e + 6 * ld);
        a7.intoArray(c, c0 + 7 * ld);
        d7.intoArray(c, e + 7 * ld);
    }

    /** 8 rows × one 16-lane vector of C: per p one load of B, 8 broadcasts of W, 8 FMAs. Stores inlined (no boxing). */
    private static void tile8x1(int n, float[] w, int w0, int ld, float[] pb, int b, float[] c, int c0) {
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
        FloatVector a4 = FloatVector.zero(S), a5 = FloatVector.zero(S), a6 = FloatVector.zero(S), a7 = FloatVector.zero(S);
        int w1 = w0 + ld, w2 = w0 + 2 * ld, w3 = w0 + 3 * ld, w4 = w0 + 4 * ld, w5 = w0 + 5 * ld, w6 = w0 + 6 * ld, w7 = w0 + 7 * ld;
        for (int p = 0; p < n; p++) {
            FloatVector bv = FloatVector.fromArray(S, pb, b + p * PANEL);
            a0 = FloatVector.broadcast(S, w[w0 + p]).fma(bv, a0);
            a1 = FloatVector.broadcast(S, w[w1 + p]).fma(bv, a1);
            a2 = FloatVector.broadcast(S, w[w2 + p]).fma(bv, a2);
            a3 = FloatVector.broadcast(S, w[w3 + p]).fma(bv, a3);
            a4 = FloatVector.broadcast(S, w[w4 + p]).fma(bv, a4);
            a5 = FloatVector.broadcast(S, w[w5 + p]).fma(bv, a5);
            a6 = FloatVector.broadcast(S, w[w6 + p]).fma(bv, a6);
            a7 = FloatVector.broadcast(S, w[w7 + p]).fma(bv, a7);
        }
        a0.intoArray(c, c0);
        a1.intoArray(c, c0 + ld);
        a2.intoArray(c, c0 + 2 * ld);
        a3.intoArray(c, c0 + 3 * ld);
        a4.intoArray(c, c0 + 4 * ld);
        a5.intoArray(c, c0 + 5 * ld);
        a6.intoArray(c, c0 + 6 * ld);
        a7.intoArray(c, c0 + 7 * ld);
    }

    /** 4 rows × two vectors of C (8 lanes or fewer): per p two loads of B, 4 broadcasts, 8 FMAs. */
    private static void tile4x2(int n, float[] w, int w0, int ld, float[] pb, int b, float[] c, int c0) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S), a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        int w1 = w0 + ld, w2 = w0 + 2 * ld, w3 = w0 + 3 * ld;
        for (int p = 0; p < n; p++) {
            int bp = b + p * PANEL;
            FloatVector b0 = FloatVector.fromArray(S, pb, bp);
            FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
            FloatVector x0 = FloatVector.broadcast(S, w[w0 + p]);
            a00 = x0.fma(b0, a00);
            a01 = x0.fma(b1, a01);
            FloatVector x1 = FloatVector.broadcast(S, w[w1 + p]);
            a10 = x1.fma(b0, a10);
            a11 = x1.fma(b1, a11);
            FloatVector x2 = FloatVector.broadcast(S, w[w2 + p]);
            a20 = x2.fma(b0, a20);
            a21 = x2.fma(b1, a21);
            FloatVector x3 = FloatVector.broadcast(S, w[w3 + p]);
            a30 = x3.fma(b0, a30);
            a31 = x3.fma(b1, a31);
        }
        a00.intoArray(c, c0);
        a01.intoArray(c, c0 + L);
        a10.intoArray(c, c0 + ld);
        a11.intoArray(c, c0 + ld + L);
        a20.intoArray(c, c0 + 2 * ld);
        a21.intoArray(c, c0 + 2 * ld + L);
        a30.intoArray(c, c0 + 3 * ld);
        a31.intoArray(c, c0 + 3 * ld + L);
    }

    /**
     * One row × one vector, for the rows left over by the tiles. One chain in p, like every element of
     * a tile, so a row's result does not depend on whether a tile or this loop made it (nor on how the
     * batch was split over threads).
     */
    private static void row1(int n, float[] w, int w0, float[] pb, int b, float[] c, int c0) {
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < n; p++) {
            acc = FloatVector.broadcast(S, w[w0 + p]).fma(FloatVector.fromArray(S, pb, b + p * PANEL), acc);
        }
        acc.intoArray(c, c0);
    }
}
