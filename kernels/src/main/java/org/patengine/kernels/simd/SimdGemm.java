package org.patengine.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked GEMM {@code C = alpha·op(A)·op(B) + beta·C} with the Vector API, after the
 * BLIS/GotoBLAS scheme.
 *
 * <p>{@code op(B)} is packed into panels of {@link #NR} = 2 vectors of columns ({@code KC × NR},
 * k-major) and {@code alpha·op(A)} into panels of {@link #MR} rows ({@code KC × MR}, k-major); the
 * packing absorbs the transposes, so one micro-kernel serves all four cases. The micro-kernel keeps
 * an {@code MR × NR} tile of C in 12 vector registers and, per k, loads two B vectors and broadcasts
 * six A scalars into 12 independent FMAs — enough independent chains to cover the FMA latency on
 * two FMA ports. Partial tiles at the right edge use masked loads and stores; partial rows are
 * simply not stored (the packed A rows beyond the edge are zero).
 *
 * <p>Blocking: KC × NR panels of B stay in L1, the MC × KC block of A in L2.
 */
final class SimdGemm {
    static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 6;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int MC = 120;
    static final int NC = 2048;

    /** Per-thread packing buffers, allocated once per thread. */
    static final class Workspace {
        final float[] packA = new float[MC * KC];
        final float[] packB = new float[KC * NC];
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
        final float[] tile = ws.tile;
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
                            microKernel(kc, pa, ir * kc, pb, jr * kc, tile);
                            storeTile(tile, c, cOff + (ic + ir) * ldc + jc + jr, ldc, mr, nr, betaBlock);
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
                // op(B) = Bᵀ with B n×k: column j of op(B) is row j of B.
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (jc + jr) * ldb + pc + p;
                    int j = 0;
                    for (; j < nr; j++) {
                        pb[dst + j] = b[src + j * ldb];
                    }
                    for (; j < NR; j++) {
                        pb[dst + j] = 0f;
                    }
                    dst += NR;
                }
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
     * tile[0:MR, 0:NR] = Σ_p pa[p, 0:MR] ⊗ pb[p, 0:NR]. The accumulators leave through a small
     * tile buffer rather than straight into C: stores with masks and beta cases inlined here would
     * blow C2's inlining budget, and the vectors would then be boxed on every iteration.
     */
    static void microKernel(int kc, float[] pa, int ai, float[] pb, int bi, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
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
            FloatVector a4 = FloatVector.broadcast(S, pa[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, pa[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            ai += MR;
            bi += NR;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
    }

    /** C[0:mr, 0:nr] = beta·C + tile[0:mr, 0:nr]; beta == 0 does not read C. */
    static void storeTile(float[] tile, float[] c, int ci, int ldc, int mr, int nr, float beta) {
        for (int r = 0; r < mr; r++) {
            int row = ci + r * ldc;
            int t = r * NR;
            for (int j = 0; j < nr; j += L) {
                VectorMask<Float> m = S.indexInRange(j, nr);
                FloatVector acc = FloatVector.fromArray(S, tile, t + j);
                if (beta != 0f) {
                    FloatVector old = FloatVector.fromArray(S, c, row + j, m);
                    acc = beta == 1f ? acc.add(old) : old.fma(FloatVector.broadcast(S, beta), acc);
                }
                acc.intoArray(c, row + j, m);
            }
        }
    }
}
