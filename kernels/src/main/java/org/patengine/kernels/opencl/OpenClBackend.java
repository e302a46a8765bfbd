package org.patengine.kernels.opencl;

import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendStatus;
import org.patengine.kernels.BackendUnavailableException;
import org.patengine.kernels.ComputeBackend;

/** TEMPORARY: replaced by the JOCL implementation in the next commit. */
public final class OpenClBackend implements ComputeBackend {
    public OpenClBackend() {
        throw new BackendUnavailableException("OpenCL backend not built yet");
    }

    public static BackendStatus probe() {
        return new BackendStatus(BackendKind.OPENCL, false, "not built yet");
    }

    public static boolean defaultDeviceIsGpu() {
        return false;
    }

    @Override public BackendKind kind() { return BackendKind.OPENCL; }
    @Override public String description() { return ""; }
    @Override public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) { }
    @Override public void sin(int n, float[] x, int xOff, float[] y, int yOff) { }
    @Override public void cos(int n, float[] x, int xOff, float[] y, int yOff) { }
    @Override public void fma(int n, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) { }
    @Override public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) { }
    @Override public void scale(int n, float alpha, float[] x, int xOff) { }
    @Override public float sum(int n, float[] x, int xOff) { return 0; }
    @Override public void columnSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) { }
}
