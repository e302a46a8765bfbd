package org.patengine.kernels.simd;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import org.patengine.kernels.BackendKind;
import org.patengine.kernels.osc.OscillatorGradients;
import org.patengine.kernels.osc.OscillatorKernel;
import org.patengine.kernels.osc.OscillatorParams;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.OscillatorSupport;
import org.patengine.kernels.osc.ScalarOscillatorKernel;
import org.patengine.kernels.osc.Topology;

/**
 * The Vector API {@link OscillatorKernel}: the same RK4 and reverse pass as
 * {@link ScalarOscillatorKernel} (whose Javadoc gives the equations), organised for speed.
 *
 * <ul>
 *   <li>The batch is split across the threads of a {@link WorkerPool} for the whole call (forward,
 *       backward and the parameter products): samples are independent, so this costs one hand-off
 *       per call, where parallelising each of the 4·Nt small products would cost one per product.
 *       Inside a part every product runs single-threaded ({@code new SimdBackend(1)}).</li>
 *   <li>One fused elementwise pass per RK4 stage: after the coupling product it forms the
 *       acceleration, updates the RK4 sums, builds the next stage's state and takes its sine with
 *       {@link SimdMath#sinCore} (0.6 ns per element here against 1.0 for the Vector API's SIN, and
 *       no lane-by-lane fallback). When recording for the VJP it also stores the sine's argument
 *       s∘Q, whose cosine the reverse pass takes.
 *       Each compiled loop holds at most one sine or cosine: two in one compilation exceed C2's
 *       inlining budget, and vectors crossing a call C2 declined to inline are boxed.</li>
 *   <li>Internal buffers use a row stride {@code ld = n} rounded up to 16 floats (whole vectors at
 *       every width, and whole panels of the packed J), with zero padding columns that stay zero
 *       through every operation (J is packed with zero padding columns too), so no loop and no
 *       product needs a tail mask.</li>
 *   <li>The coupling products {@code W·J} (4·Nt per forward, as many again in the reverse pass) run
 *       against J packed once per call, reading W in place ({@link CouplingProduct}).</li>
 *   <li>All-to-all parameter gradients: one product {@code Āᵀ·U} per part over its stacked stage
 *       stores (k = 4·Nt·rows), summed over the parts at the end.</li>
 * </ul>
 *
 * <p>Memory: 3·4·Nt·maxBatch·ld floats of stage stores (sines, sine arguments, adjoints) and one
 * n·ld coupling-gradient partial per thread, allocated on the first {@link #vjp} call (a kernel that
 * only runs forward never holds them), plus O(maxBatch·ld) state buffers and the packed J (n·ld).
 * Allocates nothing per call.
 */
public final class SimdOscillatorKernel extends OscillatorKernel {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();
    /** Products inside a part run on the part's own thread. */
    private static final SimdBackend GEMM = new SimdBackend(1);
    /** Below this much work per call the batch is not split. */
    static final long PARALLEL_MIN_FLOPS = 1L << 21;

    private static final class SharedPool {
        static final WorkerPool POOL = create();

        static WorkerPool create() {
            int threads = Integer.getInteger(SimdBackend.THREADS_PROPERTY, Runtime.getRuntime().availableProcessors());
            return threads > 1 ? new WorkerPool(threads, "pat-osc") : null;
        }
    }

    private final OscillatorSpec spec;
    private final int maxBatch;
    private final int n;
    private final int ld;
    private final boolean dense;
    private final WorkerPool pool;
    private final int maxParts;
    private final Task task = new Task();

    // (maxBatch, ld) row-major, zero padding columns
    private final float[] q, v, vStage, qAcc, vAcc, u, g;
    private final float[] lq, lv, lq2, lv2, vBar;
    // (ld), zero padded: −d, e, s, a; ring links left/right (n)
    private final float[] nd, ev, sv, av, cl, cr;
    private final float[] d;
    // J packed once per call into 16-column panels for the coupling products (CouplingProduct)
    private final float[] jPacked;
    // (4·steps, rows, ld) per part region, allocated on first vjp: the stages' sines sin(s∘Q), their
    // arguments s∘Q (the reverse pass takes the cosines itself) and the stage adjoints ā
    private float[] uStore, argStore, aStore;
    // per-part partial gradients; the n×ld coupling partials only once a VJP is taken (a forward-only
    // kernel, e.g. simulated hardware's, would hold 21 MB of them at n = 1610 with 2 threads)
    private float[][] mPart;
    private final float[][] gePart, gaPart, gkPart, gcPart;

    /** A kernel that splits large batches over the shared pool ({@code pat.threads} threads). */
    public SimdOscillatorKernel(OscillatorSpec spec, int maxBatch) {
        this(spec, maxBatch, SharedPool.POOL);
    }

    /** A kernel that splits large batches over {@code pool} (null: single-threaded). */
    public SimdOscillatorKernel(OscillatorSpec spec, int maxBatch, WorkerPool pool) {
        super(spec, maxBatch);
        this.spec = spec;
        JitFlags.warnOnceIfMissing();
        this.maxBatch = maxBatch;
        this.n = spec.n();
        this.ld = CouplingProduct.stride(n); // a multiple of 16 floats: whole vectors and whole panels of packed J
        this.dense = spec.topology() == Topology.ALL_TO_ALL;
        this.pool = pool;
        this.maxParts = pool == null ? 1 : Math.min(pool.threads(), maxBatch);
        int size = Math.multiplyExact(maxBatch, ld);
        q = new float[size];
        v = new float[size];
        vStage = new float[size];
        qAcc = new float[size];
        vAcc = new float[size];
        u = new float[size];
        g = new float[size];
        lq = new float[size];
        lv = new float[size];
        lq2 = new float[size];
        lv2 = new float[size];
        vBar = new float[size];
        nd = new float[ld];
        ev = new float[ld];
        sv = new float[ld];
        av = new float[ld];
        d = new float[n];
        cl = new float[n];
        cr = new float[n];
        jPacked = new float[dense ? CouplingProduct.packedSize(n) : 0];
        gePart = new float[maxParts][ld];
        gaPart = new float[maxParts][n];
        gkPart = new float[maxParts][dense ? 0 : n];
        gcPart = new float[maxParts][dense ? 0 : spec.couplingLength()];
    }

    /** What this kernel runs on, e.g. "Vector API, 8 float lanes, 2 thread(s)". */
    public String description() {
        return "Vector API, " + L + " float lanes, " + maxParts + " thread(s)";
    }

    @Override
    public BackendKind kind() {
        return BackendKind.SIMD;
    }

    @Override
    protected void doForward(int batch, OscillatorParams p, float[] x, float[] qOut, float[] qDotOut) {
        prepare(p);
        run(batch, p, x, null, null, null, null, qOut, qDotOut, false);
    }

    @Override
    protected void doVjp(int batch, OscillatorParams p, float[] x, float[] gQ, float[] gQDot,
                         float[] gX, OscillatorGradients grads, float[] qOut, float[] qDotOut) {
        if (uStore == null) {
            int store = Math.multiplyExact(spec.stages(), maxBatch * ld);
            uStore = new float[store];
            argStore = new float[store];
            aStore = new float[store];
            mPart = new float[maxParts][dense ? n * ld : 0];
        }
        prepare(p);
        run(batch, p, x, gQ, gQDot, gX, grads, qOut, qDotOut, true);
        if (grads != null) {
            reduceGradients(grads);
        }
    }


    private void prepare(OscillatorParams p) {
        if (dense) {
            rowSums(p); // d = k + J·1, in vectors: the scalar loop's dependent adds took longer than the packing
        } else {
            OscillatorSupport.prepare(spec, p, d, cl, cr);
        }
        for (int i = 0; i < n; i++) {
            nd[i] = -d[i];
            ev[i] = p.e[i];
            sv[i] = p.s[i];
            av[i] = p.a[i];
        }
        if (dense) {
            CouplingProduct.pack(n, p.coupling, 0, n, jPacked);
        }
    }

    /**
     * d_i = k_i + Σ_j J_ij (the all-to-all case of {@link OscillatorSupport#prepare}), summed in vectors,
     * the lanes in a fixed order ({@link SimdMath#sumLanes}).
     */
    private void rowSums(OscillatorParams p) {
        int full = n / L * L;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            FloatVector acc = FloatVector.zero(S);
            for (int j = 0; j < full; j += L) {
                acc = acc.add(FloatVector.fromArray(S, p.coupling, row + j));
            }
            float r = SimdMath.sumLanes(acc);
            for (int j = full; j < n; j++) {
                r += p.coupling[row + j];
            }
            d[i] = p.k[i] + r;
        }
    }

    private void run(int batch, OscillatorParams p, float[] x, float[] gQ, float[] gQDot, float[] gX,
                     OscillatorGradients grads, float[] qOut, float[] qDotOut, boolean vjp) {
        long flops = (long) batch * spec.forwardFlopsPerSample() * (vjp ? 3 : 1);
        int parts = flops >= PARALLEL_MIN_FLOPS ? Math.min(maxParts, batch) : 1;
        task.set(batch, p, x, gQ, gQDot, gX, grads != null, qOut, qDotOut, vjp);
        try {
            if (parts > 1 && pool.tryAcquire()) {
                try {
                    pool.invoke(task, parts);
                } finally {
                    pool.release();
                }
            } else {
                parts = 1;
                task.run(0, 1);
            }
        } finally {
            task.clear();
        }
        task.parts = parts;
        if (!statesWithinBounds(batch)) {
            OscillatorSupport.checkState(q, v, batch, n, ld, spec, sv); // names the first bad value
        }
    }

    /**
     * The divergence check of {@link OscillatorSupport#checkState} as vector scans ({@link Scan}): it
     * runs on the thread the pool's workers wait on. The padding columns are zero and pass.
     */
    private boolean statesWithinBounds(int batch) {
        boolean ok = Scan.allFinite(v, 0, batch * ld);
        for (int b = 0; b < batch; b++) {
            ok &= Scan.allScaledWithin(sv, null, q, b * ld, n, OscillatorSupport.MAX_PHASE);
        }
        return ok;
    }

    /** Sums the per-part partial gradients into {@code grads}. */
    private void reduceGradients(OscillatorGradients grads) {
        int parts = task.parts;
        for (int i = 0; i < n; i++) {
            float ge = 0f, ga = 0f;
            for (int pt = 0; pt < parts; pt++) {
                ge += gePart[pt][i];
                ga += gaPart[pt][i];
            }
            grads.e[i] = ge;
            grads.a[i] = ga;
        }
        if (dense) {
            float[] m = mPart[0];
            for (int pt = 1; pt < parts; pt++) {
                float[] mp = mPart[pt];
                for (int i = 0; i < n * ld; i++) {
                    m[i] += mp[i];
                }
            }
            OscillatorSupport.symmetricGradient(n, m, ld, grads.coupling, grads.k);
        } else {
            for (int i = 0; i < n; i++) {
                float gk = 0f;
                for (int pt = 0; pt < parts; pt++) {
                    gk += gkPart[pt][i];
                }
                grads.k[i] = gk;
            }
            for (int l = 0; l < grads.coupling.length; l++) {
                float gc = 0f;
                for (int pt = 0; pt < parts; pt++) {
                    gc += gcPart[pt][l];
                }
                grads.coupling[l] = gc;
            }
        }
    }

    /** One call's arguments, reused; part {@code p} simulates rows [batch·p/parts, batch·(p+1)/parts). */
    private final class Task implements WorkerPool.Task {
        int batch;
        OscillatorParams p;
        float[] x, gQ, gQDot, gX, qOut, qDotOut;
        boolean paramGrads, vjp;
        int parts;

        void set(int batch, OscillatorParams p, float[] x, float[] gQ, float[] gQDot, float[] gX,
                 boolean paramGrads, float[] qOut, float[] qDotOut, boolean vjp) {
            this.batch = batch;
            this.p = p;
            this.x = x;
            this.gQ = gQ;
            this.gQDot = gQDot;
            this.gX = gX;
            this.paramGrads = paramGrads;
            this.qOut = qOut;
            this.qDotOut = qDotOut;
            this.vjp = vjp;
        }

        void clear() {
            p = null;
            x = gQ = gQDot = gX = qOut = qDotOut = null;
        }

        @Override
        public void run(int part, int nParts) {
            int b0 = (int) ((long) batch * part / nParts);
            int b1 = (int) ((long) batch * (part + 1) / nParts);
            if (b0 >= b1) {
                return;
            }
            forwardPart(b0, b1, p, x, vjp);
            writeOutputs(b0, b1, qOut, qDotOut);
            if (vjp) {
                backwardPart(b0, b1, p, gQ, gQDot);
                finishPart(part, b0, b1, x, gX, paramGrads);
            }
        }
    }

    /** Offset of stage slot {@code sl} for the part with rows [b0, b1): part-major, then slot-major. */
    private int slot(int sl, int b0, int b1) {
        return (spec.stages() * b0 + sl * (b1 - b0)) * ld;
    }

    /*
     * The drivers below (forwardPart, backwardPart) stay small and the fused loops live in their own
     * methods, each too large for C2 to inline into its caller: a vector loop compiled inside one
     * huge method exceeds C2's inlining budget, and any vector that crosses a call C2 declined to
     * inline is boxed (allocation on every call).
     */

    private void forwardPart(int b0, int b1, OscillatorParams p, float[] x, boolean record) {
        final int rows = b1 - b0;
        final int steps = spec.steps();
        final float h = spec.dt();
        final float[] uBuf = record ? uStore : u;
        final int row0 = b0 * ld;
        // q(0) = a∘x, q̇(0) = 0, padding columns zero
        for (int r = b0; r < b1; r++) {
            int row = r * ld;
            int xr = r * n;
            for (int i = 0; i < n; i++) {
                q[row + i] = av[i] * x[xr + i];
            }
            Arrays.fill(q, row + n, row + ld, 0f);
            Arrays.fill(v, row, row + ld, 0f);
        }
        sinesOfState(b0, b1, uBuf, record ? slot(0, b0, b1) : row0, record);
        for (int step = 0; step < steps; step++) {
            System.arraycopy(v, row0, vStage, row0, rows * ld);
            for (int st = 0; st < 4; st++) {
                int uOff = record ? slot(4 * step + st, b0, b1) : row0;
                couple(rows, p, uBuf, uOff, g, row0);
                if (st < 3) {
                    int nextOff = record ? slot(4 * step + st + 1, b0, b1) : row0;
                    stagePass(row0, rows, uBuf, uOff, nextOff, record, st, st < 2 ? 0.5f * h : h, p.gamma);
                } else {
                    boolean more = step + 1 < steps;
                    int nextOff = !more ? -1 : record ? slot(4 * step + 4, b0, b1) : row0;
                    lastStagePass(row0, rows, uBuf, uOff, nextOff, record, h / 6f, p.gamma);
                }
            }
        }
    }

    /**
     * RK4 stage st ∈ {0, 1, 2} after its coupling product g: the acceleration
     * {@code A = g − d∘u + e − γV}, the sums {@code qAcc (+)= w V, vAcc (+)= w A}, the next stage's
     * velocity {@code V ← v + c A}, and the next stage's sine {@code sin(s∘(q + c V))} into
     * uBuf[nextOff] (and its argument into argStore[nextOff] when recording).
     */
    private void stagePass(int row0, int rows, float[] uBuf, int uOff, int nextOff, boolean record, int st, float c,
                           float gamma) {
        final FloatVector cv = FloatVector.broadcast(S, c);
        final FloatVector two = FloatVector.broadcast(S, 2f);
        final FloatVector negGamma = FloatVector.broadcast(S, -gamma);
        for (int r = 0; r < rows; r++) {
            int row = row0 + r * ld;
            int ur = uOff + r * ld;
            int nr = nextOff + r * ld;
            for (int j = 0; j < ld; j += L) {
                FloatVector uu = FloatVector.fromArray(S, uBuf, ur + j);
                FloatVector vi = FloatVector.fromArray(S, vStage, row + j);
                FloatVector acc = uu.fma(FloatVector.fromArray(S, nd, j), FloatVector.fromArray(S, g, row + j))
                        .add(FloatVector.fromArray(S, ev, j));
                acc = vi.fma(negGamma, acc);
                if (st == 0) {
                    vi.intoArray(qAcc, row + j);
                    acc.intoArray(vAcc, row + j);
                } else {
                    vi.fma(two, FloatVector.fromArray(S, qAcc, row + j)).intoArray(qAcc, row + j);
                    acc.fma(two, FloatVector.fromArray(S, vAcc, row + j)).intoArray(vAcc, row + j);
                }
                acc.fma(cv, FloatVector.fromArray(S, v, row + j)).intoArray(vStage, row + j);
                FloatVector arg = FloatVector.fromArray(S, sv, j).mul(vi.fma(cv, FloatVector.fromArray(S, q, row + j)));
                if (record) {
                    arg.intoArray(argStore, nr + j);
                }
                SimdMath.sinCore(arg).intoArray(uBuf, nr + j);
            }
        }
    }

    /**
     * RK4 stage 3 and the step's update {@code q ← q + h/6 (qAcc + V4)}, {@code v ← v + h/6 (vAcc + A4)};
     * the next step's sine sin(s∘q) goes to uBuf[nextOff] (its argument to argStore when recording)
     * unless nextOff is negative (last step).
     */
    private void lastStagePass(int row0, int rows, float[] uBuf, int uOff, int nextOff, boolean record, float h6,
                               float gamma) {
        final FloatVector h6v = FloatVector.broadcast(S, h6);
        final FloatVector negGamma = FloatVector.broadcast(S, -gamma);
        final boolean more = nextOff >= 0;
        for (int r = 0; r < rows; r++) {
            int row = row0 + r * ld;
            int ur = uOff + r * ld;
            int nr = nextOff + r * ld;
            for (int j = 0; j < ld; j += L) {
                FloatVector uu = FloatVector.fromArray(S, uBuf, ur + j);
                FloatVector vi = FloatVector.fromArray(S, vStage, row + j);
                FloatVector acc = uu.fma(FloatVector.fromArray(S, nd, j), FloatVector.fromArray(S, g, row + j))
                        .add(FloatVector.fromArray(S, ev, j));
                acc = vi.fma(negGamma, acc);
                FloatVector qNew = FloatVector.fromArray(S, qAcc, row + j).add(vi)
                        .fma(h6v, FloatVector.fromArray(S, q, row + j));
                FloatVector.fromArray(S, vAcc, row + j).add(acc)
                        .fma(h6v, FloatVector.fromArray(S, v, row + j)).intoArray(v, row + j);
                qNew.intoArray(q, row + j);
                if (more) {
                    FloatVector arg = FloatVector.fromArray(S, sv, j).mul(qNew);
                    if (record) {
                        arg.intoArray(argStore, nr + j);
                    }
                    SimdMath.sinCore(arg).intoArray(uBuf, nr + j);
                }
            }
        }
    }

    /** u = sin(s∘q) for the part's rows into uBuf at {@code off} (and s∘q into argStore when recording). */
    private void sinesOfState(int b0, int b1, float[] uBuf, int off, boolean record) {
        for (int r = 0; r < b1 - b0; r++) {
            int row = (b0 + r) * ld;
            int ur = off + r * ld;
            for (int j = 0; j < ld; j += L) {
                FloatVector arg = FloatVector.fromArray(S, sv, j).mul(FloatVector.fromArray(S, q, row + j));
                if (record) {
                    arg.intoArray(argStore, ur + j);
                }
                SimdMath.sinCore(arg).intoArray(uBuf, ur + j);
            }
        }
    }

    /**
     * out[outOff] = coupling(w[wOff]) for {@code rows} rows of stride ld: w·J against the packed J
     * ({@link CouplingProduct}), or the ring's neighbour sum {@code cl_i w_{i−1} + cr_i w_{i+1}}.
     */
    private void couple(int rows, OscillatorParams p, float[] w, int wOff, float[] out, int outOff) {
        if (dense) {
            CouplingProduct.multiply(rows, n, ld, w, wOff, jPacked, out, outOff);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int wr = wOff + r * ld;
            int or = outOff + r * ld;
            // interior: both neighbours in the row without wrapping
            int j = 1;
            for (; j + L <= n - 1; j += L) {
                FloatVector left = FloatVector.fromArray(S, w, wr + j - 1);
                FloatVector right = FloatVector.fromArray(S, w, wr + j + 1);
                left.mul(FloatVector.fromArray(S, cl, j))
                        .add(right.mul(FloatVector.fromArray(S, cr, j)))
                        .intoArray(out, or + j);
            }
            for (; j < n - 1; j++) {
                out[or + j] = cl[j] * w[wr + j - 1] + cr[j] * w[wr + j + 1];
            }
            out[or] = cl[0] * w[wr + n - 1] + cr[0] * w[wr + (n > 1 ? 1 : 0)];
            if (n > 1) {
                out[or + n - 1] = cl[n - 1] * w[wr + n - 2] + cr[n - 1] * w[wr];
            }
        }
    }

    private void writeOutputs(int b0, int b1, float[] qOut, float[] qDotOut) {
        for (int r = b0; r < b1; r++) {
            if (qOut != null) {
                System.arraycopy(q, r * ld, qOut, r * n, n);
            }
            if (qDotOut != null) {
                System.arraycopy(v, r * ld, qDotOut, r * n, n);
            }
        }
    }

    private void backwardPart(int b0, int b1, OscillatorParams p, float[] gQ, float[] gQDot) {
        final int rows = b1 - b0;
        final int row0 = b0 * ld;
        final float h = spec.dt();
        float[] lamQ = lq, lamV = lv, nextQ = lq2, nextV = lv2;
        for (int r = b0; r < b1; r++) {
            int row = r * ld;
            System.arraycopy(gQ, r * n, lamQ, row, n);
            Arrays.fill(lamQ, row + n, row + ld, 0f);
            if (gQDot != null) {
                System.arraycopy(gQDot, r * n, lamV, row, n);
                Arrays.fill(lamV, row + n, row + ld, 0f);
            } else {
                Arrays.fill(lamV, row, row + ld, 0f);
            }
        }
        for (int step = spec.steps() - 1; step >= 0; step--) {
            adjointStart(row0, rows, slot(4 * step + 3, b0, b1), lamQ, lamV, h / 6f, p.gamma);
            for (int st = 3; st >= 0; st--) {
                int off = slot(4 * step + st, b0, b1);
                couple(rows, p, aStore, off, g, row0);
                scaledCosines(off, rows);
                int prev = st > 0 ? slot(4 * step + st - 1, b0, b1) : -1;
                adjointStage(row0, rows, off, prev, st == 3, st == 3 ? h : 0.5f * h, st - 1 == 0 ? h / 6f : h / 3f,
                        p.gamma, lamQ, lamV, nextQ, nextV);
            }
            float[] t = lamQ;
            lamQ = nextQ;
            nextQ = t;
            t = lamV;
            lamV = nextV;
            nextV = t;
        }
        // the final λq lives in lq when the step count is even, else in lq2
    }

    /**
     * Turns the stored sine arguments of one stage slot into {@code s∘cos(s∘Q)}, in place (each slot
     * is read once by the reverse pass). Its own loop: with the cosine inlined into the fused
     * {@link #adjointStage} loop, C2's inlining budget runs out.
     */
    private void scaledCosines(int off, int rows) {
        for (int r = 0; r < rows; r++) {
            int row = off + r * ld;
            for (int j = 0; j < ld; j += L) {
                FloatVector.fromArray(S, sv, j).mul(SimdMath.cosCore(FloatVector.fromArray(S, argStore, row + j)))
                        .intoArray(argStore, row + j);
            }
        }
    }

    /** Stage 4's adjoints: ā4 = h/6 λv (into aStore[a4]), V̄4 = h/6 λq − γ ā4. */
    private void adjointStart(int row0, int rows, int a4, float[] lamQ, float[] lamV, float h6, float gamma) {
        final FloatVector h6v = FloatVector.broadcast(S, h6);
        final FloatVector negGamma = FloatVector.broadcast(S, -gamma);
        for (int r = 0; r < rows; r++) {
            int row = row0 + r * ld;
            int ar = a4 + r * ld;
            for (int j = 0; j < ld; j += L) {
                FloatVector ab = FloatVector.fromArray(S, lamV, row + j).mul(h6v);
                ab.intoArray(aStore, ar + j);
                ab.fma(negGamma, FloatVector.fromArray(S, lamQ, row + j).mul(h6v)).intoArray(vBar, row + j);
            }
        }
    }

    /**
     * One stage of the reverse pass after the product g = coupling(ā) and {@link #scaledCosines}:
     * Q̄ = s∘cos(s∘Q)∘(g − d∘ā),
     * the step's new adjoints {@code next (+)= (Q̄, V̄)}, and unless prev is negative the previous
     * stage's {@code ā = w λv + c V̄} (into aStore[prev]) and {@code V̄ = w λq + c Q̄ − γ ā}.
     */
    private void adjointStage(int row0, int rows, int off, int prev, boolean first, float c, float w, float gamma,
                              float[] lamQ, float[] lamV, float[] nextQ, float[] nextV) {
        final FloatVector cv = FloatVector.broadcast(S, c);
        final FloatVector wv = FloatVector.broadcast(S, w);
        final FloatVector negGamma = FloatVector.broadcast(S, -gamma);
        for (int r = 0; r < rows; r++) {
            int row = row0 + r * ld;
            int sr = off + r * ld;
            int pr = prev + r * ld;
            for (int j = 0; j < ld; j += L) {
                FloatVector ab = FloatVector.fromArray(S, aStore, sr + j);
                FloatVector qBar = ab.fma(FloatVector.fromArray(S, nd, j), FloatVector.fromArray(S, g, row + j))
                        .mul(FloatVector.fromArray(S, argStore, sr + j));
                FloatVector vb = FloatVector.fromArray(S, vBar, row + j);
                FloatVector lqv = FloatVector.fromArray(S, lamQ, row + j);
                FloatVector lvv = FloatVector.fromArray(S, lamV, row + j);
                if (first) {
                    lqv.add(qBar).intoArray(nextQ, row + j);
                    lvv.add(vb).intoArray(nextV, row + j);
                } else {
                    FloatVector.fromArray(S, nextQ, row + j).add(qBar).intoArray(nextQ, row + j);
                    FloatVector.fromArray(S, nextV, row + j).add(vb).intoArray(nextV, row + j);
                }
                if (prev >= 0) {
                    FloatVector aPrev = vb.fma(cv, lvv.mul(wv));
                    aPrev.intoArray(aStore, pr + j);
                    aPrev.fma(negGamma, qBar.fma(cv, lqv.mul(wv))).intoArray(vBar, row + j);
                }
            }
        }
    }

    private float[] finalLambdaQ() {
        return spec.steps() % 2 == 0 ? lq : lq2;
    }

    /** gX and this part's partial parameter gradients. */
    private void finishPart(int part, int b0, int b1, float[] x, float[] gX, boolean paramGrads) {
        final float[] lamQ = finalLambdaQ();
        final int rows = b1 - b0;
        if (gX != null) {
            for (int r = b0; r < b1; r++) {
                int row = r * ld;
                int xr = r * n;
                for (int i = 0; i < n; i++) {
                    gX[xr + i] = av[i] * lamQ[row + i];
                }
            }
        }
        if (!paramGrads) {
            return;
        }
        float[] ga = gaPart[part];
        Arrays.fill(ga, 0f);
        for (int r = b0; r < b1; r++) {
            int row = r * ld;
            int xr = r * n;
            for (int i = 0; i < n; i++) {
                ga[i] += x[xr + i] * lamQ[row + i];
            }
        }
        int region = slot(0, b0, b1);
        int stored = spec.stages() * rows;
        GEMM.columnSums(stored, ld, aStore, region, ld, gePart[part], 0);
        if (dense) {
            GEMM.gemm(true, false, n, ld, stored, 1f, aStore, region, ld, uStore, region, ld, 0f, mPart[part], 0, ld);
        } else {
            ringPartials(stored, region, gcPart[part], gkPart[part]);
        }
    }

    /** Ring: this part's Σ (ā_l − ā_{l+1})(u_{l+1} − u_l) per link and −Σ ā∘u per oscillator. */
    private void ringPartials(int stored, int region, float[] gc, float[] gk) {
        int links = Topology.ringLinks(n);
        Arrays.fill(gc, 0f);
        Arrays.fill(gk, 0f);
        for (int r = 0; r < stored; r++) {
            int row = region + r * ld;
            for (int l = 0; l < links; l++) {
                int j = l == n - 1 ? 0 : l + 1;
                gc[l] += (aStore[row + l] - aStore[row + j]) * (uStore[row + j] - uStore[row + l]);
            }
            for (int i = 0; i < n; i++) {
                gk[i] -= aStore[row + i] * uStore[row + i];
            }
        }
    }
}
