package org.patengine.kernels.osc;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_kernel;
import org.jocl.cl_program;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendUnavailableException;
import org.patengine.kernels.opencl.OpenClArgs;
import org.patengine.kernels.opencl.OpenClBuffer;
import org.patengine.kernels.opencl.OpenClContext;
import org.patengine.kernels.opencl.OpenClTransferBuffer;

/**
 * The OpenCL {@link OscillatorKernel}: the same RK4 and reverse pass as {@link ScalarOscillatorKernel}
 * (whose Javadoc gives the equations), run entirely on the device ({@code oscillator.cl}).
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
public final class OpenClOscillatorKernel implements OscillatorKernel, AutoCloseable {
    /** Work-group size of the one-dimensional kernels. */
    private static final int LOCAL = 64;
    /** Tile side of the products in oscillator.cl (TS). */
    private static final int TS = 64;
    /** Depth of one slab of the products (TSK): split-K chunks are multiples of it. */
    private static final int TSK = 16;
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
        this(spec, maxBatch, sharedContext(), 0);
    }

    /**
     * As the public constructor on {@code cl}; {@code computeUnits > 0} overrides the device's count
     * in the split-K heuristic (tests use it to force many splits on a small device).
     */
    OpenClOscillatorKernel(OscillatorSpec spec, int maxBatch, OpenClContext cl, int computeUnits) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
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
        long maxWg = cl.device().maxWorkGroupSize();
        if (maxWg < 64) {
            throw new BackendUnavailableException("OpenCL device " + cl.device().name()
                    + " allows work-groups of only " + maxWg + " work-items; the oscillator kernels need 64");
        }
        rts = maxWg >= 256 ? 16 : 8;
        this.computeUnits = computeUnits > 0 ? computeUnits : Math.max(1, cl.device().computeUnits());
        cl_program program = cl.program(OpenClOscillatorKernel.class, "oscillator.cl", "-DRTS=" + rts);
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

    private static OpenClContext sharedContext() {
        try {
            return OpenClContext.shared();
        } catch (BackendUnavailableException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new BackendUnavailableException(e.getMessage(), e);
        } catch (CLException e) {
            throw new BackendUnavailableException("OpenCL failed: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new BackendUnavailableException("the OpenCL library could not be loaded: " + e.getMessage(), e);
        }
    }

    private cl_kernel kernel(cl_program program, String name, long workGroup) {
        cl_kernel k = cl.kernel(program, name);
        long max = cl.workGroupSize(k);
        if (max < workGroup) {
            CL.clReleaseKernel(k);
            throw new BackendUnavailableException("OpenCL kernel " + name + " needs work-groups of " + workGroup
                    + " on " + cl.device().name() + ", which allows only " + max);
        }
        return k;
    }

    /** A device buffer of exactly {@code floats}, checked against the device's largest allocation. */
    private OpenClBuffer buffer(String name, long floats) {
        OpenClBuffer b = new OpenClBuffer(cl, name, 1);
        b.ensureCapacity(floats);
        return b;
    }

    private OpenClTransferBuffer transfer(String name, long floats) {
        OpenClTransferBuffer b = new OpenClTransferBuffer(cl, name, 1);
        b.ensureCapacity(floats);
        return b;
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
        // stage_dense / stage_ring (batch, n, J, prm, uIn, uInOff, uOut, uOutOff, csOut, record, hasNext,
        //                           q, v, vStage, qAcc, vAcc, st, h, h6, gamma)
        args.setInt(stage, 1, n);
        OpenClArgs.setMem(stage, 2, jT.device());
        OpenClArgs.setMem(stage, 3, prmT.device());
        OpenClArgs.setMem(stage, 11, qT.device());
        OpenClArgs.setMem(stage, 12, vT.device());
        OpenClArgs.setMem(stage, 13, vStage);
        OpenClArgs.setMem(stage, 14, qAcc);
        OpenClArgs.setMem(stage, 15, vAcc);
        args.setFloat(stage, 17, h);
        args.setFloat(stage, 18, h6);
        // init_state (batch, n, prm, x, q, v, vStage, uOut, csOut, record)
        args.setInt(initState, 1, n);
        OpenClArgs.setMem(initState, 2, prmT.device());
        OpenClArgs.setMem(initState, 3, xT.device());
        OpenClArgs.setMem(initState, 4, qT.device());
        OpenClArgs.setMem(initState, 5, vT.device());
        OpenClArgs.setMem(initState, 6, vStage);
        // back_init (len, hasGV, lamQ, lamV, aStore, aOff, vBar, h6, gamma)
        OpenClArgs.setMem(backInit, 2, lamQT.device());
        OpenClArgs.setMem(backInit, 3, lamVT.device());
        OpenClArgs.setMem(backInit, 6, vBar);
        args.setFloat(backInit, 7, h6);
        // back_dense / back_ring (batch, n, J, prm, aStore, off, prevOff, cs, lamQ, lamV, sumQ, sumV,
        //                         vBar, gX, st, hasPrevStep, c, w, h6, gamma)
        args.setInt(back, 1, n);
        OpenClArgs.setMem(back, 2, jT.device());
        OpenClArgs.setMem(back, 3, prmT.device());
        OpenClArgs.setMem(back, 8, lamQT.device());
        OpenClArgs.setMem(back, 9, lamVT.device());
        OpenClArgs.setMem(back, 10, sumQ);
        OpenClArgs.setMem(back, 11, sumV);
        OpenClArgs.setMem(back, 12, vBar);
        OpenClArgs.setMem(back, 13, gxT.device());
        args.setFloat(back, 18, h6);
        // grad_columns (n, rows, rc, ring, links, aStore, uStore, part)
        args.setInt(gradColumns, 0, n);
        args.setInt(gradColumns, 3, dense ? 0 : 1);
        args.setInt(gradColumns, 4, links);
        OpenClArgs.setMem(gradColumns, 7, part);
        // grad_final (n, chunks, batch, ring, links, part, x, lamQ, gp, gJ)
        args.setInt(gradFinal, 0, n);
        args.setInt(gradFinal, 3, dense ? 0 : 1);
        args.setInt(gradFinal, 4, links);
        OpenClArgs.setMem(gradFinal, 5, part);
        OpenClArgs.setMem(gradFinal, 6, xT.device());
        OpenClArgs.setMem(gradFinal, 7, lamQT.device());
        OpenClArgs.setMem(gradFinal, 8, gpT.device());
        OpenClArgs.setMem(gradFinal, 9, gjT.device());
        if (dense) {
            // grad_products (n, rows, kc, aStore, uStore, mPart); grad_symmetric (n, splits, mPart, gJ, gp)
            args.setInt(gradProducts, 0, n);
            OpenClArgs.setMem(gradProducts, 5, mPart);
            args.setInt(gradSymmetric, 0, n);
            OpenClArgs.setMem(gradSymmetric, 2, mPart);
            OpenClArgs.setMem(gradSymmetric, 3, gjT.device());
            OpenClArgs.setMem(gradSymmetric, 4, gpT.device());
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
        OpenClArgs.setMem(backInit, 4, aStore);
        OpenClArgs.setMem(back, 4, aStore);
        OpenClArgs.setMem(back, 7, csStore);
        OpenClArgs.setMem(gradColumns, 5, aStore);
        OpenClArgs.setMem(gradColumns, 6, uStore);
        if (dense) {
            OpenClArgs.setMem(gradProducts, 3, aStore);
            OpenClArgs.setMem(gradProducts, 4, uStore);
        }
    }

    @Override
    public BackendKind kind() {
        return BackendKind.OPENCL;
    }

    @Override
    public OscillatorSpec spec() {
        return spec;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    /** What this kernel runs on. */
    public String description() {
        return "OpenCL on " + cl.device().description();
    }

    @Override
    public void forward(int batch, OscillatorParams p, float[] x, float[] qOut, float[] qDotOut) {
        OscillatorSupport.checkForward(spec, maxBatch, batch, p, x, qOut, qDotOut);
        checkOpen();
        uploadInputs(batch, p, x);
        integrate(batch, p.gamma, false);
        finish(batch, p, qOut, qDotOut);
    }

    @Override
    public void vjp(int batch, OscillatorParams p, float[] x, float[] gQ, float[] gQDot,
                    float[] gX, OscillatorGradients grads, float[] qOut, float[] qDotOut) {
        OscillatorSupport.checkForward(spec, maxBatch, batch, p, x, qOut, qDotOut);
        OscillatorSupport.checkCotangents(batch, n, gQ, gQDot, gX);
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
        args.setInt(initState, 0, batch);
        OpenClArgs.setMem(initState, 7, record ? uStore : uA);
        OpenClArgs.setMem(initState, 8, cs);
        args.setInt(initState, 9, record ? 1 : 0);
        args.run1(initState, len);
        args.setInt(stage, 0, batch);
        OpenClArgs.setMem(stage, 8, cs);
        args.setInt(stage, 9, record ? 1 : 0);
        args.setFloat(stage, 19, gamma);
        OpenClBuffer in = record ? uStore : uA;
        OpenClBuffer out = record ? uStore : uB;
        for (int step = 0; step < spec.steps(); step++) {
            for (int st = 0; st < 4; st++) {
                int sl = 4 * step + st;
                OpenClArgs.setMem(stage, 4, in);
                args.setInt(stage, 5, record ? slot(sl, batch) : 0);
                OpenClArgs.setMem(stage, 6, out);
                args.setInt(stage, 7, record ? slot(sl + 1, batch) : 0);
                args.setInt(stage, 10, st < 3 || step + 1 < spec.steps() ? 1 : 0);
                args.setInt(stage, 16, st);
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
        args.setInt(backInit, 0, len);
        args.setInt(backInit, 1, hasGV ? 1 : 0);
        args.setInt(backInit, 5, slot(4 * (steps - 1) + 3, batch));
        args.setFloat(backInit, 8, gamma);
        args.run1(backInit, len);
        args.setInt(back, 0, batch);
        args.setFloat(back, 19, gamma);
        for (int step = steps - 1; step >= 0; step--) {
            for (int st = 3; st >= 0; st--) {
                int sl = 4 * step + st;
                args.setInt(back, 5, slot(sl, batch));
                args.setInt(back, 6, sl > 0 ? slot(sl - 1, batch) : 0);
                args.setInt(back, 14, st);
                args.setInt(back, 15, step > 0 ? 1 : 0);
                args.setFloat(back, 16, st == 3 ? h : 0.5f * h);
                args.setFloat(back, 17, st - 1 == 0 ? h6 : h3);
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
            args.setInt(gradProducts, 1, rows);
            args.setInt(gradProducts, 2, kc);
            global3[0] = (long) OpenClArgs.ceilDiv(n, TS) * rts;
            global3[1] = (long) OpenClArgs.ceilDiv(n, TS) * rts;
            global3[2] = splits;
            CL.clEnqueueNDRangeKernel(cl.queue(), gradProducts, 3, null, global3, local3, 0, null, null);
            args.setInt(gradSymmetric, 1, splits);
            args.run1(gradSymmetric, n * n);
        }
        int rc = Math.max(MIN_CHUNK_ROWS, OpenClArgs.ceilDiv(rows, MAX_CHUNKS));
        int chunks = OpenClArgs.ceilDiv(rows, rc);
        args.setInt(gradColumns, 1, rows);
        args.setInt(gradColumns, 2, rc);
        globalCols[0] = (long) OpenClArgs.ceilDiv(n, LOCAL) * LOCAL;
        globalCols[1] = chunks;
        CL.clEnqueueNDRangeKernel(cl.queue(), gradColumns, 2, null, globalCols, localCols, 0, null, null);
        args.setInt(gradFinal, 1, chunks);
        args.setInt(gradFinal, 2, batch);
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
        for (AutoCloseable b : new AutoCloseable[] {xT, qT, vT, lamQT, lamVT, gxT, prmT, jT, gpT, gjT,
                vStage, qAcc, vAcc, uA, uB, sumQ, sumV, vBar, dummy, part, mPart, uStore, csStore, aStore}) {
            if (b != null) {
                try {
                    b.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing an OpenCL oscillator buffer failed", e);
                }
            }
        }
    }
}
