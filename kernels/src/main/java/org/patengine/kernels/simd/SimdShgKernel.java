package org.patengine.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import org.patengine.kernels.BackendKind;
import org.patengine.kernels.shg.ScalarShgKernel;
import org.patengine.kernels.shg.ShgKernel;
import org.patengine.kernels.shg.ShgParams;
import org.patengine.kernels.shg.ShgSpec;

/**
 * The Vector API {@link ShgKernel}: the map of {@link ScalarShgKernel} (equations in
 * {@link ShgKernel}), vectorised along the channel axis:
 * <pre>
 *   B_i   = Σ_{j=0}^{J} T_{j,i} m_{i+j} m_{i−j},      T_{0,i} = c_{i,0},  T_{j,i} = 2 c_{i,j} (j ≥ 1)
 *   gm_p  = Σ_{d=−J}^{J} (1 + [d = 0]) (U_{p+d} Re T_{|d|,p+d} + V_{p+d} Im T_{|d|,p+d}) m_{p+2d}
 * </pre>
 * with J = ⌊(N−1)/2⌋, U = 2 gI Re B, V = 2 gI Im B, gI = Rᵀ gY (the gather form of the VJP: each
 * output channel sums its own terms, so nothing is scattered).
 *
 * <ul>
 *   <li>Per call the pair table is copied once, transposed to T (J+1, ldT) with the half-separation
 *       j as the row and the centre i along it, zero off the grid and in wide zero margins; m is
 *       copied into rows with zero margins of 2J on both sides. Then for a block of L centres (or
 *       outputs) and a fixed j (or d) every operand is one contiguous vector load: no reversed
 *       loads, no masks, no horizontal sums, and the garbage the caller may keep off the grid is
 *       never read.</li>
 *   <li>Two samples go through each block together: they share the table's loads (the table, not m,
 *       is what streams from cache at large N) and give the FMA chains independent work.</li>
 *   <li>A real field ({@link ShgParams#complexField} false) runs loops without the imaginary part.</li>
 *   <li>The readout {@code y = I Rᵀ} and {@code gI = gY R} are products over the part's samples
 *       ({@link SimdGemm}, single-threaded inside a part).</li>
 *   <li>The batch is split over the threads of a {@link WorkerPool} for the whole call.</li>
 * </ul>
 *
 * <p>Memory: the tables 2·(J+1)·(ldN + 2J), m with margins maxBatch·(ldN + 4J), B, I and gI
 * 4·maxBatch·ldN floats (ldN = N rounded up to the vector length), per thread two samples' U, V and
 * gm; all allocated at construction. Allocates nothing per call.
 */
public final class SimdShgKernel extends ShgKernel {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();
    /** Below this much work per call the batch is not split. */
    static final long PARALLEL_MIN_FLOPS = 1L << 21;

    private static final class SharedPool {
        static final WorkerPool POOL = create();

        static WorkerPool create() {
            int threads = Integer.getInteger(SimdBackend.THREADS_PROPERTY, Runtime.getRuntime().availableProcessors());
            return threads > 1 ? new WorkerPool(threads, "pat-shg") : null;
        }
    }

    private final ShgSpec spec;
    private final int n, bins;
    /** N rounded up to whole vectors: the row stride of B, I, gI. */
    private final int ldN;
    /** J, the largest half-separation on the grid. */
    private final int half;
    /** T's row stride ldN + 2J; centre i sits at column J + i. */
    private final int ldT;
    /** The padded m's row stride ldN + 4J; channel t sits at column 2J + t. */
    private final int ldM;
    private final int blocks;
    /** Per block of L centres: the largest j on the grid of any of its channels. */
    private final int[] reach;
    /** Per block of L outputs: the range of d with a term for some of its channels. */
    private final int[] dLo, dHi;
    private final WorkerPool pool;
    private final int maxParts;
    private final Task task = new Task();

    // (J+1, ldT): T = the pair table transposed, doubled for j ≥ 1, zero off the grid
    private final float[] tRe, tIm;
    // (maxBatch, ldM): m with zero margins
    private final float[] mPad;
    // (maxBatch, ldN), zero padding columns: Re B, Im B, I, gI
    private final float[] bRe, bIm, inten, gI;
    // per part (2, ldT): U, V of a pair of samples at column J + i, zero margins; (2, ldN): their gm
    private final float[][] uPart, vPart, gPart;

    /** A kernel that splits large batches over the shared pool ({@code pat.threads} threads). */
    public SimdShgKernel(ShgSpec spec, int maxBatch) {
        this(spec, maxBatch, SharedPool.POOL);
    }

    /** A kernel that splits large batches over {@code pool} (null: single-threaded). */
    public SimdShgKernel(ShgSpec spec, int maxBatch, WorkerPool pool) {
        super(spec, maxBatch);
        this.spec = spec;
        JitFlags.warnOnceIfMissing();
        this.n = spec.channels();
        this.bins = spec.bins();
        this.ldN = (n + L - 1) / L * L;
        this.half = (n - 1) / 2;
        this.ldT = ldN + 2 * half;
        this.ldM = ldN + 4 * half;
        this.blocks = ldN / L;
        this.pool = pool;
        this.maxParts = pool == null ? 1 : Math.min(pool.threads(), maxBatch);
        reach = new int[blocks];
        dLo = new int[blocks];
        dHi = new int[blocks];
        for (int blk = 0; blk < blocks; blk++) {
            int first = blk * L;
            int last = Math.min(first + L, n) - 1;
            int r = 0;
            for (int i = first; i <= last; i++) {
                r = Math.max(r, Math.min(i, n - 1 - i));
            }
            reach[blk] = r;
            // output p has the terms d with p + 2d on the grid (then p + d and |d| are too)
            dLo[blk] = -Math.min(half, last / 2);
            dHi[blk] = Math.min(half, (n - 1 - first) / 2);
        }
        int table = Math.multiplyExact(half + 1, ldT);
        tRe = new float[table];
        tIm = new float[table];
        mPad = new float[Math.multiplyExact(maxBatch, ldM)];
        int rows = Math.multiplyExact(maxBatch, ldN);
        bRe = new float[rows];
        bIm = new float[rows];
        inten = new float[rows];
        gI = new float[rows];
        uPart = new float[maxParts][2 * ldT];
        vPart = new float[maxParts][2 * ldT];
        gPart = new float[maxParts][2 * ldN];
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
    protected void doForward(int batch, ShgParams p, float[] m, float[] y, float[] aux) {
        prepare(p);
        run(batch, p, m, null, null, y, false);
    }

    @Override
    protected void doVjp(int batch, ShgParams p, float[] m, float[] gY, float[] gAux, float[] gM, Void grads,
                         float[] y, float[] aux) {
        prepare(p);
        run(batch, p, m, gY, gM, y, true);
    }

    /** T from the pair table: only the on-grid entries are written, the rest stays zero. */
    private void prepare(ShgParams p) {
        final float[] cr = p.pairRe, ci = p.pairIm;
        final boolean cx = p.complexField;
        for (int j = 0; j <= half; j++) {
            float w = j == 0 ? 1f : 2f; // exact: a power of two
            int row = j * ldT + half;
            for (int i = j; i < n - j; i++) {
                tRe[row + i] = w * cr[i * n + j];
                if (cx) {
                    tIm[row + i] = w * ci[i * n + j];
                }
            }
        }
    }

    private void run(int batch, ShgParams p, float[] m, float[] gY, float[] gM, float[] y, boolean vjp) {
        boolean cx = p.complexField;
        long flops = (long) batch * (spec.forwardFlopsPerSample(cx) + (vjp ? spec.vjpFlopsPerSample(cx) : 0));
        int parts = flops >= PARALLEL_MIN_FLOPS ? Math.min(maxParts, batch) : 1;
        task.set(batch, p.readout, cx, m, gY, gM, y);
        try {
            if (parts > 1 && pool.tryAcquire()) {
                try {
                    pool.invoke(task, parts);
                } finally {
                    pool.release();
                }
            } else {
                task.run(0, 1);
            }
        } finally {
            task.clear();
        }
    }

    /** One call's arguments, reused; part {@code p} computes rows [batch·p/parts, batch·(p+1)/parts). */
    private final class Task implements WorkerPool.Task {
        int batch;
        float[] readout, m, gY, gM, y;
        boolean cx;

        void set(int batch, float[] readout, boolean cx, float[] m, float[] gY, float[] gM, float[] y) {
            this.batch = batch;
            this.readout = readout;
            this.cx = cx;
            this.m = m;
            this.gY = gY;
            this.gM = gM;
            this.y = y;
        }

        void clear() {
            readout = m = gY = gM = y = null;
        }

        @Override
        public void run(int part, int nParts) {
            int b0 = (int) ((long) batch * part / nParts);
            int b1 = (int) ((long) batch * (part + 1) / nParts);
            if (b0 < b1) {
                runPart(part, b0, b1, readout, cx, m, gY, gM, y);
            }
        }
    }

    private void runPart(int part, int b0, int b1, float[] r, boolean cx, float[] m, float[] gY, float[] gM,
                         float[] y) {
        final int rows = b1 - b0;
        for (int b = b0; b < b1; b++) {
            System.arraycopy(m, b * n, mPad, b * ldM + 2 * half, n);
        }
        for (int b = b0; b < b1; b += 2) {
            int b2 = b + 1 < b1 ? b + 1 : b; // an odd last sample runs as its own pair
            if (cx) {
                fieldComplex(b, b2);
            } else {
                fieldReal(b, b2);
            }
        }
        SimdGemm.Workspace ws = SimdGemm.workspace();
        if (y != null) {
            // y (rows, M) = I (rows, N) · Rᵀ
            SimdGemm.compute(ws, false, true, 0, rows, 0, bins, n, 1f, inten, b0 * ldN, ldN, r, 0, n,
                    0f, y, b0 * bins, bins);
        }
        if (gM == null) {
            return;
        }
        // gI (rows, N) = gY (rows, M) · R; its padding columns stay zero
        SimdGemm.compute(ws, false, false, 0, rows, 0, n, bins, 1f, gY, b0 * bins, bins, r, 0, n,
                0f, gI, b0 * ldN, ldN);
        final float[] u = uPart[part], v = vPart[part], g = gPart[part];
        for (int b = b0; b < b1; b += 2) {
            boolean two = b + 1 < b1;
            int b2 = two ? b + 1 : b;
            weights(b, b2, u, v, cx);
            if (cx) {
                gatherComplex(b, b2, u, v, g);
            } else {
                gatherReal(b, b2, u, g);
            }
            System.arraycopy(g, 0, gM, b * n, n);
            if (two) {
                System.arraycopy(g, ldN, gM, b2 * n, n);
            }
        }
    }

    /*
     * The vector loops below each live in their own small method with no vector crossing a call:
     * a vector that reaches a call C2 declines to inline is boxed (an allocation per iteration).
     */

    /** B and I of samples s0 and s1 (possibly equal), complex table. */
    private void fieldComplex(int s0, int s1) {
        final int m0 = s0 * ldM + 2 * half, m1 = s1 * ldM + 2 * half;
        for (int blk = 0; blk < blocks; blk++) {
            final int i0 = blk * L;
            final int jEnd = reach[blk];
            FloatVector re0 = FloatVector.zero(S), im0 = re0, re1 = re0, im1 = re0;
            int t = half + i0;
            for (int j = 0; j <= jEnd; j++, t += ldT) {
                FloatVector cr = FloatVector.fromArray(S, tRe, t);
                FloatVector ci = FloatVector.fromArray(S, tIm, t);
                FloatVector p0 = FloatVector.fromArray(S, mPad, m0 + i0 + j).mul(FloatVector.fromArray(S, mPad, m0 + i0 - j));
                FloatVector p1 = FloatVector.fromArray(S, mPad, m1 + i0 + j).mul(FloatVector.fromArray(S, mPad, m1 + i0 - j));
                re0 = p0.fma(cr, re0);
                im0 = p0.fma(ci, im0);
                re1 = p1.fma(cr, re1);
                im1 = p1.fma(ci, im1);
            }
            int o0 = s0 * ldN + i0, o1 = s1 * ldN + i0;
            re0.intoArray(bRe, o0);
            im0.intoArray(bIm, o0);
            re0.mul(re0).add(im0.mul(im0)).intoArray(inten, o0);
            re1.intoArray(bRe, o1);
            im1.intoArray(bIm, o1);
            re1.mul(re1).add(im1.mul(im1)).intoArray(inten, o1);
        }
    }

    /** B and I of samples s0 and s1 (possibly equal), real table (Im B = 0). */
    private void fieldReal(int s0, int s1) {
        final int m0 = s0 * ldM + 2 * half, m1 = s1 * ldM + 2 * half;
        for (int blk = 0; blk < blocks; blk++) {
            final int i0 = blk * L;
            final int jEnd = reach[blk];
            FloatVector re0 = FloatVector.zero(S), re1 = re0;
            int t = half + i0;
            for (int j = 0; j <= jEnd; j++, t += ldT) {
                FloatVector cr = FloatVector.fromArray(S, tRe, t);
                FloatVector p0 = FloatVector.fromArray(S, mPad, m0 + i0 + j).mul(FloatVector.fromArray(S, mPad, m0 + i0 - j));
                FloatVector p1 = FloatVector.fromArray(S, mPad, m1 + i0 + j).mul(FloatVector.fromArray(S, mPad, m1 + i0 - j));
                re0 = p0.fma(cr, re0);
                re1 = p1.fma(cr, re1);
            }
            int o0 = s0 * ldN + i0, o1 = s1 * ldN + i0;
            re0.intoArray(bRe, o0);
            re0.mul(re0).intoArray(inten, o0);
            re1.intoArray(bRe, o1);
            re1.mul(re1).intoArray(inten, o1);
        }
    }

    /** U = 2 gI Re B (and V = 2 gI Im B) of samples s0, s1 into rows 0, 1 of u (v) at column J + i. */
    private void weights(int s0, int s1, float[] u, float[] v, boolean cx) {
        for (int k = 0; k < 2; k++) {
            int row = (k == 0 ? s0 : s1) * ldN;
            int out = k * ldT + half;
            for (int i = 0; i < ldN; i += L) {
                FloatVector g2 = FloatVector.fromArray(S, gI, row + i).mul(2f);
                g2.mul(FloatVector.fromArray(S, bRe, row + i)).intoArray(u, out + i);
                if (cx) {
                    g2.mul(FloatVector.fromArray(S, bIm, row + i)).intoArray(v, out + i);
                }
            }
        }
    }

    /** gm of the pair into rows 0, 1 of g (ldN each), complex table. */
    private void gatherComplex(int s0, int s1, float[] u, float[] v, float[] g) {
        final int m0 = s0 * ldM + 2 * half, m1 = s1 * ldM + 2 * half;
        final int u1 = ldT;
        for (int blk = 0; blk < blocks; blk++) {
            final int p0 = blk * L;
            // d = 0 counts twice: ∂(c m_p²)/∂m_p = 2 c m_p, where T_{0} holds c undoubled
            int c = half + p0;
            FloatVector cr = FloatVector.fromArray(S, tRe, c);
            FloatVector ci = FloatVector.fromArray(S, tIm, c);
            FloatVector w0 = FloatVector.fromArray(S, u, c).mul(cr).add(FloatVector.fromArray(S, v, c).mul(ci));
            FloatVector w1 = FloatVector.fromArray(S, u, u1 + c).mul(cr).add(FloatVector.fromArray(S, v, u1 + c).mul(ci));
            FloatVector g0 = w0.mul(FloatVector.fromArray(S, mPad, m0 + p0)).mul(2f);
            FloatVector g1 = w1.mul(FloatVector.fromArray(S, mPad, m1 + p0)).mul(2f);
            for (int d = dLo[blk]; d <= dHi[blk]; d++) {
                if (d == 0) {
                    continue;
                }
                int t = (d < 0 ? -d : d) * ldT + half + p0 + d;
                int ui = half + p0 + d;
                cr = FloatVector.fromArray(S, tRe, t);
                ci = FloatVector.fromArray(S, tIm, t);
                w0 = FloatVector.fromArray(S, u, ui).mul(cr).add(FloatVector.fromArray(S, v, ui).mul(ci));
                w1 = FloatVector.fromArray(S, u, u1 + ui).mul(cr).add(FloatVector.fromArray(S, v, u1 + ui).mul(ci));
                g0 = w0.fma(FloatVector.fromArray(S, mPad, m0 + p0 + 2 * d), g0);
                g1 = w1.fma(FloatVector.fromArray(S, mPad, m1 + p0 + 2 * d), g1);
            }
            g0.intoArray(g, p0);
            g1.intoArray(g, ldN + p0);
        }
    }

    /** gm of the pair into rows 0, 1 of g (ldN each), real table. */
    private void gatherReal(int s0, int s1, float[] u, float[] g) {
        final int m0 = s0 * ldM + 2 * half, m1 = s1 * ldM + 2 * half;
        final int u1 = ldT;
        for (int blk = 0; blk < blocks; blk++) {
            final int p0 = blk * L;
            int c = half + p0;
            FloatVector cr = FloatVector.fromArray(S, tRe, c);
            FloatVector g0 = FloatVector.fromArray(S, u, c).mul(cr).mul(FloatVector.fromArray(S, mPad, m0 + p0)).mul(2f);
            FloatVector g1 = FloatVector.fromArray(S, u, u1 + c).mul(cr).mul(FloatVector.fromArray(S, mPad, m1 + p0)).mul(2f);
            for (int d = dLo[blk]; d <= dHi[blk]; d++) {
                if (d == 0) {
                    continue;
                }
                int t = (d < 0 ? -d : d) * ldT + half + p0 + d;
                int ui = half + p0 + d;
                cr = FloatVector.fromArray(S, tRe, t);
                g0 = FloatVector.fromArray(S, u, ui).mul(cr).fma(FloatVector.fromArray(S, mPad, m0 + p0 + 2 * d), g0);
                g1 = FloatVector.fromArray(S, u, u1 + ui).mul(cr).fma(FloatVector.fromArray(S, mPad, m1 + p0 + 2 * d), g1);
            }
            g0.intoArray(g, p0);
            g1.intoArray(g, ldN + p0);
        }
    }
}
