package org.patengine.kernels.opencl;

import static org.jocl.CL.CL_TRUE;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_program;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendStatus;
import org.patengine.kernels.BackendUnavailableException;
import org.patengine.kernels.Checks;
import org.patengine.kernels.ComputeBackend;

/**
 * The OpenCL backend (JOCL): {@code C = alpha·op(A)·op(B) + beta·C} with a local-memory tiled,
 * register-blocked kernel ({@code gemm.cl}), and the elementwise operations and reductions of
 * {@link ComputeBackend} ({@code elementwise.cl}), on the device chosen by
 * {@value OpenClDeviceSpec#PROPERTY}.
 *
 * <p>Each call copies only the elements it needs from the host arrays into device buffers through
 * pinned staging memory ({@link OpenClTransferBuffer}), runs the kernel, and reads the result back
 * before returning. Buffers are created once and grow when a call needs more; kernel objects,
 * argument pointers and work sizes are cached, so the steady state allocates nothing on the Java
 * heap. Every operation holds this object's lock: the kernel objects and buffers are shared state.
 */
public final class OpenClBackend implements ComputeBackend, AutoCloseable {
    /** Work-group size of the elementwise kernels. */
    private static final int LOCAL = 64;
    /** Initial capacity of every buffer, in floats. */
    private static final int INITIAL_FLOATS = 4096;

    private final OpenClContext cl;
    private final OpenClArgs args;
    private final int rts;          // GEMM work-group side: RTS x RTS work-items per 64 x 64 tile of C
    private final int redWg;        // work-group size of the sum reduction

    private final cl_kernel gemm;
    private final cl_kernel sin;
    private final cl_kernel cos;
    private final cl_kernel fma;
    private final cl_kernel axpy;
    private final cl_kernel scale;
    private final cl_kernel sumPartial;
    private final cl_kernel columnSums;

    // Three host<->device slots, shared by all operations (A/x, B/y, C/z).
    private final OpenClTransferBuffer slot0;
    private final OpenClTransferBuffer slot1;
    private final OpenClTransferBuffer slot2;
    private final OpenClBuffer partials;   // (redWg) partial sums of the first reduction pass
    private final OpenClBuffer total;      // (1) the final sum

    // Cached argument holders: JOCL's Pointer.to(array) reads the array when the call is made.
    private final float[] result = new float[1];
    private final Pointer resultPtr = Pointer.to(result);
    private final long[] global1 = new long[1];
    private final long[] localRed = new long[1];
    private final long[] global2 = new long[2];
    private final long[] local2 = new long[2];

    private boolean closed;

    /**
     * A backend on the shared context of the device chosen by {@value OpenClDeviceSpec#PROPERTY}.
     * Compiles the kernels on first use in the process (seconds on PoCL).
     *
     * @throws BackendUnavailableException when OpenCL or the chosen device is missing
     */
    public OpenClBackend() {
        this(OpenClHost.sharedContext());
    }

    /** A backend with its own kernels and buffers on {@code cl}. */
    OpenClBackend(OpenClContext cl) {
        this.cl = cl;
        this.args = new OpenClArgs(cl.queue(), LOCAL);
        rts = OpenClHost.tileGroupSide(cl, "the kernels");
        redWg = (int) Long.highestOneBit(Math.min(256, cl.device().maxWorkGroupSize()));
        cl_program gemmProgram = OpenClHost.tiledProgram(cl, OpenClBackend.class, "gemm.cl", "-DRTS=" + rts);
        cl_program elementwise = cl.program(OpenClBackend.class, "elementwise.cl", "-DRED_WG=" + redWg);
        gemm = kernel(gemmProgram, "gemm", (long) rts * rts);
        sin = kernel(elementwise, "sin_inplace", LOCAL);
        cos = kernel(elementwise, "cos_inplace", LOCAL);
        fma = kernel(elementwise, "fma_accumulate", LOCAL);
        axpy = kernel(elementwise, "axpy_accumulate", LOCAL);
        scale = kernel(elementwise, "scale_inplace", LOCAL);
        sumPartial = kernel(elementwise, "sum_partial", redWg);
        columnSums = kernel(elementwise, "column_sums", LOCAL);
        slot0 = new OpenClTransferBuffer(cl, "OpenCL buffer 0 (A, x)", INITIAL_FLOATS);
        slot1 = new OpenClTransferBuffer(cl, "OpenCL buffer 1 (B, y)", INITIAL_FLOATS);
        slot2 = new OpenClTransferBuffer(cl, "OpenCL buffer 2 (C, z)", INITIAL_FLOATS);
        partials = new OpenClBuffer(cl, "OpenCL partial sums", redWg);
        total = new OpenClBuffer(cl, "OpenCL sum", 1);
        local2[0] = rts;
        local2[1] = rts;
        localRed[0] = redWg;
    }

    private cl_kernel kernel(cl_program program, String name, long workGroup) {
        return OpenClHost.kernel(cl, program, name, workGroup);
    }

    /**
     * Whether OpenCL can run here, on which device ("platform / device / type / compute units /
     * version") or why not. Enumerates devices only; compiles nothing.
     */
    public static BackendStatus probe() {
        try {
            OpenClDevice d = OpenClDevices.select(OpenClDeviceSpec.fromSystemProperty());
            return new BackendStatus(BackendKind.OPENCL, true, d.description());
        } catch (LinkageError e) {
            return new BackendStatus(BackendKind.OPENCL, false,
                    "the OpenCL library (libOpenCL.so.1) could not be loaded: " + e.getMessage());
        } catch (BackendUnavailableException | IllegalArgumentException e) {
            return new BackendStatus(BackendKind.OPENCL, false, e.getMessage());
        } catch (CLException e) {
            return new BackendStatus(BackendKind.OPENCL, false, "OpenCL device query failed: " + e.getMessage());
        }
    }

    /** Whether the device {@value OpenClDeviceSpec#PROPERTY} selects is a GPU (false when there is none). */
    public static boolean defaultDeviceIsGpu() {
        try {
            return OpenClDevices.select(OpenClDeviceSpec.fromSystemProperty()).isGpu();
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** The device this backend runs on. */
    public OpenClDevice device() {
        return cl.device();
    }

    @Override
    public BackendKind kind() {
        return BackendKind.OPENCL;
    }

    @Override
    public String description() {
        return "OpenCL on " + cl.device().description();
    }

    @Override
    public synchronized void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float beta, float[] c, int cOff, int ldc) {
        Checks.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        checkOpen();
        if (m == 0 || n == 0) {
            return;
        }
        // alpha == 0 or k == 0: C = beta*C, with A and B never read (as in BLAS)
        int kEff = alpha == 0f ? 0 : k;
        if (kEff > 0) {
            slot0.upload(a, aOff, transA ? k : m, transA ? m : k, lda);
            slot1.upload(b, bOff, transB ? n : k, transB ? k : n, ldb);
        }
        if (beta != 0f) {
            slot2.upload(c, cOff, m, n, ldc);
        } else {
            slot2.ensureCapacity((long) m * n);
        }
        // the device copies are dense: their row strides are their column counts
        args.setInt(gemm, GemmArg.TRANS_A, transA ? 1 : 0);
        args.setInt(gemm, GemmArg.TRANS_B, transB ? 1 : 0);
        args.setInt(gemm, GemmArg.M, m);
        args.setInt(gemm, GemmArg.N, n);
        args.setInt(gemm, GemmArg.K, kEff);
        args.setFloat(gemm, GemmArg.ALPHA, kEff == 0 ? 0f : alpha); // no product: a NaN or infinite alpha must not reach C
        OpenClArgs.setMem(gemm, GemmArg.A, slot0.device());
        args.setInt(gemm, GemmArg.LDA, Math.max(1, transA ? m : k));
        OpenClArgs.setMem(gemm, GemmArg.B, slot1.device());
        args.setInt(gemm, GemmArg.LDB, Math.max(1, transB ? k : n));
        args.setFloat(gemm, GemmArg.BETA, beta);
        OpenClArgs.setMem(gemm, GemmArg.C, slot2.device());
        args.setInt(gemm, GemmArg.LDC, n);
        global2[0] = (long) OpenClArgs.ceilDiv(n, OpenClHost.TS) * rts;
        global2[1] = (long) OpenClArgs.ceilDiv(m, OpenClHost.TS) * rts;
        CL.clEnqueueNDRangeKernel(cl.queue(), gemm, 2, null, global2, local2, 0, null, null);
        slot2.download(c, cOff, m, n, ldc);
    }

    @Override
    public synchronized void sin(int n, float[] x, int xOff, float[] y, int yOff) {
        Checks.range("sin x", x, xOff, n);
        Checks.range("sin y", y, yOff, n);
        inPlace(sin, n, x, xOff, y, yOff);
    }

    @Override
    public synchronized void cos(int n, float[] x, int xOff, float[] y, int yOff) {
        Checks.range("cos x", x, xOff, n);
        Checks.range("cos y", y, yOff, n);
        inPlace(cos, n, x, xOff, y, yOff);
    }

    /** y = f(x) with a kernel {@code f(n, x)} that works in place. */
    private void inPlace(cl_kernel f, int n, float[] x, int xOff, float[] y, int yOff) {
        checkOpen();
        if (n == 0) {
            return;
        }
        slot0.upload(x, xOff, 1, n, n);
        args.setInt(f, InPlaceArg.N, n);
        OpenClArgs.setMem(f, InPlaceArg.X, slot0.device());
        args.run1(f, n);
        slot0.download(y, yOff, 1, n, n);
    }

    @Override
    public synchronized void fma(int n, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        Checks.range("fma a", a, aOff, n);
        Checks.range("fma b", b, bOff, n);
        Checks.range("fma c", c, cOff, n);
        checkOpen();
        if (n == 0) {
            return;
        }
        slot0.upload(a, aOff, 1, n, n);
        slot1.upload(b, bOff, 1, n, n);
        slot2.upload(c, cOff, 1, n, n);
        args.setInt(fma, FmaArg.N, n);
        OpenClArgs.setMem(fma, FmaArg.A, slot0.device());
        OpenClArgs.setMem(fma, FmaArg.B, slot1.device());
        OpenClArgs.setMem(fma, FmaArg.C, slot2.device());
        args.run1(fma, n);
        slot2.download(c, cOff, 1, n, n);
    }

    @Override
    public synchronized void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        Checks.range("axpy x", x, xOff, n);
        Checks.range("axpy y", y, yOff, n);
        checkOpen();
        if (n == 0) {
            return;
        }
        slot0.upload(x, xOff, 1, n, n);
        slot1.upload(y, yOff, 1, n, n);
        args.setInt(axpy, AxpyArg.N, n);
        args.setFloat(axpy, AxpyArg.ALPHA, alpha);
        OpenClArgs.setMem(axpy, AxpyArg.X, slot0.device());
        OpenClArgs.setMem(axpy, AxpyArg.Y, slot1.device());
        args.run1(axpy, n);
        slot1.download(y, yOff, 1, n, n);
    }

    @Override
    public synchronized void scale(int n, float alpha, float[] x, int xOff) {
        Checks.range("scale x", x, xOff, n);
        checkOpen();
        if (n == 0) {
            return;
        }
        slot0.upload(x, xOff, 1, n, n);
        args.setInt(scale, ScaleArg.N, n);
        args.setFloat(scale, ScaleArg.ALPHA, alpha);
        OpenClArgs.setMem(scale, ScaleArg.X, slot0.device());
        args.run1(scale, n);
        slot0.download(x, xOff, 1, n, n);
    }

    @Override
    public synchronized float sum(int n, float[] x, int xOff) {
        Checks.range("sum x", x, xOff, n);
        checkOpen();
        if (n == 0) {
            return 0f;
        }
        slot0.upload(x, xOff, 1, n, n);
        // pass 1: at most redWg groups, so that pass 2 is one group with one partial per work-item
        int groups = Math.min(OpenClArgs.ceilDiv(n, redWg), redWg);
        args.setInt(sumPartial, SumArg.N, n);
        OpenClArgs.setMem(sumPartial, SumArg.X, slot0.device());
        OpenClArgs.setMem(sumPartial, SumArg.PARTIAL, partials);
        global1[0] = (long) groups * redWg;
        CL.clEnqueueNDRangeKernel(cl.queue(), sumPartial, 1, null, global1, localRed, 0, null, null);
        args.setInt(sumPartial, SumArg.N, groups);
        OpenClArgs.setMem(sumPartial, SumArg.X, partials);
        OpenClArgs.setMem(sumPartial, SumArg.PARTIAL, total);
        global1[0] = redWg;
        CL.clEnqueueNDRangeKernel(cl.queue(), sumPartial, 1, null, global1, localRed, 0, null, null);
        CL.clEnqueueReadBuffer(cl.queue(), total.mem(), CL_TRUE, 0, Sizeof.cl_float, resultPtr, 0, null, null);
        return result[0];
    }

    @Override
    public synchronized void columnSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        Checks.matrix("columnSums a", a, aOff, m, n, lda);
        Checks.range("columnSums out", out, outOff, n);
        checkOpen();
        if (n == 0) {
            return;
        }
        slot0.upload(a, aOff, m, n, lda);
        slot2.ensureCapacity(n);
        args.setInt(columnSums, ColumnSumsArg.M, m);
        args.setInt(columnSums, ColumnSumsArg.N, n);
        OpenClArgs.setMem(columnSums, ColumnSumsArg.A, slot0.device());
        args.setInt(columnSums, ColumnSumsArg.LDA, n);
        OpenClArgs.setMem(columnSums, ColumnSumsArg.OUT, slot2.device());
        args.run1(columnSums, n);
        slot2.download(out, outOff, 1, n, n);
    }

    /** Total device and staging allocations of this backend's buffers so far (for tests). */
    synchronized int bufferAllocations() {
        return slot0.allocations() + slot1.allocations() + slot2.allocations()
                + partials.allocations() + total.allocations();
    }

    /** Capacity in floats of the three transfer buffers (for tests). */
    synchronized long[] bufferCapacities() {
        return new long[] {slot0.capacity(), slot1.capacity(), slot2.capacity()};
    }

    /**
     * Releases this backend's kernels and buffers (the shared context and its programs stay). The
     * process-wide instance from {@code Backends} is never closed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (cl_kernel k : new cl_kernel[] {gemm, sin, cos, fma, axpy, scale, sumPartial, columnSums}) {
            CL.clReleaseKernel(k);
        }
        slot0.close();
        slot1.close();
        slot2.close();
        partials.close();
        total.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("OpenCL backend is closed");
        }
    }

    // Argument indices of the kernels, in the order of their signatures in gemm.cl and elementwise.cl.

    /** gemm(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc). */
    private static final class GemmArg {
        static final int TRANS_A = 0, TRANS_B = 1, M = 2, N = 3, K = 4, ALPHA = 5, A = 6, LDA = 7, B = 8, LDB = 9,
                BETA = 10, C = 11, LDC = 12;
    }

    /** sin_inplace / cos_inplace(n, x). */
    private static final class InPlaceArg {
        static final int N = 0, X = 1;
    }

    /** fma_accumulate(n, a, b, c). */
    private static final class FmaArg {
        static final int N = 0, A = 1, B = 2, C = 3;
    }

    /** axpy_accumulate(n, alpha, x, y). */
    private static final class AxpyArg {
        static final int N = 0, ALPHA = 1, X = 2, Y = 3;
    }

    /** scale_inplace(n, alpha, x). */
    private static final class ScaleArg {
        static final int N = 0, ALPHA = 1, X = 2;
    }

    /** sum_partial(n, x, partial). */
    private static final class SumArg {
        static final int N = 0, X = 1, PARTIAL = 2;
    }

    /** column_sums(m, n, a, lda, out). */
    private static final class ColumnSumsArg {
        static final int M = 0, N = 1, A = 2, LDA = 3, OUT = 4;
    }
}
