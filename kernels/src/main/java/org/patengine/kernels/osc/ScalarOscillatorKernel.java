package org.patengine.kernels.osc;

import org.patengine.kernels.BackendKind;
import org.patengine.kernels.ScalarBackend;

/**
 * The reference {@link OscillatorKernel}: plain loops over the whole batch, the all-to-all coupling
 * through {@link ScalarBackend#gemm}. Every other implementation is tested against this one.
 *
 * <p>RK4 on (q, v = q̇) with step h, acceleration {@code A(Q, V) = coupling(u) − d∘u + e − γV},
 * {@code u = sin(s∘Q)} (see {@link OscillatorSupport#prepare} for d):
 * <pre>
 *   stage 1: (Q1, V1) = (q, v)
 *   stage i+1: Q = q + c_i h V_i,  V = v + c_i h A_i     (c = ½, ½, 1)
 *   q ← q + h/6 (V1 + 2V2 + 2V3 + V4),  v ← v + h/6 (A1 + 2A2 + 2A3 + A4)
 * </pre>
 * The VJP walks the steps backwards with adjoints (λq, λv), stage 4 to 1:
 * <pre>
 *   ā4 = h/6 λv,              V̄4 = h/6 λq − γ ā4
 *   Q̄i = s∘cos(s∘Q_i) ∘ (coupling(ā_i) − d∘ā_i)          (the coupling operator is symmetric)
 *   ā_{i−1} = w_{i−1} λv + c h V̄_i,   V̄_{i−1} = w_{i−1} λq + c h Q̄_i − γ ā_{i−1}
 *   λq ← λq + Σ Q̄i,   λv ← λv + Σ V̄i
 * </pre>
 * with weights w = h/6, h/3, h/3, h/6. Parameter gradients come from the stored stage adjoints ā and
 * sines u: with {@code M = Σ_{stages, batch} āᵀu}, ∂L/∂e = Σ ā, ∂L/∂k = −diag(M) and
 * ∂L/∂θ_ij = M_ij + M_ji − M_ii − M_jj (all-to-all, one product of the stacked stores); at t = 0,
 * gX = a∘λq and ∂L/∂a = Σ_b x∘λq.
 *
 * <p>Memory: the sines, the cosines and the adjoints of all 4·Nt stages are stored,
 * 3·4·Nt·maxBatch·n floats, allocated on the first {@link #vjp} call (forward alone needs only
 * O(maxBatch·n)).
 */
public final class ScalarOscillatorKernel extends OscillatorKernel {
    private final OscillatorSpec spec;
    private final int maxBatch;
    private final int n;
    private final ScalarBackend blas = new ScalarBackend();

    // (maxBatch, n) row-major each
    private final float[] q, v, vStage, qAcc, vAcc, u, g;
    private final float[] lq, lv, lq2, lv2, vBar;
    // (n)
    private final float[] d, cl, cr;
    // (4·steps, batch, n): sines, cosines, stage adjoints; allocated on first vjp
    private float[] uStore, csStore, aStore;
    private final float[] m; // (n, n) for all-to-all, else empty

    public ScalarOscillatorKernel(OscillatorSpec spec, int maxBatch) {
        super(spec, maxBatch);
        this.spec = spec;
        this.maxBatch = maxBatch;
        this.n = spec.n();
        int size = Math.multiplyExact(maxBatch, n);
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
        d = new float[n];
        cl = new float[n];
        cr = new float[n];
        m = new float[spec.topology() == Topology.ALL_TO_ALL ? n * n : 0];
    }

    @Override
    public BackendKind kind() {
        return BackendKind.SCALAR;
    }

    @Override
    protected void doForward(int batch, OscillatorParams p, float[] x, float[] qOut, float[] qDotOut) {
        OscillatorSupport.prepare(spec, p, d, cl, cr);
        integrate(batch, p, x, false);
        finish(batch, p, qOut, qDotOut);
    }

    @Override
    protected void doVjp(int batch, OscillatorParams p, float[] x, float[] gQ, float[] gQDot,
                         float[] gX, OscillatorGradients grads, float[] qOut, float[] qDotOut) {
        if (uStore == null) {
            int store = Math.multiplyExact(spec.stages(), maxBatch * n);
            uStore = new float[store];
            csStore = new float[store];
            aStore = new float[store];
        }
        OscillatorSupport.prepare(spec, p, d, cl, cr);
        integrate(batch, p, x, true);
        finish(batch, p, qOut, qDotOut);
        backward(batch, p, x, gQ, gQDot, gX, grads);
    }


    private void finish(int batch, OscillatorParams p, float[] qOut, float[] qDotOut) {
        OscillatorSupport.checkState(q, v, batch, n, spec, p.s);
        if (qOut != null) {
            System.arraycopy(q, 0, qOut, 0, batch * n);
        }
        if (qDotOut != null) {
            System.arraycopy(v, 0, qDotOut, 0, batch * n);
        }
    }

    /** Offset of stage slot {@code sl} in the stores: slot-major, (batch, n) per slot. */
    private int slot(int sl, int batch) {
        return sl * batch * n;
    }

    /** The forward RK4; when recording, the sines, s·cos and slots go to the stores. */
    private void integrate(int batch, OscillatorParams p, float[] x, boolean record) {
        final float h = spec.dt();
        final float h6 = h / 6f;
        final float gamma = p.gamma;
        final float[] s = p.s, e = p.e, a = p.a;
        final int len = batch * n;
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                int idx = b * n + i;
                q[idx] = a[i] * x[idx];
                v[idx] = 0f;
            }
        }
        float[] uBuf = record ? uStore : u;
        sines(batch, s, q, uBuf, record ? 0 : 0, record ? csStore : null);
        for (int step = 0; step < spec.steps(); step++) {
            System.arraycopy(v, 0, vStage, 0, len);
            for (int st = 0; st < 4; st++) {
                int uOff = record ? slot(4 * step + st, batch) : 0;
                couple(batch, p, uBuf, uOff, g);
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < n; i++) {
                        int idx = b * n + i;
                        float ui = uBuf[uOff + idx];
                        float vi = vStage[idx];
                        float acc = g[idx] - d[i] * ui + e[i] - gamma * vi;
                        if (st == 0) {
                            qAcc[idx] = vi;
                            vAcc[idx] = acc;
                        } else if (st < 3) {
                            qAcc[idx] += 2f * vi;
                            vAcc[idx] += 2f * acc;
                        }
                        if (st < 3) {
                            float c = st < 2 ? 0.5f * h : h;
                            float qNext = q[idx] + c * vi;
                            vStage[idx] = v[idx] + c * acc;
                            // stage input Q is only needed through its sine (and cosine)
                            int nextOff = record ? slot(4 * step + st + 1, batch) : 0;
                            float sq = s[i] * qNext;
                            uBuf[nextOff + idx] = (float) Math.sin(sq);
                            if (record) {
                                csStore[nextOff + idx] = (float) Math.cos(sq);
                            }
                        } else {
                            q[idx] = q[idx] + h6 * (qAcc[idx] + vi);
                            v[idx] = v[idx] + h6 * (vAcc[idx] + acc);
                        }
                    }
                }
            }
            if (step + 1 < spec.steps()) {
                sines(batch, s, q, uBuf, record ? slot(4 * (step + 1), batch) : 0, record ? csStore : null);
            }
        }
    }

    /** u[off + ·] = sin(s∘q) and, when cs is not null, cs[off + ·] = cos(s∘q). */
    private void sines(int batch, float[] s, float[] qs, float[] uBuf, int off, float[] cs) {
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                int idx = b * n + i;
                float sq = s[i] * qs[idx];
                uBuf[off + idx] = (float) Math.sin(sq);
                if (cs != null) {
                    cs[off + idx] = (float) Math.cos(sq);
                }
            }
        }
    }

    /** out = coupling(w) for the (batch, n) block at w[off]: w·J, or the ring's neighbour sum. */
    private void couple(int batch, OscillatorParams p, float[] w, int off, float[] out) {
        if (spec.topology() == Topology.ALL_TO_ALL) {
            blas.gemm(false, false, batch, n, n, 1f, w, off, n, p.coupling, 0, n, 0f, out, 0, n);
            return;
        }
        for (int b = 0; b < batch; b++) {
            int row = off + b * n;
            for (int i = 0; i < n; i++) {
                float left = w[row + (i == 0 ? n - 1 : i - 1)];
                float right = w[row + (i == n - 1 ? 0 : i + 1)];
                out[b * n + i] = cl[i] * left + cr[i] * right;
            }
        }
    }

    private void backward(int batch, OscillatorParams p, float[] x, float[] gQ, float[] gQDot,
                          float[] gX, OscillatorGradients grads) {
        final float h = spec.dt();
        final float h6 = h / 6f;
        final float h3 = h / 3f;
        final float gamma = p.gamma;
        final int len = batch * n;
        float[] lamQ = lq, lamV = lv, nextQ = lq2, nextV = lv2;
        System.arraycopy(gQ, 0, lamQ, 0, len);
        if (gQDot != null) {
            System.arraycopy(gQDot, 0, lamV, 0, len);
        } else {
            java.util.Arrays.fill(lamV, 0, len, 0f);
        }
        for (int step = spec.steps() - 1; step >= 0; step--) {
            int a4 = slot(4 * step + 3, batch);
            for (int idx = 0; idx < len; idx++) {
                float ab = h6 * lamV[idx];
                aStore[a4 + idx] = ab;
                vBar[idx] = h6 * lamQ[idx] - gamma * ab;
            }
            for (int st = 3; st >= 0; st--) {
                int off = slot(4 * step + st, batch);
                couple(batch, p, aStore, off, g);
                int prev = st > 0 ? slot(4 * step + st - 1, batch) : 0;
                float c = st == 3 ? h : 0.5f * h;
                float w = st - 1 == 0 ? h6 : h3;
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < n; i++) {
                        int idx = b * n + i;
                        float ab = aStore[off + idx];
                        float qBar = (csStore[off + idx] * p.s[i]) * (g[idx] - d[i] * ab);
                        float vb = vBar[idx];
                        if (st == 3) {
                            nextQ[idx] = lamQ[idx] + qBar;
                            nextV[idx] = lamV[idx] + vb;
                        } else {
                            nextQ[idx] += qBar;
                            nextV[idx] += vb;
                        }
                        if (st > 0) {
                            float aPrev = w * lamV[idx] + c * vb;
                            aStore[prev + idx] = aPrev;
                            vBar[idx] = w * lamQ[idx] + c * qBar - gamma * aPrev;
                        }
                    }
                }
            }
            float[] t = lamQ;
            lamQ = nextQ;
            nextQ = t;
            t = lamV;
            lamV = nextV;
            nextV = t;
        }
        // t = 0: q(0) = a∘x, q̇(0) = 0
        if (gX != null) {
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < n; i++) {
                    gX[b * n + i] = p.a[i] * lamQ[b * n + i];
                }
            }
        }
        if (grads == null) {
            return;
        }
        for (int i = 0; i < n; i++) {
            float ga = 0f;
            for (int b = 0; b < batch; b++) {
                ga += x[b * n + i] * lamQ[b * n + i];
            }
            grads.a[i] = ga;
        }
        int rows = spec.stages() * batch;
        blas.columnSums(rows, n, aStore, 0, n, grads.e, 0);
        if (spec.topology() == Topology.ALL_TO_ALL) {
            blas.gemm(true, false, n, n, rows, 1f, aStore, 0, n, uStore, 0, n, 0f, m, 0, n);
            OscillatorSupport.symmetricGradient(n, m, grads.coupling, grads.k);
        } else {
            ringGradients(rows, grads);
        }
    }

    /** Ring: ∂L/∂c_l = Σ (ā_l − ā_{l+1})(u_{l+1} − u_l), ∂L/∂k = −Σ ā∘u over all stored rows. */
    private void ringGradients(int rows, OscillatorGradients grads) {
        int links = Topology.ringLinks(n);
        java.util.Arrays.fill(grads.coupling, 0f);
        java.util.Arrays.fill(grads.k, 0f);
        for (int r = 0; r < rows; r++) {
            int row = r * n;
            for (int l = 0; l < links; l++) {
                int j = l == n - 1 ? 0 : l + 1;
                grads.coupling[l] += (aStore[row + l] - aStore[row + j]) * (uStore[row + j] - uStore[row + l]);
            }
            for (int i = 0; i < n; i++) {
                grads.k[i] -= aStore[row + i] * uStore[row + i];
            }
        }
    }
}
