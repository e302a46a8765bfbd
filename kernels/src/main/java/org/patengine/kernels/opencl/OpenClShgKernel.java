package org.patengine.kernels.opencl;

import org.jocl.CL;
import org.jocl.cl_kernel;
import org.jocl.cl_program;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendUnavailableException;
import org.patengine.kernels.shg.ScalarShgKernel;
import org.patengine.kernels.shg.ShgKernel;
import org.patengine.kernels.shg.ShgParams;
import org.patengine.kernels.shg.ShgSpec;

/**
 * The OpenCL {@link ShgKernel}: the map of {@link ScalarShgKernel} (equations in {@link ShgKernel}),
 * run on the device ({@code shg.cl}) with one work-item per (sample, channel) or (sample, bin).
 *
 * <ul>
 *   <li>Per call the pair tables, the readout and m are uploaded once (the tables whole, as the
 *       caller keeps them; only on-grid entries are ever read); y, and for the VJP gM, come back once.</li>
 *   <li>Forward: the tables are transposed on the device to (J+1, N), j by centre, zero off the grid,
 *       so that neighbouring work-items read neighbouring entries; then B and I per (sample, channel),
 *       then y per (sample, bin).</li>
 *   <li>VJP: after the same forward, gI = Rᵀ gY with U = 2 gI Re B and V = 2 gI Im B per (sample,
 *       channel), then gM in the gather form {@code gm_p = Σ_i 2 (U_i Re c + V_i Im c) m_{2i−p}}: each
 *       work-item sums its own terms, so there are no atomics and the order of every sum is fixed.</li>
 *   <li>A real field skips the imaginary table: it is neither uploaded nor read.</li>
 * </ul>
 *
 * <p>Memory on the device: the pair tables and their transposes 2·N² + 2·(J+1)·N, the readout M·N,
 * and per sample 6·N + 2·M floats, sized once for maxBatch at construction. Kernel objects and
 * argument pointers are cached and transfers go through pinned staging, so the steady state
 * allocates nothing on the Java heap. Runs on the shared {@link OpenClContext}; not thread-safe (one
 * call at a time, as the interface says).
 */
public final class OpenClShgKernel extends ShgKernel {
    /** Work-group size of the one-dimensional kernels. */
    private static final int LOCAL = 64;

    private final int n, bins, half;
    private final OpenClContext cl;
    private final OpenClArgs args;
    private final cl_kernel transpose, field, readout, weights, gradM;

    // host <-> device, each sized once: m, gM (maxBatch, N); y, gY (maxBatch, M); pair tables (N, N);
    // readout (M, N)
    private final OpenClTransferBuffer mT, gMT, yT, gYT, pairReT, pairImT, readoutT;
    // device only: T (J+1, N) re, im; Re B, Im B, I, U, V (maxBatch, N)
    private final OpenClBuffer tRe, tIm, bRe, bIm, inten, u, v;

    private boolean closed;

    /**
     * A kernel for {@code spec} and batches up to {@code maxBatch} on the shared OpenCL context (the
     * device chosen by {@code pat.opencl.device}). Compiles {@code shg.cl} on first use in the process.
     *
     * @throws BackendUnavailableException when OpenCL or the device is missing or too small
     * @throws IllegalArgumentException    for maxBatch &lt; 1, or buffers beyond the device's limits
     */
    public OpenClShgKernel(ShgSpec spec, int maxBatch) {
        this(spec, maxBatch, OpenClHost.sharedContext());
    }

    OpenClShgKernel(ShgSpec spec, int maxBatch, OpenClContext cl) {
        super(spec, maxBatch);
        this.n = spec.channels();
        this.bins = spec.bins();
        this.half = (n - 1) / 2;
        this.cl = cl;
        this.args = new OpenClArgs(cl.queue(), LOCAL);
        int size = Math.multiplyExact(maxBatch, n);
        int ySize = Math.multiplyExact(maxBatch, bins);
        cl_program program = cl.program(OpenClShgKernel.class, "shg.cl", "");
        transpose = OpenClHost.kernel(cl, program, "shg_transpose", LOCAL);
        field = OpenClHost.kernel(cl, program, "shg_field", LOCAL);
        readout = OpenClHost.kernel(cl, program, "shg_readout", LOCAL);
        weights = OpenClHost.kernel(cl, program, "shg_weights", LOCAL);
        gradM = OpenClHost.kernel(cl, program, "shg_grad_m", LOCAL);

        mT = OpenClHost.transfer(cl, "shg m", size);
        gMT = OpenClHost.transfer(cl, "shg gM", size);
        yT = OpenClHost.transfer(cl, "shg y", ySize);
        gYT = OpenClHost.transfer(cl, "shg gY", ySize);
        pairReT = OpenClHost.transfer(cl, "shg pair table re", spec.pairLength());
        pairImT = OpenClHost.transfer(cl, "shg pair table im", spec.pairLength());
        readoutT = OpenClHost.transfer(cl, "shg readout", spec.readoutLength());
        long table = (long) (half + 1) * n;
        tRe = OpenClHost.buffer(cl, "shg transposed table re", table);
        tIm = OpenClHost.buffer(cl, "shg transposed table im", table);
        bRe = OpenClHost.buffer(cl, "shg field re", size);
        bIm = OpenClHost.buffer(cl, "shg field im", size);
        inten = OpenClHost.buffer(cl, "shg intensity", size);
        u = OpenClHost.buffer(cl, "shg weight U", size);
        v = OpenClHost.buffer(cl, "shg weight V", size);
        setConstantArgs();
    }

    private void setConstantArgs() {
        args.setInt(transpose, TransposeArg.N, n);
        args.setInt(transpose, TransposeArg.HALF, half);
        OpenClArgs.setMem(transpose, TransposeArg.PAIR_RE, pairReT.device());
        OpenClArgs.setMem(transpose, TransposeArg.PAIR_IM, pairImT.device());
        OpenClArgs.setMem(transpose, TransposeArg.T_RE, tRe);
        OpenClArgs.setMem(transpose, TransposeArg.T_IM, tIm);
        args.setInt(field, FieldArg.N, n);
        OpenClArgs.setMem(field, FieldArg.T_RE, tRe);
        OpenClArgs.setMem(field, FieldArg.T_IM, tIm);
        OpenClArgs.setMem(field, FieldArg.M, mT.device());
        OpenClArgs.setMem(field, FieldArg.B_RE, bRe);
        OpenClArgs.setMem(field, FieldArg.B_IM, bIm);
        OpenClArgs.setMem(field, FieldArg.INTEN, inten);
        args.setInt(readout, ReadoutArg.N, n);
        args.setInt(readout, ReadoutArg.BINS, bins);
        OpenClArgs.setMem(readout, ReadoutArg.R, readoutT.device());
        OpenClArgs.setMem(readout, ReadoutArg.INTEN, inten);
        OpenClArgs.setMem(readout, ReadoutArg.Y, yT.device());
        args.setInt(weights, WeightsArg.N, n);
        args.setInt(weights, WeightsArg.BINS, bins);
        OpenClArgs.setMem(weights, WeightsArg.R, readoutT.device());
        OpenClArgs.setMem(weights, WeightsArg.GY, gYT.device());
        OpenClArgs.setMem(weights, WeightsArg.B_RE, bRe);
        OpenClArgs.setMem(weights, WeightsArg.B_IM, bIm);
        OpenClArgs.setMem(weights, WeightsArg.U, u);
        OpenClArgs.setMem(weights, WeightsArg.V, v);
        args.setInt(gradM, GradMArg.N, n);
        OpenClArgs.setMem(gradM, GradMArg.T_RE, tRe);
        OpenClArgs.setMem(gradM, GradMArg.T_IM, tIm);
        OpenClArgs.setMem(gradM, GradMArg.M, mT.device());
        OpenClArgs.setMem(gradM, GradMArg.U, u);
        OpenClArgs.setMem(gradM, GradMArg.V, v);
        OpenClArgs.setMem(gradM, GradMArg.GM, gMT.device());
    }

    @Override
    public BackendKind kind() {
        return BackendKind.OPENCL;
    }

    /** What this kernel runs on. */
    public String description() {
        return "OpenCL on " + cl.device().description();
    }

    @Override
    protected void doForward(int batch, ShgParams p, float[] m, float[] y, float[] aux) {
        checkOpen();
        forwardOnDevice(batch, p, m);
        if (y != null) {
            runReadout(batch);
            yT.download(y, 0, batch, bins, bins);
        }
    }

    @Override
    protected void doVjp(int batch, ShgParams p, float[] m, float[] gY, float[] gAux, float[] gM, Void grads,
                         float[] y, float[] aux) {
        checkOpen();
        if (gM != null) {
            gYT.upload(gY, 0, batch, bins, bins); // every upload before the first launch
        }
        forwardOnDevice(batch, p, m);
        if (y != null) {
            runReadout(batch);
        }
        if (gM != null) {
            int cx = p.complexField ? 1 : 0;
            args.setInt(weights, WeightsArg.BATCH, batch);
            args.setInt(weights, WeightsArg.COMPLEX, cx);
            args.run1(weights, batch * n);
            args.setInt(gradM, GradMArg.BATCH, batch);
            args.setInt(gradM, GradMArg.COMPLEX, cx);
            args.run1(gradM, batch * n);
        }
        if (y != null) {
            yT.download(y, 0, batch, bins, bins); // blocking: waits for everything enqueued
        }
        if (gM != null) {
            gMT.download(gM, 0, batch, n, n);
        }
    }

    /** Uploads the tables, the readout and m; enqueues the transpose and the field. */
    private void forwardOnDevice(int batch, ShgParams p, float[] m) {
        int cx = p.complexField ? 1 : 0;
        pairReT.upload(p.pairRe, 0, n, n, n);
        if (p.complexField) {
            pairImT.upload(p.pairIm, 0, n, n, n);
        }
        readoutT.upload(p.readout, 0, bins, n, n);
        mT.upload(m, 0, batch, n, n);
        args.setInt(transpose, TransposeArg.COMPLEX, cx);
        args.run1(transpose, (half + 1) * n);
        args.setInt(field, FieldArg.BATCH, batch);
        args.setInt(field, FieldArg.COMPLEX, cx);
        args.run1(field, batch * n);
    }

    private void runReadout(int batch) {
        args.setInt(readout, ReadoutArg.BATCH, batch);
        args.run1(readout, batch * bins);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("OpenCL SHG kernel is closed");
        }
    }

    /** Releases this kernel's OpenCL kernels and buffers (the shared context and program stay). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (cl_kernel k : new cl_kernel[] {transpose, field, readout, weights, gradM}) {
            CL.clReleaseKernel(k);
        }
        OpenClHost.closeAll("SHG buffer", mT, gMT, yT, gYT, pairReT, pairImT, readoutT, tRe, tIm, bRe, bIm, inten,
                u, v);
    }

    // Argument indices of the kernels, in the order of their signatures in shg.cl.

    /** shg_transpose(n, jMaxAll, complexField, pairRe, pairIm, tRe, tIm). */
    private static final class TransposeArg {
        static final int N = 0, HALF = 1, COMPLEX = 2, PAIR_RE = 3, PAIR_IM = 4, T_RE = 5, T_IM = 6;
    }

    /** shg_field(batch, n, complexField, tRe, tIm, m, bRe, bIm, inten). */
    private static final class FieldArg {
        static final int BATCH = 0, N = 1, COMPLEX = 2, T_RE = 3, T_IM = 4, M = 5, B_RE = 6, B_IM = 7, INTEN = 8;
    }

    /** shg_readout(batch, n, bins, r, inten, y). */
    private static final class ReadoutArg {
        static final int BATCH = 0, N = 1, BINS = 2, R = 3, INTEN = 4, Y = 5;
    }

    /** shg_weights(batch, n, bins, complexField, r, gY, bRe, bIm, u, v). */
    private static final class WeightsArg {
        static final int BATCH = 0, N = 1, BINS = 2, COMPLEX = 3, R = 4, GY = 5, B_RE = 6, B_IM = 7, U = 8, V = 9;
    }

    /** shg_grad_m(batch, n, complexField, tRe, tIm, m, u, v, gM). */
    private static final class GradMArg {
        static final int BATCH = 0, N = 1, COMPLEX = 2, T_RE = 3, T_IM = 4, M = 5, U = 6, V = 7, GM = 8;
    }
}
