package org.patengine.kernels.opencl;

import org.jocl.CL;
import org.jocl.cl_kernel;
import org.jocl.cl_program;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendUnavailableException;
import org.patengine.kernels.osc.OscillatorGradients;
import org.patengine.kernels.osc.OscillatorKernel;
import org.patengine.kernels.osc.OscillatorParams;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.OscillatorSupport;
import org.patengine.kernels.osc.ScalarOscillatorKernel;
import org.patengine.kernels.osc.Topology;

/**
 * The OpenCL {@link OscillatorKernel}: the same RK4 and reverse pass as {@link ScalarOscillatorKernel}
 * (whose Javadoc gives the equations), run entirely on the device ({@code oscillator.cl}, after the
 * shared {@code tile_product.cl}).
 *
 * <ul>
 *   <li>Per call, x and the parameters (J, and d = k + row sums of J, e, s, a, ring links packed
 *       into one (6, n) block) are uploaded once; all Nt steps run on the device; q(T) and q̇(T) come
 *       back once. The VJP uploads gQ (and gQ̇) with them, keeps the stage stores on the device and
 *       downloads gX and the parameter gradients once.</li>
 *   <li>One kernel launch per RK4 stage, forward and reverse: the coupling of the stage (all-to-all:
 *       a local-memory tiled product {@code sin(s∘Q)·J}; ring: the two neighbours) and, in the work-item
 *       that owns each element, the stage's elementwise update including the next stage's sine.</li>
 *   <li>Parameter gradients are reduced over the batch on the device: all-to-all
 *       {@code M = Σ āᵀu} as a split-K product over the 4·Nt·batch stacked stage rows (the splits keep
 *       a GPU busy when n is small), then symmetrised; the column sums (∂L/∂e, and for a ring ∂L/∂k and
 *       the link gradients) in fixed chunks then over the chunks; ∂L/∂a over the batch. The order of
 *       every sum is fixed, so results are reproducible.</li>
 * </ul>
 *
 * <p>Memory on the device: the sines, scaled cosines and adjoints of all 4·Nt stages,
 * 3·4·Nt·maxBatch·n floats, allocated on the first {@link #vjp} (as in the scalar kernel), plus
 * O(maxBatch·n + n²) state, parameter and partial-sum buffers sized once at construction. Kernel
 * objects, argument pointers and work sizes are cached and transfers go through pinned staging, so
 * the steady state allocates nothing on the Java heap. Runs on the shared {@link OpenClContext}; not
 * thread-safe (one call at a time, as the interface says).
 */
public final class OpenClOscillatorKernel extends OscillatorKernel {
    /** Work-group size of the one-dimensional kernels. */
    private static final int LOCAL = 64;
    /** Tile side of the products (TS of tile_product.cl). */
    private static final int TS = OpenClHost.TS;
    /** Depth of one slab of the products (TSK): split-K chunks are multiples of it. */
    private static final int TSK = OpenClHost.TSK;
    /** Column reductions: at most this many chunks of at least MIN_CHUNK_ROWS rows. */
    private static final int MAX_CHUNKS = 64;
    private static final int MIN_CHUNK_ROWS = 32;
    /** Split-K of the gradient product: at most this many splits of at least MIN_SPLIT_DEPTH rows. */
    private static final int MAX_SPLITS = 32;
    private static final int MIN_SPLIT_DEPTH = 256;

    private final OscillatorSpec spec;
    private final int maxBatch;
    private final int n;
    private final boolean dense;
    private final int links;
    private final float h, h3, h6;
    private final OpenClContext cl;
    private final OpenClArgs args;
    private final int rts;
    private final int computeUnits;

    private final cl_kernel initState, stage, backInit, back, gradColumns, gradFinal;
    private final cl_kernel gradProducts, gradSymmetric; // all-to-all only, else null

    // host <-> device, each sized once: x, q, q̇, gQ→λq, gQ̇→λv, gX: (maxBatch, n); params (6, n);
    // J (n, n) (ring: unused, 1 float); parameter gradients gp (3, n): e, k, a; gJ (couplingLength)
    private final OpenClTransferBuffer xT, qT, vT, lamQT, lamVT, gxT, prmT, jT, gpT, gjT;
    // device only, (maxBatch, n) each
    private final OpenClBuffer vStage, qAcc, vAcc, uA, uB, sumQ, sumV, vBar;
    private final OpenClBuffer dummy; // stands for the cosines when not recording (never written)
    private final OpenClBuffer part;  // (MAX_CHUNKS, 3, n) column partial sums
    private final OpenClBuffer mPart; // (maxSplits, n, n) split-K partial products (all-to-all)
    private final int maxSplits;
    // (4·steps, batch, n) slot-major: sines, s·cos, stage adjoints; allocated on first vjp
    private OpenClBuffer uStore, csStore, aStore;

    // host workspace
    private final float[] prmHost;        // (6, n): d, e, s, a, cl, cr
    private final float[] d, cLeft, cRight; // (n)
    private final float[] qHost, vHost;    // (maxBatch, n)
    private final float[] gpHost;          // (3, n)

    // cached argument holders: JOCL reads them when clSetKernelArg is called
    private final long[] global2 = new long[2];
    private final long[] local2 = new long[2];
    private final long[] global3 = new long[3];
    private final long[] local3 = new long[3];
    private final long[] globalCols = new long[2];
    private final long[] localCols = {LOCAL, 1};

    private boolean closed;

    /**
     * A kernel for {@code spec} and batches up to {@code maxBatch} on the shared OpenCL context (the
     * device chosen by {@code pat.opencl.device}). Compiles {@code oscillator.cl} on first use in the
     * process.
     *
     * @throws BackendUnavailableException when OpenCL or the device is missing or too small
     * @throws IllegalArgumentException    for maxBatch &lt; 1, or buffers beyond the device's limits
     */
    public OpenClOscillatorKernel(OscillatorSpec spec, int maxBatch) {
        this(spec, maxBatch, OpenClHost.sharedContext(), 0);
    }

    /**
     * As the public constructor on {@code cl}; {@code computeUnits > 0} overrides the device's count
     * in the split-K heuristic (tests use it to force many splits on a small device).
     */
    OpenClOscillatorKernel(OscillatorSpec spec, int maxBatch, OpenClContext cl, int computeUnits) {
        super(spec, maxBatch);
        this.spec = spec;
        this.maxBatch = maxBatch;
        this.n = spec.n();
        this.dense = spec.topology() == Topology.ALL_TO_ALL;
        this.links = Topology.ringLinks(n);
        this.h = spec.dt();
        this.h3 = h / 3f;
        this.h6 = h / 6f;
        this.cl = cl;
        this.args = new OpenClArgs(cl.queue(), LOCAL);
        int size = Math.multiplyExact(maxBatch, n);
        Math.multiplyExact(spec.stages(), size); // the store offsets are ints in the kernels
        rts = OpenClHost.tileGroupSide(cl, "the oscillator kernels");
        this.computeUnits = computeUnits > 0 ? computeUnits : Math.max(1, cl.device().computeUnits());
        cl_program program = OpenClHost.tiledProgram(cl, OpenClOscillatorKernel.class, "oscillator.cl", "-DRTS=" + rts);
        long tileGroup = (long) rts * rts;
        initState = kernel(program, "init_state", LOCAL);
        stage = kernel(program, dense ? "stage_dense" : "stage_ring", dense ? tileGroup : LOCAL);
        backInit = kernel(program, "back_init", LOCAL);
        back = kernel(program, dense ? "back_dense" : "back_ring", dense ? tileGroup : LOCAL);
        gradColumns = kernel(program, "grad_columns", LOCAL);
        gradFinal = kernel(program, "grad_final", LOCAL);
        gradProducts = dense ? kernel(program, "grad_products", tileGroup) : null;
        gradSymmetric = dense ? kernel(program, "grad_symmetric", LOCAL) : null;

        xT = transfer("oscillator x", size);
        qT = transfer("oscillator q", size);
        vT = transfer("oscillator qDot", size);
        lamQT = transfer("oscillator adjoint q (gQ)", size);
        lamVT = transfer("oscillator adjoint qDot (gQDot)", size);
        gxT = transfer("oscillator gX", size);
        prmT = transfer("oscillator parameters", 6 * n);
        jT = transfer("oscillator coupling J", dense ? spec.couplingLength() : 1);
        gpT = transfer("oscillator gradients e, k, a", 3 * n);
        gjT = transfer("oscillator coupling gradient", Math.max(1, spec.couplingLength()));
        vStage = buffer("oscillator stage velocity", size);
        qAcc = buffer("oscillator RK4 sum q", size);
        vAcc = buffer("oscillator RK4 sum qDot", size);
        uA = buffer("oscillator sines A", size);
        uB = buffer("oscillator sines B", size);
        sumQ = buffer("oscillator adjoint sum q", size);
        sumV = buffer("oscillator adjoint sum qDot", size);
        vBar = buffer("oscillator adjoint stage velocity", size);
        dummy = buffer("oscillator unused cosines", 1);
        part = buffer("oscillator column partial sums", (long) MAX_CHUNKS * 3 * n);
        maxSplits = dense ? splits(spec.stages() * maxBatch) : 0;
        mPart = dense ? buffer("oscillator partial products", (long) maxSplits * n * n) : null;

        prmHost = new float[6 * n];
        d = new float[n];
        cLeft = new float[n];
        cRight = new float[n];
        qHost = new float[size];
        vHost = new float[size];
        gpHost = new float[3 * n];
        local2[0] = rts;
        local2[1] = rts;
        local3[0] = rts;
        local3[1] = rts;
        local3[2] = 1;
        setConstantArgs();
    }

    private cl_kernel kernel(cl_program program, String name, long workGroup) {
        return OpenClHost.kernel(cl, program, name, workGroup);
    }

    private OpenClBuffer buffer(String name, long floats) {
        return OpenClHost.buffer(cl, name, floats);
    }

    private OpenClTransferBuffer transfer(String name, long floats) {
        return OpenClHost.transfer(cl, name, floats);
    }

    /**
     * The number of split-K parts for {@code rows} stacked stage rows: enough work-groups for about
     * two per compute unit, each split at least MIN_SPLIT_DEPTH rows deep (non-decreasing in rows, so
     * the buffer sized for maxBatch fits every batch).
     */
    int splits(int rows) {
        int tiles = OpenClArgs.ceilDiv(n, TS) * OpenClArgs.ceilDiv(n, TS);
        int wanted = OpenClArgs.ceilDiv(2 * computeUnits, tiles);
        int deep = Math.max(1, rows / MIN_SPLIT_DEPTH);
        return Math.max(1, Math.min(MAX_SPLITS, Math.min(wanted, deep)));
    }

    /** The arguments that never change: sizes, the parameter and state buffers (which never grow). */
    private void setConstantArgs() {
        args.setInt(stage, StageArg.N, n);
        OpenClArgs.setMem(stage, StageArg.J, jT.device());
        OpenClArgs.setMem(stage, StageArg.PRM, prmT.device());
        OpenClArgs.setMem(stage, StageArg.Q, qT.device());
        OpenClArgs.setMem(stage, StageArg.V, vT.device());
        OpenClArgs.setMem(stage, StageArg.V_STAGE, vStage);
        OpenClArgs.setMem(stage, StageArg.Q_ACC, qAcc);
        OpenClArgs.setMem(stage, StageArg.V_ACC, vAcc);
        args.setFloat(stage, StageArg.H, h);
        args.setFloat(stage, StageArg.H6, h6);
        args.setInt(initState, InitArg.N, n);
        OpenClArgs.setMem(initState, InitArg.PRM, prmT.device());
        OpenClArgs.setMem(initState, InitArg.X, xT.device());
        OpenClArgs.setMem(initState, InitArg.Q, qT.device());
        OpenClArgs.setMem(initState, InitArg.V, vT.device());
        OpenClArgs.setMem(initState, InitArg.V_STAGE, vStage);
        OpenClArgs.setMem(backInit, BackInitArg.LAM_Q, lamQT.device());
        OpenClArgs.setMem(backInit, BackInitArg.LAM_V, lamVT.device());
        OpenClArgs.setMem(backInit, BackInitArg.V_BAR, vBar);
        args.setFloat(backInit, BackInitArg.H6, h6);
        args.setInt(back, BackArg.N, n);
        OpenClArgs.setMem(back, BackArg.J, jT.device());
        OpenClArgs.setMem(back, BackArg.PRM, prmT.device());
        OpenClArgs.setMem(back, BackArg.LAM_Q, lamQT.device());
        OpenClArgs.setMem(back, BackArg.LAM_V, lamVT.device());
        OpenClArgs.setMem(back, BackArg.SUM_Q, sumQ);
        OpenClArgs.setMem(back, BackArg.SUM_V, sumV);
        OpenClArgs.setMem(back, BackArg.V_BAR, vBar);
        OpenClArgs.setMem(back, BackArg.GX, gxT.device());
        args.setFloat(back, BackArg.H6, h6);
        args.setInt(gradColumns, GradColumnsArg.N, n);
        args.setInt(gradColumns, GradColumnsArg.RING, dense ? 0 : 1);
        args.setInt(gradColumns, GradColumnsArg.LINKS, links);
        OpenClArgs.setMem(gradColumns, GradColumnsArg.PART, part);
        args.setInt(gradFinal, GradFinalArg.N, n);
        args.setInt(gradFinal, GradFinalArg.RING, dense ? 0 : 1);
        args.setInt(gradFinal, GradFinalArg.LINKS, links);
        OpenClArgs.setMem(gradFinal, GradFinalArg.PART, part);
        OpenClArgs.setMem(gradFinal, GradFinalArg.X, xT.device());
        OpenClArgs.setMem(gradFinal, GradFinalArg.LAM_Q, lamQT.device());
        OpenClArgs.setMem(gradFinal, GradFinalArg.GP, gpT.device());
        OpenClArgs.setMem(gradFinal, GradFinalArg.GJ, gjT.device());
        if (dense) {
            args.setInt(gradProducts, GradProductsArg.N, n);
            OpenClArgs.setMem(gradProducts, GradProductsArg.M_PART, mPart);
            args.setInt(gradSymmetric, GradSymmetricArg.N, n);
            OpenClArgs.setMem(gradSymmetric, GradSymmetricArg.M_PART, mPart);
            OpenClArgs.setMem(gradSymmetric, GradSymmetricArg.GJ, gjT.device());
            OpenClArgs.setMem(gradSymmetric, GradSymmetricArg.GP, gpT.device());
        }
    }

    /** Allocates the stage stores on the first VJP and points the kernels that use them at them. */
    private void ensureStores() {
        if (uStore != null) {
            return;
        }
        long store = (long) spec.stages() * maxBatch * n;
        uStore = buffer("oscillator stored sines", store);
        csStore = buffer("oscillator stored scaled cosines", store);
        aStore = buffer("oscillator stored stage adjoints", store);
        OpenClArgs.setMem(backInit, BackInitArg.A_STORE, aStore);
        OpenClArgs.setMem(back, BackArg.A_STORE, aStore);
        OpenClArgs.setMem(back, BackArg.CS, csStore);
        OpenClArgs.setMem(gradColumns, GradColumnsArg.A_STORE, aStore);
        OpenClArgs.setMem(gradColumns, GradColumnsArg.U_STORE, uStore);
        if (dense) {
            OpenClArgs.setMem(gradProducts, GradProductsArg.A_STORE, aStore);
            OpenClArgs.setMem(gradProducts, GradProductsArg.U_STORE, uStore);
        }
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
    protected void doForward(int batch, OscillatorParams p, float[] x, float[] qOut, float[] qDotOut) {
        checkOpen();
        uploadInputs(batch, p, x);
        integrate(batch, p.gamma, false);
        finish(batch, p, qOut, qDotOut);
    }

    @Override
    protected void doVjp(int batch, OscillatorParams p, float[] x, float[] gQ, float[] gQDot,
                         float[] gX, OscillatorGradients grads, float[] qOut, float[] qDotOut) {
        checkOpen();
        ensureStores();
        uploadInputs(batch, p, x);
        // every upload before the first launch: the blocking writes then wait for nothing
        lamQT.upload(gQ, 0, batch, n, n);
        if (gQDot != null) {
            lamVT.upload(gQDot, 0, batch, n, n);
        }
        integrate(batch, p.gamma, true);
        backward(batch, p.gamma, gQDot != null);
        if (grads != null) {
            parameterGradients(batch);
        }
        finish(batch, p, qOut, qDotOut); // waits for everything above
        if (gX != null) {
            gxT.download(gX, 0, batch, n, n);
        }
        if (grads != null) {
            gjT.download(grads.coupling, 0, 1, spec.couplingLength(), spec.couplingLength());
            gpT.download(gpHost, 0, 1, 3 * n, 3 * n);
            System.arraycopy(gpHost, 0, grads.e, 0, n);
            System.arraycopy(gpHost, n, grads.k, 0, n);
            System.arraycopy(gpHost, 2 * n, grads.a, 0, n);
        }
    }

    /** Parameters packed as (6, n) = d, e, s, a, cl, cr, J for all-to-all, and x. */
    private void uploadInputs(int batch, OscillatorParams p, float[] x) {
        OscillatorSupport.prepare(spec, p, d, cLeft, cRight);
        System.arraycopy(d, 0, prmHost, 0, n);
        System.arraycopy(p.e, 0, prmHost, n, n);
        System.arraycopy(p.s, 0, prmHost, 2 * n, n);
        System.arraycopy(p.a, 0, prmHost, 3 * n, n);
        if (dense) {
            java.util.Arrays.fill(prmHost, 4 * n, 6 * n, 0f);
        } else {
            System.arraycopy(cLeft, 0, prmHost, 4 * n, n);
            System.arraycopy(cRight, 0, prmHost, 5 * n, n);
        }
        prmT.upload(prmHost, 0, 1, 6 * n, 6 * n);
        if (dense) {
            jT.upload(p.coupling, 0, n, n, n);
        }
        xT.upload(x, 0, batch, n, n);
    }

    /** Downloads q(T), q̇(T), checks them for divergence, then copies them out. */
    private void finish(int batch, OscillatorParams p, float[] qOut, float[] qDotOut) {
        qT.download(qHost, 0, batch, n, n);
        vT.download(vHost, 0, batch, n, n);
        // the same divergence rule as the scalar and SIMD kernels: non-finite, or |s·q| beyond the sine's range
        OscillatorSupport.checkState(qHost, vHost, batch, n, spec, p.s);
        if (qOut != null) {
            System.arraycopy(qHost, 0, qOut, 0, batch * n);
        }
        if (qDotOut != null) {
            System.arraycopy(vHost, 0, qDotOut, 0, batch * n);
        }
    }

    /** Offset of stage slot {@code sl} in the stores: (batch, n) per slot. */
    private int slot(int sl, int batch) {
        return sl * batch * n;
    }

    /** Enqueues the forward RK4; when recording, the sines and s·cos of every stage go to the stores. */
    private void integrate(int batch, float gamma, boolean record) {
        int len = batch * n;
        OpenClBuffer cs = record ? csStore : dummy;
        args.setInt(initState, InitArg.BATCH, batch);
        OpenClArgs.setMem(initState, InitArg.U_OUT, record ? uStore : uA);
        OpenClArgs.setMem(initState, InitArg.CS_OUT, cs);
        args.setInt(initState, InitArg.RECORD, record ? 1 : 0);
        args.run1(initState, len);
        args.setInt(stage, StageArg.BATCH, batch);
        OpenClArgs.setMem(stage, StageArg.CS_OUT, cs);
        args.setInt(stage, StageArg.RECORD, record ? 1 : 0);
        args.setFloat(stage, StageArg.GAMMA, gamma);
        OpenClBuffer in = record ? uStore : uA;
        OpenClBuffer out = record ? uStore : uB;
        for (int step = 0; step < spec.steps(); step++) {
            for (int st = 0; st < 4; st++) {
                int sl = 4 * step + st;
                OpenClArgs.setMem(stage, StageArg.U_IN, in);
                args.setInt(stage, StageArg.U_IN_OFF, record ? slot(sl, batch) : 0);
                OpenClArgs.setMem(stage, StageArg.U_OUT, out);
                args.setInt(stage, StageArg.U_OUT_OFF, record ? slot(sl + 1, batch) : 0);
                args.setInt(stage, StageArg.HAS_NEXT, st < 3 || step + 1 < spec.steps() ? 1 : 0);
                args.setInt(stage, StageArg.ST, st);
                runStage(stage, batch);
                if (!record) {
                    OpenClBuffer t = in;
                    in = out;
                    out = t;
                }
            }
        }
    }

    /** Enqueues the reverse pass; λ starts as the uploaded gQ and gQ̇ (or 0). */
    private void backward(int batch, float gamma, boolean hasGV) {
        int len = batch * n;
        int steps = spec.steps();
        args.setInt(backInit, BackInitArg.LEN, len);
        args.setInt(backInit, BackInitArg.HAS_GV, hasGV ? 1 : 0);
        args.setInt(backInit, BackInitArg.A_OFF, slot(4 * (steps - 1) + 3, batch));
        args.setFloat(backInit, BackInitArg.GAMMA, gamma);
        args.run1(backInit, len);
        args.setInt(back, BackArg.BATCH, batch);
        args.setFloat(back, BackArg.GAMMA, gamma);
        for (int step = steps - 1; step >= 0; step--) {
            for (int st = 3; st >= 0; st--) {
                int sl = 4 * step + st;
                args.setInt(back, BackArg.OFF, slot(sl, batch));
                args.setInt(back, BackArg.PREV_OFF, sl > 0 ? slot(sl - 1, batch) : 0);
                args.setInt(back, BackArg.ST, st);
                args.setInt(back, BackArg.HAS_PREV_STEP, step > 0 ? 1 : 0);
                args.setFloat(back, BackArg.C, st == 3 ? h : 0.5f * h);
                args.setFloat(back, BackArg.W, st - 1 == 0 ? h6 : h3);
                runStage(back, batch);
            }
        }
    }

    /** Enqueues the batch reductions of the parameter gradients into gp and gJ. */
    private void parameterGradients(int batch) {
        int rows = spec.stages() * batch;
        if (dense) {
            int splits = splits(rows);
            int kc = OpenClArgs.ceilDiv(OpenClArgs.ceilDiv(rows, splits), TSK) * TSK;
            splits = OpenClArgs.ceilDiv(rows, kc);
            args.setInt(gradProducts, GradProductsArg.ROWS, rows);
            args.setInt(gradProducts, GradProductsArg.KC, kc);
            global3[0] = (long) OpenClArgs.ceilDiv(n, TS) * rts;
            global3[1] = (long) OpenClArgs.ceilDiv(n, TS) * rts;
            global3[2] = splits;
            CL.clEnqueueNDRangeKernel(cl.queue(), gradProducts, 3, null, global3, local3, 0, null, null);
            args.setInt(gradSymmetric, GradSymmetricArg.SPLITS, splits);
            args.run1(gradSymmetric, n * n);
        }
        int rc = Math.max(MIN_CHUNK_ROWS, OpenClArgs.ceilDiv(rows, MAX_CHUNKS));
        int chunks = OpenClArgs.ceilDiv(rows, rc);
        args.setInt(gradColumns, GradColumnsArg.ROWS, rows);
        args.setInt(gradColumns, GradColumnsArg.RC, rc);
        globalCols[0] = (long) OpenClArgs.ceilDiv(n, LOCAL) * LOCAL;
        globalCols[1] = chunks;
        CL.clEnqueueNDRangeKernel(cl.queue(), gradColumns, 2, null, globalCols, localCols, 0, null, null);
        args.setInt(gradFinal, GradFinalArg.CHUNKS, chunks);
        args.setInt(gradFinal, GradFinalArg.BATCH, batch);
        args.run1(gradFinal, n);
    }

    /** A stage launch: 2D tiles of (batch, n) for all-to-all, one work-item per element for a ring. */
    private void runStage(cl_kernel k, int batch) {
        if (dense) {
            global2[0] = (long) OpenClArgs.ceilDiv(n, TS) * rts;
            global2[1] = (long) OpenClArgs.ceilDiv(batch, TS) * rts;
            CL.clEnqueueNDRangeKernel(cl.queue(), k, 2, null, global2, local2, 0, null, null);
        } else {
            args.run1(k, batch * n);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("OpenCL oscillator kernel is closed");
        }
    }

    /** Releases this kernel's OpenCL kernels and buffers (the shared context and program stay). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (cl_kernel k : new cl_kernel[] {initState, stage, backInit, back, gradColumns, gradFinal,
                gradProducts, gradSymmetric}) {
            if (k != null) {
                CL.clReleaseKernel(k);
            }
        }
        OpenClHost.closeAll("oscillator buffer", xT, qT, vT, lamQT, lamVT, gxT, prmT, jT, gpT, gjT,
                vStage, qAcc, vAcc, uA, uB, sumQ, sumV, vBar, dummy, part, mPart, uStore, csStore, aStore);
    }

    // Argument indices of the kernels, in the order of their signatures in oscillator.cl.

    /** stage_dense / stage_ring(batch, n, J, prm, uIn, uInOff, uOut, uOutOff, csOut, record, hasNext, q, v, vStage, qAcc, vAcc, st, h, h6, gamma). */
    private static final class StageArg {
        static final int BATCH = 0, N = 1, J = 2, PRM = 3, U_IN = 4, U_IN_OFF = 5, U_OUT = 6, U_OUT_OFF = 7,
                CS_OUT = 8, RECORD = 9, HAS_NEXT = 10, Q = 11, V = 12, V_STAGE = 13, Q_ACC = 14, V_ACC = 15, ST = 16,
                H = 17, H6 = 18, GAMMA = 19;
    }

    /** init_state(batch, n, prm, x, q, v, vStage, uOut, csOut, record). */
    private static final class InitArg {
        static final int BATCH = 0, N = 1, PRM = 2, X = 3, Q = 4, V = 5, V_STAGE = 6, U_OUT = 7, CS_OUT = 8,
                RECORD = 9;
    }

    /** back_init(len, hasGV, lamQ, lamV, aStore, aOff, vBar, h6, gamma). */
    private static final class BackInitArg {
        static final int LEN = 0, HAS_GV = 1, LAM_Q = 2, LAM_V = 3, A_STORE = 4, A_OFF = 5, V_BAR = 6, H6 = 7,
                GAMMA = 8;
    }

    /** back_dense / back_ring(batch, n, J, prm, aStore, off, prevOff, cs, lamQ, lamV, sumQ, sumV, vBar, gX, st, hasPrevStep, c, w, h6, gamma). */
    private static final class BackArg {
        static final int BATCH = 0, N = 1, J = 2, PRM = 3, A_STORE = 4, OFF = 5, PREV_OFF = 6, CS = 7, LAM_Q = 8,
                LAM_V = 9, SUM_Q = 10, SUM_V = 11, V_BAR = 12, GX = 13, ST = 14, HAS_PREV_STEP = 15, C = 16, W = 17,
                H6 = 18, GAMMA = 19;
    }

    /** grad_columns(n, rows, rc, ring, links, aStore, uStore, part). */
    private static final class GradColumnsArg {
        static final int N = 0, ROWS = 1, RC = 2, RING = 3, LINKS = 4, A_STORE = 5, U_STORE = 6, PART = 7;
    }

    /** grad_final(n, chunks, batch, ring, links, part, x, lamQ, gp, gJ). */
    private static final class GradFinalArg {
        static final int N = 0, CHUNKS = 1, BATCH = 2, RING = 3, LINKS = 4, PART = 5, X = 6, LAM_Q = 7, GP = 8,
                GJ = 9;
    }

    /** grad_products(n, rows, kc, aStore, uStore, mPart). */
    private static final class GradProductsArg {
        static final int N = 0, ROWS = 1, KC = 2, A_STORE = 3, U_STORE = 4, M_PART = 5;
    }

    /** grad_symmetric(n, splits, mPart, gJ, gp). */
    private static final class GradSymmetricArg {
        static final int N = 0, SPLITS = 1, M_PART = 2, GJ = 3, GP = 4;
    }
}
