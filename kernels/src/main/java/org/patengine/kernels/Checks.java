package org.patengine.kernels;

/** Argument checks shared by the backends: O(1), so they cost nothing next to the work. */
public final class Checks {
    private Checks() {
    }

    /** Checks that {@code [off, off + n)} lies inside {@code a}. */
    public static void range(String name, float[] a, int off, int n) {
        if (a == null) {
            throw new NullPointerException(name + " is null");
        }
        if (n < 0) {
            throw new IllegalArgumentException("length for " + name + " is negative: " + n);
        }
        if (off < 0 || (long) off + n > a.length) {
            throw new IndexOutOfBoundsException(name + ": range [" + off + ", " + ((long) off + n)
                    + ") is outside the array of length " + a.length);
        }
    }

    /** Checks a row-major {@code rows × cols} matrix with row stride {@code ld} at {@code off}. */
    public static void matrix(String name, float[] a, int off, int rows, int cols, int ld) {
        if (a == null) {
            throw new NullPointerException(name + " is null");
        }
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(name + ": negative shape " + rows + "x" + cols);
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(name + ": leading dimension " + ld
                    + " is smaller than the row length " + cols);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > a.length) {
            throw new IndexOutOfBoundsException(name + ": a " + rows + "x" + cols + " matrix with stride "
                    + ld + " at offset " + off + " needs " + last + " elements, the array has " + a.length);
        }
    }

    /** Checks the operands of {@link ComputeBackend#gemm}. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        matrix("gemm A", a, aOff, transA ? k : m, transA ? m : k, lda);
        matrix("gemm B", b, bOff, transB ? n : k, transB ? k : n, ldb);
        matrix("gemm C", c, cOff, m, n, ldc);
    }
}
