// The tiled matrix product of the OpenCL kernels: one source, prepended to gemm.cl and
// oscillator.cl when their programs are built (OpenClContext.program with this resource first).
//
// Each work-group of RTS x RTS work-items computes a TS x TS tile of a product; each work-item keeps
// a WPT x WPT block of it in registers (strided by RTS so that neighbouring work-items touch
// neighbouring columns). The K dimension is walked in slabs of TSK: each slab of op(A) and op(B) is
// staged in local memory, loaded in whichever order makes neighbouring work-items read neighbouring
// addresses for the operand's storage order; out-of-range elements load as 0, so sizes need not be
// multiples of the tile. The products use explicit fma (the same rounding with contraction on or off).

#ifndef RTS
#define RTS 16
#endif
#define TS 64
#define TSK 16
#define WPT (TS / RTS)
#define LPT ((TSK * TS) / (RTS * RTS))

// acc[wm][wn] += Σ_{p in [k0, k1)} op(A)[row0 + ty + wm·RTS][p] · op(B)[p][col0 + tx + wn·RTS] for the
// TS x TS tile (row0, col0) = (group(1)·TS, group(0)·TS) of this work-group. op(A) is (M, ·): A is
// stored (M, lda) row-major or, when transA, (·, lda) and read transposed. op(B) has N columns: B is
// stored (·, ldb) row-major or, when transB, (N, ldb) and read transposed. Asub and Bsub are
// [TSK][TS + 1] local arrays (+1 column of padding: the stores walk down a column for row-major A
// and transposed B, which would otherwise hit a single local-memory bank). Every work-item of the
// group must call it (barriers).
inline void tile_product(const int transA, const int transB, const int M, const int N, const int k0, const int k1,
                         __global const float* A, const int lda, __global const float* B, const int ldb,
                         __local float (*Asub)[TS + 1], __local float (*Bsub)[TS + 1], float (*acc)[WPT])
{
    const int tx = get_local_id(0);        // along N
    const int ty = get_local_id(1);        // along M
    const int tid = ty * RTS + tx;
    const int row0 = get_group_id(1) * TS;
    const int col0 = get_group_id(0) * TS;
    for (int p0 = k0; p0 < k1; p0 += TSK) {
        for (int l = 0; l < LPT; l++) {
            const int id = l * RTS * RTS + tid;
            int i, j, p, q;
            if (transA) { i = id % TS; p = id / TS; } else { p = id % TSK; i = id / TSK; }
            const int gi = row0 + i, gp = p0 + p;
            float v = 0.0f;
            if (gi < M && gp < k1) {
                v = transA ? A[gp * lda + gi] : A[gi * lda + gp];
            }
            Asub[p][i] = v;

            if (transB) { q = id % TSK; j = id / TSK; } else { j = id % TS; q = id / TS; }
            const int gj = col0 + j, gq = p0 + q;
            v = 0.0f;
            if (gj < N && gq < k1) {
                v = transB ? B[gj * ldb + gq] : B[gq * ldb + gj];
            }
            Bsub[q][j] = v;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int p = 0; p < TSK; p++) {
            float breg[WPT];
            for (int wn = 0; wn < WPT; wn++) {
                breg[wn] = Bsub[p][tx + wn * RTS];
            }
            for (int wm = 0; wm < WPT; wm++) {
                const float areg = Asub[p][ty + wm * RTS];
                for (int wn = 0; wn < WPT; wn++) {
                    acc[wm][wn] = fma(areg, breg[wn], acc[wm][wn]);
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
}
