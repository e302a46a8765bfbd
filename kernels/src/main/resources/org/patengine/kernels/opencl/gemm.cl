// C = alpha * op(A) * op(B) + beta * C for dense row-major matrices (BLAS semantics).
//
// op(A) is M x K: A is stored M x K (lda >= K) or, when transA != 0, K x M (lda >= M).
// op(B) is K x N: B is stored K x N (ldb >= N) or, when transB != 0, N x K (ldb >= K).
// C is M x N (ldc >= N). When beta == 0, C is written without being read (NaNs in C do not
// propagate). The host passes K = 0 when alpha == 0, so A and B are then never read either.
//
// Each work-group of RTS x RTS work-items computes a TS x TS tile of C; each work-item keeps a
// WPT x WPT block of it in registers (strided by RTS so that neighbouring work-items touch
// neighbouring columns). The K dimension is walked in slabs of TSK: each slab of op(A) and op(B)
// is staged in local memory, loaded in whichever order makes neighbouring work-items read
// neighbouring addresses for the operand's storage order; out-of-range elements load as 0, so
// sizes need not be multiples of the tile.

#ifndef RTS
#define RTS 16
#endif
#define TS 64
#define TSK 16
#define WPT (TS / RTS)
#define LPT ((TSK * TS) / (RTS * RTS))

__kernel __attribute__((reqd_work_group_size(RTS, RTS, 1)))
void gemm(const int transA, const int transB,
          const int M, const int N, const int K, const float alpha,
          __global const float* restrict A, const int lda,
          __global const float* restrict B, const int ldb,
          const float beta, __global float* restrict C, const int ldc)
{
    const int tx = get_local_id(0);        // along N
    const int ty = get_local_id(1);        // along M
    const int tid = ty * RTS + tx;
    const int row0 = get_group_id(1) * TS;
    const int col0 = get_group_id(0) * TS;

    // +1 column of padding: the stores below walk down a column for row-major A and
    // transposed B, which would otherwise hit a single local-memory bank.
    __local float Asub[TSK][TS + 1];       // Asub[p][i] = op(A)[row0 + i][p0 + p]
    __local float Bsub[TSK][TS + 1];       // Bsub[p][j] = op(B)[p0 + p][col0 + j]

    float acc[WPT][WPT];
    for (int wm = 0; wm < WPT; wm++) {
        for (int wn = 0; wn < WPT; wn++) {
            acc[wm][wn] = 0.0f;
        }
    }

    for (int p0 = 0; p0 < K; p0 += TSK) {
        for (int l = 0; l < LPT; l++) {
            const int id = l * RTS * RTS + tid;
            int i, j, p, q;
            if (transA) { i = id % TS; p = id / TS; } else { p = id % TSK; i = id / TSK; }
            int gi = row0 + i, gp = p0 + p;
            float v = 0.0f;
            if (gi < M && gp < K) {
                v = transA ? A[gp * lda + gi] : A[gi * lda + gp];
            }
            Asub[p][i] = v;

            if (transB) { q = id % TSK; j = id / TSK; } else { j = id % TS; q = id / TS; }
            int gj = col0 + j, gq = p0 + q;
            v = 0.0f;
            if (gj < N && gq < K) {
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

    for (int wm = 0; wm < WPT; wm++) {
        const int gi = row0 + ty + wm * RTS;
        if (gi >= M) {
            break;
        }
        for (int wn = 0; wn < WPT; wn++) {
            const int gj = col0 + tx + wn * RTS;
            if (gj < N) {
                float r = alpha * acc[wm][wn];
                if (beta != 0.0f) {
                    r = fma(beta, C[gi * ldc + gj], r);
                }
                C[gi * ldc + gj] = r;
            }
        }
    }
}
