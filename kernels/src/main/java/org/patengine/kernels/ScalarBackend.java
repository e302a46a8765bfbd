package org.patengine.kernels;

/**
 * The reference backend: straightforward loops in plain Java. Every other backend is tested
 * against this one, so it favours obvious correctness over speed (the i-k-j loop order keeps it
 * tolerable for the test sizes).
 */
public final class ScalarBackend implements ComputeBackend {

    @Override
    public BackendKind kind() {
        return BackendKind.SCALAR;
    }

    @Override
    public String description() {
        return "plain Java loops (reference)";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        Checks.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = beta == 0f ? 0f : beta * c[ci + j];
            }
            if (alpha == 0f) {
                continue;
            }
            for (int p = 0; p < k; p++) {
                float aip = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bOff + j * ldb + p];
                    }
                } else {
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        }
    }

    @Override
    public void sin(int n, float[] x, int xOff, float[] y, int yOff) {
        Checks.range("sin x", x, xOff, n);
        Checks.range("sin y", y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) Math.sin(x[xOff + i]);
        }
    }

    @Override
    public void cos(int n, float[] x, int xOff, float[] y, int yOff) {
        Checks.range("cos x", x, xOff, n);
        Checks.range("cos y", y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) Math.cos(x[xOff + i]);
        }
    }

    @Override
    public void fma(int n, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        Checks.range("fma a", a, aOff, n);
        Checks.range("fma b", b, bOff, n);
        Checks.range("fma c", c, cOff, n);
        for (int i = 0; i < n; i++) {
            c[cOff + i] = Math.fma(a[aOff + i], b[bOff + i], c[cOff + i]);
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        Checks.range("axpy x", x, xOff, n);
        Checks.range("axpy y", y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOff) {
        Checks.range("scale x", x, xOff, n);
        for (int i = 0; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    @Override
    public float sum(int n, float[] x, int xOff) {
        Checks.range("sum x", x, xOff, n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i];
        }
        return (float) s;
    }

    @Override
    public void columnSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        Checks.matrix("columnSums a", a, aOff, m, n, lda);
        Checks.range("columnSums out", out, outOff, n);
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += a[aOff + i * lda + j];
            }
            out[outOff + j] = (float) s;
        }
    }
}
