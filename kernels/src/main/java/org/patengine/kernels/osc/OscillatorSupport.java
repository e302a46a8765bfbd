package org.patengine.kernels.osc;

/** Argument checks and per-call preparation shared by the oscillator kernels. */
final class OscillatorSupport {
    /**
     * The largest sine argument |s_i q_i| (radians, about 1300 turns) the kernels accept, at t = 0
     * and at t = T: within it the float sines are accurate to about an ulp
     * ({@link org.patengine.kernels.simd.SimdMath#LIMIT}); a state beyond it means the simulation
     * has run away.
     */
    static final float MAX_PHASE = 8192f;

    private OscillatorSupport() {
    }

    /** Checks that every initial angle |s_i a_i x_bi| is within {@link #MAX_PHASE}. */
    static void checkInitialPhase(float[] x, int batch, int n, OscillatorParams p) {
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                float phase = p.s[i] * (p.a[i] * x[b * n + i]);
                if (!(Math.abs(phase) <= MAX_PHASE)) {
                    throw new IllegalArgumentException("x[" + b + ", " + i + "] = " + x[b * n + i]
                            + ": the initial angle s·a·x = " + phase + " is beyond ±" + MAX_PHASE + " rad");
                }
            }
        }
    }

    /** Every argument check of {@link OscillatorKernel#forward}, shared by the implementations. */
    static void checkForward(OscillatorSpec spec, int maxBatch, int batch, OscillatorParams p, float[] x,
                             float[] qOut, float[] qDotOut) {
        int n = spec.n();
        checkBatch(batch, maxBatch);
        checkParams(spec, p);
        checkLength("x", x, batch, n, false);
        checkLength("q", qOut, batch, n, true);
        checkLength("qDot", qDotOut, batch, n, true);
        checkFinite("x", x, batch, n);
        checkInitialPhase(x, batch, n, p);
    }

    /** The extra checks of {@link OscillatorKernel#vjp}: the cotangents and gX. */
    static void checkCotangents(int batch, int n, float[] gQ, float[] gQDot, float[] gX) {
        checkLength("gQ", gQ, batch, n, false);
        checkLength("gQDot", gQDot, batch, n, true);
        checkLength("gX", gX, batch, n, true);
        checkFinite("gQ", gQ, batch, n);
        checkFinite("gQDot", gQDot, batch, n);
    }

    static void checkBatch(int batch, int maxBatch) {
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch = " + batch + ": expected 1.." + maxBatch
                    + " (the kernel's maxBatch)");
        }
    }

    static void checkParams(OscillatorSpec spec, OscillatorParams p) {
        if (p == null) {
            throw new NullPointerException("params is null");
        }
        if (!p.spec().equals(spec)) {
            throw new IllegalArgumentException("params were sized for " + p.spec() + ", the kernel for " + spec);
        }
        p.validate();
    }

    /** Checks that {@code a} holds a (batch, n) block; a null array is allowed when optional. */
    static void checkLength(String name, float[] a, int batch, int n, boolean optional) {
        if (a == null) {
            if (optional) {
                return;
            }
            throw new NullPointerException(name + " is null");
        }
        long need = (long) batch * n;
        if (a.length < need) {
            throw new IllegalArgumentException(name + " has length " + a.length + ": expected at least batch·n = "
                    + batch + "·" + n + " = " + need);
        }
    }

    /** Throws naming {@code name[b, i]} for the first non-finite value of a (batch, n) block. */
    static void checkFinite(String name, float[] a, int batch, int n) {
        if (a == null) {
            return;
        }
        int len = batch * n;
        for (int idx = 0; idx < len; idx++) {
            if (!Float.isFinite(a[idx])) {
                throw new IllegalArgumentException(name + "[" + idx / n + ", " + idx % n + "] = " + a[idx]
                        + ": expected a finite value");
            }
        }
    }

    static void checkState(float[] q, float[] v, int batch, int n, OscillatorSpec spec, float[] s) {
        checkState(q, v, batch, n, n, spec, s);
    }

    /**
     * Throws {@link ArithmeticException} naming the sample and oscillator of the first final state
     * that is not finite or whose angle |s_i q_i| exceeds {@link #MAX_PHASE}; rows of stride ld.
     */
    static void checkState(float[] q, float[] v, int batch, int n, int ld, OscillatorSpec spec, float[] s) {
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                float qi = q[b * ld + i];
                float vi = v[b * ld + i];
                if (!(Math.abs(s[i] * qi) <= MAX_PHASE)) {
                    throw diverged("q", b, i, qi, spec);
                }
                if (!Float.isFinite(vi)) {
                    throw diverged("qDot", b, i, vi, spec);
                }
            }
        }
    }

    private static ArithmeticException diverged(String what, int b, int i, float val, OscillatorSpec spec) {
        return new ArithmeticException("oscillator simulation diverged: " + what + "[" + b + ", " + i + "] = " + val
                + " after " + spec.steps() + " RK4 steps of dt = " + spec.dt()
                + " (a non-finite state or an angle beyond ±" + MAX_PHASE + " rad; reduce dt, the parameters or the inputs)");
    }

    /**
     * The per-oscillator diagonal {@code d_i = k_i + Σ_j J_ij} (all-to-all) or
     * {@code d_i = k_i + cl_i + cr_i} (ring), and for a ring the left/right link strengths: the
     * acceleration is then {@code coupling(u) − d∘u + e − γ q̇} with {@code u = sin(s∘q)} and
     * {@code coupling(u) = u·J} or {@code cl_i u_{i−1} + cr_i u_{i+1}}.
     */
    static void prepare(OscillatorSpec spec, OscillatorParams p, float[] d, float[] cl, float[] cr) {
        int n = spec.n();
        float[] c = p.coupling;
        if (spec.topology() == Topology.ALL_TO_ALL) {
            for (int i = 0; i < n; i++) {
                float r = 0f;
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    r += c[row + j];
                }
                d[i] = p.k[i] + r;
            }
        } else {
            int links = Topology.ringLinks(n);
            for (int i = 0; i < n; i++) {
                cr[i] = i < links ? c[i] : 0f;
                int left = i == 0 ? n - 1 : i - 1;
                cl[i] = left < links && n > 1 ? c[left] : 0f;
                d[i] = p.k[i] + (cl[i] + cr[i]);
            }
        }
    }

    /**
     * Turns {@code m = Σ āᵀ u} (n, n) into the symmetric coupling gradient
     * {@code g_ij = m_ij + m_ji − m_ii − m_jj} (zero diagonal) and {@code gk_i = −m_ii}.
     */
    static void symmetricGradient(int n, float[] m, float[] gCoupling, float[] gk) {
        symmetricGradient(n, m, n, gCoupling, gk);
    }

    /** As above with m stored with row stride {@code ldm}. */
    static void symmetricGradient(int n, float[] m, int ldm, float[] gCoupling, float[] gk) {
        for (int i = 0; i < n; i++) {
            float mii = m[i * ldm + i];
            gCoupling[i * n + i] = 0f;
            for (int j = i + 1; j < n; j++) {
                float g = (m[i * ldm + j] + m[j * ldm + i]) - (mii + m[j * ldm + j]);
                gCoupling[i * n + j] = g;
                gCoupling[j * n + i] = g;
            }
            if (gk != null) {
                gk[i] = -mii;
            }
        }
    }
}
