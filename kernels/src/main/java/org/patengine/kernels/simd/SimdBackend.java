package org.patengine.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import org.patengine.kernels.BackendKind;
import org.patengine.kernels.Checks;
import org.patengine.kernels.ComputeBackend;

/**
 * The Vector API backend: {@link SimdGemm}'s register-blocked GEMM, split over a fixed
 * {@link WorkerPool} when the product is large enough to pay for the hand-off, and vectorised
 * elementwise operations with masked tails. Allocates nothing per call once C2 has compiled it.
 */
public final class SimdBackend implements ComputeBackend {
    /** Number of threads for large GEMMs; default: all available processors. */
    public static final String THREADS_PROPERTY = "pat.threads";
    /** Below this many flops a GEMM runs on the calling thread alone. */
    static final long PARALLEL_MIN_FLOPS = 1L << 21;

    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();

    private final WorkerPool pool;
    private final GemmTask gemmTask = new GemmTask();

    /** A backend using {@value #THREADS_PROPERTY} threads (default: every available processor). */
    public SimdBackend() {
        this(org.patengine.kernels.PatProperties.threads(Runtime.getRuntime().availableProcessors()));
    }

    /** A backend that splits large GEMMs over {@code threads} threads (1 = single-threaded). */
    public SimdBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        pool = threads > 1 ? new WorkerPool(threads, "pat-simd") : null;
        JitFlags.warnOnceIfMissing();
    }

    /** What the SIMD kernels will use here, e.g. "Vector API, 16 float lanes (512-bit)". */
    public static String describeSpecies() {
        return "Vector API, " + L + " float lanes (" + S.vectorBitSize() + "-bit)";
    }

    /** The number of threads a large GEMM is split over. */
    public int threads() {
        return pool == null ? 1 : pool.threads();
    }

    @Override
    public BackendKind kind() {
        return BackendKind.SIMD;
    }

    @Override
    public String description() {
        return describeSpecies() + ", " + threads() + " thread(s)";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        Checks.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            SimdGemm.scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        long flops = 2L * m * n * k;
        if (pool != null && flops >= PARALLEL_MIN_FLOPS && pool.tryAcquire()) {
            try {
                gemmTask.set(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                        pool.threads());
                pool.invoke(gemmTask, pool.threads());
            } finally {
                gemmTask.clear();
                pool.release();
            }
        } else {
            SimdGemm.compute(SimdGemm.workspace(), transA, transB, 0, m, 0, n, k, alpha,
                    a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * One GEMM split into bands of C, one per thread: rows in multiples of MR or columns in
     * multiples of NR, whichever {@link #splitByRows} estimates finishes sooner. Each part packs its
     * own panels.
     */
    private static final class GemmTask implements WorkerPool.Task {
        boolean transA, transB;
        int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
        float alpha, beta;
        float[] a, b, c;
        boolean byRows;

        void set(boolean transA, boolean transB, int m, int n, int k, float alpha,
                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                 float beta, float[] c, int cOff, int ldc, int parts) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.beta = beta;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.byRows = splitByRows(m, n, k, transB, parts);
        }

        void clear() {
            a = b = c = null;
        }

        @Override
        public void run(int part, int parts) {
            int i0 = 0, i1 = m, j0 = 0, j1 = n;
            if (byRows) {
                i0 = bandStart(m, SimdGemm.MR, part, parts);
                i1 = bandStart(m, SimdGemm.MR, part + 1, parts);
            } else {
                j0 = bandStart(n, SimdGemm.NR, part, parts);
                j1 = bandStart(n, SimdGemm.NR, part + 1, parts);
            }
            if (i0 < i1 && j0 < j1) {
                SimdGemm.compute(SimdGemm.workspace(), transA, transB, i0, i1, j0, j1, k, alpha,
                        a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            }
        }

        /**
         * Whether splitting C into row bands is cheaper than column bands. Each part packs its own
         * panels: a row band packs all of op(B) (a vector copy, or a transpose when transB) and its
         * rows of A; a column band packs all of A (a gather) and its columns of op(B). The estimate
         * is the slowest part's cycles: its flops at about 24 per cycle (MR × NR padding included)
         * plus about one cycle per gathered or transposed element and a quarter per copied one.
         */
        static boolean splitByRows(int m, int n, int k, boolean transB, int parts) {
            final double flopsPerCycle = 24, gather = 1, copy = 0.25;
            double packB = transB ? gather : copy;
            int rows = largestBand(m, SimdGemm.MR, parts);
            int cols = largestBand(n, SimdGemm.NR, parts);
            double byRows = 2.0 * rows * largestBand(n, SimdGemm.NR, 1) * k / flopsPerCycle
                    + (double) rows * k * gather + (double) k * n * packB;
            double byCols = 2.0 * largestBand(m, SimdGemm.MR, 1) * cols * k / flopsPerCycle
                    + (double) m * k * gather + (double) k * cols * packB;
            return byRows < byCols;
        }

        /** The widest of {@code parts} bands of {@code len} in whole units, padded to the unit. */
        private static int largestBand(int len, int unit, int parts) {
            int units = (len + unit - 1) / unit;
            return (units + parts - 1) / parts * unit;
        }

        /** Where part {@code part} starts when {@code len} is split in multiples of {@code unit}. */
        private static int bandStart(int len, int unit, int part, int parts) {
            int units = (len + unit - 1) / unit;
            return Math.min(len, (int) ((long) units * part / parts) * unit);
        }
    }

    @Override
    public void sin(int n, float[] x, int xOff, float[] y, int yOff) {
        Checks.range("sin x", x, xOff, n);
        Checks.range("sin y", y, yOff, n);
        sinLoop(n, x, xOff, y, yOff);
    }

    @Override
    public void cos(int n, float[] x, int xOff, float[] y, int yOff) {
        Checks.range("cos x", x, xOff, n);
        Checks.range("cos y", y, yOff, n);
        cosLoop(n, x, xOff, y, yOff);
    }

    // sin and cos get a loop each: one loop with both inlined exceeds C2's inlining budget and the
    // vectors of the loser get boxed. The tail goes lane by lane through the scalar twin of the
    // polynomial (bit-identical): a masked vector call there is too cold for C2 to inline, and its
    // boxed vectors allocated ~200 bytes per call at 16 lanes.
    private static void sinLoop(int n, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            SimdMath.sin(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = SimdMath.sin(x[xOff + i]);
        }
    }

    private static void cosLoop(int n, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            SimdMath.cos(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = SimdMath.cos(x[xOff + i]);
        }
    }

    @Override
    public void fma(int n, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        Checks.range("fma a", a, aOff, n);
        Checks.range("fma b", b, bOff, n);
        Checks.range("fma c", c, cOff, n);
        int i = 0;
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            FloatVector va = FloatVector.fromArray(S, a, aOff + i);
            FloatVector vb = FloatVector.fromArray(S, b, bOff + i);
            va.fma(vb, FloatVector.fromArray(S, c, cOff + i)).intoArray(c, cOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector va = FloatVector.fromArray(S, a, aOff + i, m);
            FloatVector vb = FloatVector.fromArray(S, b, bOff + i, m);
            va.fma(vb, FloatVector.fromArray(S, c, cOff + i, m)).intoArray(c, cOff + i, m);
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        Checks.range("axpy x", x, xOff, n);
        Checks.range("axpy y", y, yOff, n);
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            va.fma(FloatVector.fromArray(S, x, xOff + i), FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            va.fma(FloatVector.fromArray(S, x, xOff + i, m), FloatVector.fromArray(S, y, yOff + i, m))
                    .intoArray(y, yOff + i, m);
        }
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOff) {
        Checks.range("scale x", x, xOff, n);
        int i = 0;
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, m).mul(alpha).intoArray(x, xOff + i, m);
        }
    }

    @Override
    public float sum(int n, float[] x, int xOff) {
        Checks.range("sum x", x, xOff, n);
        // Two accumulators halve the dependency chain; float lanes keep the error ~ sqrt(n/L) ulp.
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int i = 0;
        int bound2 = n - n % (2 * L);
        for (; i < bound2; i += 2 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, xOff + i));
            s1 = s1.add(FloatVector.fromArray(S, x, xOff + i + L));
        }
        if (i + L <= n) {
            s0 = s0.add(FloatVector.fromArray(S, x, xOff + i));
            i += L;
        }
        if (i < n) {
            s1 = s1.add(FloatVector.fromArray(S, x, xOff + i, S.indexInRange(i, n)));
        }
        return SimdMath.sumLanes(s0.add(s1));
    }

    @Override
    public void columnSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        Checks.matrix("columnSums a", a, aOff, m, n, lda);
        Checks.range("columnSums out", out, outOff, n);
        int j = 0;
        int bound = S.loopBound(n);
        for (; j < bound; j += L) {
            FloatVector s = FloatVector.zero(S);
            for (int i = 0; i < m; i++) {
                s = s.add(FloatVector.fromArray(S, a, aOff + i * lda + j));
            }
            s.intoArray(out, outOff + j);
        }
        if (j < n) {
            VectorMask<Float> mask = S.indexInRange(j, n);
            FloatVector s = FloatVector.zero(S);
            for (int i = 0; i < m; i++) {
                s = s.add(FloatVector.fromArray(S, a, aOff + i * lda + j, mask));
            }
            s.intoArray(out, outOff + j, mask);
        }
    }
}
