package org.patengine.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked GEMM {@code C = alpha·op(A)·op(B) + beta·C} with the Vector API, after the
 * BLIS/GotoBLAS scheme.
 *
 * <p>{@code op(B)} is packed into panels of {@link #NR} = 2 vectors of columns ({@code KC × NR},
 * k-major) and {@code alpha·op(A)} into panels of {@link #MR} = 4 rows ({@code KC × MR}, k-major);
 * the packing absorbs the transposes, so one micro-kernel serves all four cases. Per k the
 * micro-kernel loads two B vectors, broadcasts four A scalars and issues 8 independent FMAs into
 * an {@code MR × NR} tile of C held in 8 vector registers.
 *
 * <p>Why 4 × 2 vectors and not the classic 6 × 2 (12 accumulators): C2 schedules all six A
 * broadcasts ahead of the FMAs, needing 12 + 6 + 1 registers out of the 16 ymm registers of AVX2,
 * and spills four accumulators to the stack; the store-to-load round trip then sits on their FMA
 * chains and the 6 × 2 kernel ran at 35–45 % of the measured FMA peak. 8 accumulators + 2 B +
 * 4 A = 14 registers never spill, and 8 chains still cover FMA latency (4 cycles) × 2 FMA ports.
 * The stores are inlined in the kernel too: an accumulator that reaches a call C2 does not inline
 * is boxed where it is defined, i.e. on every k step.
 *
 * <p>Edge tiles (fewer than MR rows or NR columns left) run the same kernel into a small
 * workspace tile and merge its valid corner into C. Blocking: the KC × NR panel of B (16 KiB with
 * 8 lanes) stays in L1 while the MC × KC block of A (120 KiB) streams from L2.
 */
final class SimdGemm {
    static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    static final int L = S.length();
    /**
     * Rows of the register tile: 8 with 16 lanes (AVX-512 has 32 vector registers: 16 accumulators
     * + 2 B + 8 A fit, and per k 10 loads feed 16 FMAs), else 4 (see above).
     */
    static final int MR = L >= 16 ? 8 : 4;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    /** Depth of the packed panels. */
    static final int KC = 256;
    /** Rows of the packed A block; a multiple of MR. */
    static final int MC = 120;
    /** Columns of the packed B block. */
    static final int NC = 2048;

    /** Per-thread packing buffers, allocated once per thread. */
    static final class Workspace {
        final float[] packA = new float[MC * KC];
        final float[] packB = new float[KC * NC];
        /** One MR × NR tile for the edges of C. */
        final float[] tile = new float[MR * NR];
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private SimdGemm() {
    }

    static Workspace workspace() {
        return WORKSPACE.get();
    }

    /** C *= beta over an m×n block (beta == 0 writes zeros without reading C). */
    static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    /**
     * Computes rows [i0, i1) and columns [j0, j1) of C on the calling thread. Assumes k > 0 and
     * alpha != 0 (the caller handles the degenerate cases).
     */
    static void compute(Workspace ws, boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                        float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float beta, float[] c, int cOff, int ldc) {
        final float[] pa = ws.packA;
        final float[] pb = ws.packB;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, pb);
                float betaBlock = pc == 0 ? beta : 1f;
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(transA, alpha, a, aOff, lda, ic, mc, pc, kc, pa);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int ci = cOff + (ic + ir) * ldc + jc + jr;
                            if (mr == MR && nr == NR) {
                                microKernel(kc, pa, ir * kc, pb, jr * kc, c, ci, ldc, betaBlock);
                            } else {
                                edgeKernel(kc, pa, ir * kc, pb, jr * kc, ws.tile, c, ci, ldc, mr, nr, betaBlock);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Packs op(B)[pc:pc+kc, jc:jc+nc] as panels of NR columns, k-major, zero-padded. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, float[] pb) {
        int dst = 0;
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            if (!transB) {
                // op(B) = B, k×n: row p of the panel is a contiguous run of B's row.
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    if (nr == NR) {
                        FloatVector.fromArray(S, b, src).intoArray(pb, dst);
                        FloatVector.fromArray(S, b, src + L).intoArray(pb, dst + L);
                    } else {
                        System.arraycopy(b, src, pb, dst, nr);
                        java.util.Arrays.fill(pb, dst + nr, dst + NR, 0f);
                    }
                    dst += NR;
                }
            } else {
                // op(B) = Bᵀ with B n×k: column j of op(B) is row j of B, read contiguously.
                for (int j = 0; j < NR; j++) {
                    int d = dst + j;
                    if (j < nr) {
                        int src = bOff + (jc + jr + j) * ldb + pc;
                        for (int p = 0; p < kc; p++) {
                            pb[d + p * NR] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            pb[d + p * NR] = 0f;
                        }
                    }
                }
                dst += kc * NR;
            }
        }
    }

    /** Packs alpha·op(A)[ic:ic+mc, pc:pc+kc] as panels of MR rows, k-major, zero-padded. */
    static void packA(boolean transA, float alpha, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc,
                      float[] pa) {
        int dst = 0;
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            if (!transA) {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (ic + ir) * lda + pc + p;
                    int r = 0;
                    for (; r < mr; r++) {
                        pa[dst + r] = alpha * a[src + r * lda];
                    }
                    for (; r < MR; r++) {
                        pa[dst + r] = 0f;
                    }
                    dst += MR;
                }
            } else {
                // op(A) = Aᵀ with A k×m: the MR values for one p are contiguous in A's row p.
                if (alpha == 1f && mr == MR) {
                    for (int p = 0; p < kc; p++) {
                        System.arraycopy(a, aOff + (pc + p) * lda + ic + ir, pa, dst, MR);
                        dst += MR;
                    }
                    continue;
                }
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    int r = 0;
                    for (; r < mr; r++) {
                        pa[dst + r] = alpha * a[src + r];
                    }
                    for (; r < MR; r++) {
                        pa[dst + r] = 0f;
                    }
                    dst += MR;
                }
            }
        }
    }

    /**
     * Full tile: C[0:MR, 0:NR] = beta·C + Σ_p pa[p, 0:MR] ⊗ pb[p, 0:NR] (beta == 0 does not read C).
     *
     * <p>Everything, stores included, is in this one method: an accumulator that reaches a call C2
     * does not inline gets boxed where it is defined, i.e. once per k step.
     */
    static void microKernel(int kc, float[] pa, int ai, float[] pb, int bi, float[] c, int ci, int ldc,
                            float beta) {
        if (MR == 8) {
            microKernel8(kc, pa, ai, pb, bi, c, ci, ldc, beta);
        } else {
            microKernel4(kc, pa, ai, pb, bi, c, ci, ldc, beta);
        }
    }

    /** The 8 × 2-vector tile of 16-lane machines: as {@link #microKernel4}, twice the rows. */
    static void microKernel8(int kc, float[] pa, int ai, float[] pb, int bi, float[] c, int ci, int ldc,
                             float beta) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector a = FloatVector.broadcast(S, pa[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, pa[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, pa[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, pa[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, pa[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, pa[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, pa[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, pa[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            ai += 8;
            bi += NR;
        }
        int c1 = ci + ldc, c2 = ci + 2 * ldc, c3 = ci + 3 * ldc, c4 = ci + 4 * ldc, c5 = ci + 5 * ldc, c6 = ci + 6 * ldc,
                c7 = ci + 7 * ldc;
        if (beta != 0f) {
            FloatVector vb = FloatVector.broadcast(S, beta);
            c00 = FloatVector.fromArray(S, c, ci).fma(vb, c00);
            c01 = FloatVector.fromArray(S, c, ci + L).fma(vb, c01);
            c10 = FloatVector.fromArray(S, c, c1).fma(vb, c10);
            c11 = FloatVector.fromArray(S, c, c1 + L).fma(vb, c11);
            c20 = FloatVector.fromArray(S, c, c2).fma(vb, c20);
            c21 = FloatVector.fromArray(S, c, c2 + L).fma(vb, c21);
            c30 = FloatVector.fromArray(S, c, c3).fma(vb, c30);
            c31 = FloatVector.fromArray(S, c, c3 + L).fma(vb, c31);
            c40 = FloatVector.fromArray(S, c, c4).fma(vb, c40);
            c41 = FloatVector.fromArray(S, c, c4 + L).fma(vb, c41);
            c50 = FloatVector.fromArray(S, c, c5).fma(vb, c50);
            c51 = FloatVector.fromArray(S, c, c5 + L).fma(vb, c51);
            c60 = FloatVector.fromArray(S, c, c6).fma(vb, c60);
            c61 = FloatVector.fromArray(S, c, c6 + L).fma(vb, c61);
            c70 = FloatVector.fromArray(S, c, c7).fma(vb, c70);
            c71 = FloatVector.fromArray(S, c, c7 + L).fma(vb, c71);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
        c40.intoArray(c, c4);
        c41.intoArray(c, c4 + L);
        c50.intoArray(c, c5);
        c51.intoArray(c, c5 + L);
        c60.intoArray(c, c6);
        c61.intoArray(c, c6 + L);
        c70.intoArray(c, c7);
        c71.intoArray(c, c7 + L);
    }

    /** The 4 × 2-vector tile. */
    static void microKernel4(int kc, float[] pa, int ai, float[] pb, int bi, float[] c, int ci, int ldc,
                             float beta) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, pa[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, pa[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, pa[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, pa[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            ai += 4;
            bi += NR;
        }
        int c1 = ci + ldc, c2 = ci + 2 * ldc, c3 = ci + 3 * ldc;
        if (beta != 0f) {
            FloatVector vb = FloatVector.broadcast(S, beta);
            c00 = FloatVector.fromArray(S, c, ci).fma(vb, c00);
            c01 = FloatVector.fromArray(S, c, ci + L).fma(vb, c01);
            c10 = FloatVector.fromArray(S, c, c1).fma(vb, c10);
            c11 = FloatVector.fromArray(S, c, c1 + L).fma(vb, c11);
            c20 = FloatVector.fromArray(S, c, c2).fma(vb, c20);
            c21 = FloatVector.fromArray(S, c, c2 + L).fma(vb, c21);
            c30 = FloatVector.fromArray(S, c, c3).fma(vb, c30);
            c31 = FloatVector.fromArray(S, c, c3 + L).fma(vb, c31);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
    }

    /**
     * Edge tile (mr < MR or nr < NR): the full kernel writes the MR × NR product into the
     * workspace tile, and only its mr × nr corner is merged into C.
     */
    static void edgeKernel(int kc, float[] pa, int ai, float[] pb, int bi, float[] tile, float[] c, int ci,
                           int ldc, int mr, int nr, float beta) {
        microKernel(kc, pa, ai, pb, bi, tile, 0, NR, 0f);
        for (int i = 0; i < mr; i++) {
            int row = ci + i * ldc;
            int t = i * NR;
            if (beta == 0f) {
                System.arraycopy(tile, t, c, row, nr);
            } else {
                for (int j = 0; j < nr; j++) {
                    c[row + j] = Math.fma(beta, c[row + j], tile[t + j]);
                }
            }
        }
    }
}
