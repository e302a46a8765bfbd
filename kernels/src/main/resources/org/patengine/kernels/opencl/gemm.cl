// C = alpha * op(A) * op(B) + beta * C for dense row-major matrices (BLAS semantics).
//
// op(A) is M x K: A is stored M x K (lda >= K) or, when transA != 0, K x M (lda >= M).
// op(B) is K x N: B is stored K x N (ldb >= N) or, when transB != 0, N x K (ldb >= K).
// C is M x N (ldc >= N). When beta == 0, C is written without being read (NaNs in C do not
// propagate). The host passes K = 0 when alpha == 0, so A and B are then never read either.
//
// The tiles: tile_product.cl (prepended when the program is built), over the whole K.

__kernel __attribute__((reqd_work_group_size(RTS, RTS, 1)))
void gemm(const int transA, const int transB,
          const int M, const int N, const int K, const float alpha,
          __global const float* restrict A, const int lda,
          __global const float* restrict B, const int ldb,
          const float beta, __global float* restrict C, const int ldc)
{
    const int tx = get_local_id(0);        // along N
    const int ty = get_local_id(1);        // along M
    const int row0 = get_group_id(1) * TS;
    const int col0 = get_group_id(0) * TS;

    __local float Asub[TSK][TS + 1];       // Asub[p][i] = op(A)[row0 + i][p0 + p]
    __local float Bsub[TSK][TS + 1];       // Bsub[p][j] = op(B)[p0 + p][col0 + j]

    float acc[WPT][WPT];
    for (int wm = 0; wm < WPT; wm++) {
        for (int wn = 0; wn < WPT; wn++) {
            acc[wm][wn] = 0.0f;
        }
    }

    tile_product(transA, transB, M, N, 0, K, A, lda, B, ldb, Asub, Bsub, acc);

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
