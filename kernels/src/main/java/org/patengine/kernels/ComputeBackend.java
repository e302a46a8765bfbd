package org.patengine.kernels;

/**
 * The dense linear algebra and elementwise operations every backend provides.
 *
 * <p>All arrays are row-major float32 host arrays with explicit offsets; outputs are passed in and
 * never allocated. Implementations: {@link ScalarBackend} (plain Java, the oracle every other
 * backend is tested against), {@code SimdBackend} (Vector API) and {@code OpenClBackend} (JOCL).
 * Obtain one through {@link Backends}.
 *
 * <p>Thread safety: every method may be called from several threads at once.
 */
public interface ComputeBackend {

    /** The backend's kind. */
    BackendKind kind();

    /** A short human-readable description (device, vector width, ...). */
    String description();

    /**
     * General matrix product {@code C = alpha * op(A) * op(B) + beta * C}.
     *
     * <p>{@code op(A)} is m×k: A is stored m×k with row stride {@code lda >= k} when
     * {@code transA} is false, and k×m with {@code lda >= m} when it is true. Likewise {@code op(B)}
     * is k×n, stored k×n ({@code ldb >= n}) or n×k ({@code ldb >= k}). C is m×n with
     * {@code ldc >= n}. As in BLAS, when {@code beta == 0} C is written without being read, so
     * NaNs already in C do not propagate.
     *
     * <p>The trainer uses {@code A·B} (forward), {@code A·Bᵀ} (input gradient) and {@code Aᵀ·B}
     * (weight gradient); all four combinations are supported.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda,
              float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /** {@code y[i] = sin(x[i])} for i in [0, n). x and y may be the same range. */
    void sin(int n, float[] x, int xOff, float[] y, int yOff);

    /** {@code y[i] = cos(x[i])} for i in [0, n). x and y may be the same range. */
    void cos(int n, float[] x, int xOff, float[] y, int yOff);

    /** Accumulates {@code c[i] += a[i] * b[i]} (fused multiply-add) for i in [0, n). */
    void fma(int n, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff);

    /** Accumulates {@code y[i] += alpha * x[i]} for i in [0, n). */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /** In place {@code x[i] *= alpha} for i in [0, n). */
    void scale(int n, float alpha, float[] x, int xOff);

    /** Returns {@code Σ x[i]} for i in [0, n), accumulated in at least float precision. */
    float sum(int n, float[] x, int xOff);

    /**
     * Column sums of an m×n row-major matrix: {@code out[j] = Σ_i a[i*lda + j]} (overwrites out).
     * This is the reduction over the batch used for bias gradients and for the row sums of a
     * symmetric coupling matrix.
     */
    void columnSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff);
}
