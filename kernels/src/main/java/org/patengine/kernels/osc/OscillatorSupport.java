package org.patengine.kernels.osc;

/**
 * What every oscillator kernel shares besides the argument checks of {@link OscillatorKernel}: the
 * initial-phase and divergence rules, the per-call diagonal d and ring links, and the symmetric
 * coupling gradient. Public for the backends' kernels in the simd and opencl packages.
 */
public final class OscillatorSupport {
    /**
     * The largest sine argument |s_i q_i| (radians, about 1300 turns) the kernels accept, at t = 0
     * and at t = T: within it the float sines are accurate to about an ulp
     * ({@link org.patengine.kernels.simd.SimdMath#LIMIT}); a state beyond it means the simulation
     * has run away.
     */
    public static final float MAX_PHASE = 8192f;

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

    public static void checkState(float[] q, float[] v, int batch, int n, OscillatorSpec spec, float[] s) {
        checkState(q, v, batch, n, n, spec, s);
    }

    /**
     * Throws {@link ArithmeticException} naming the sample and oscillator of the first final state
     * that is not finite or whose angle |s_i q_i| exceeds {@link #MAX_PHASE}; rows of stride ld.
     */
    public static void checkState(float[] q, float[] v, int batch, int n, int ld, OscillatorSpec spec, float[] s) {
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
    public static void prepare(OscillatorSpec spec, OscillatorParams p, float[] d, float[] cl, float[] cr) {
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
    public static void symmetricGradient(int n, float[] m, float[] gCoupling, float[] gk) {
        symmetricGradient(n, m, n, gCoupling, gk);
    }

    /** As above with m stored with row stride {@code ldm}. */
    public static void symmetricGradient(int n, float[] m, int ldm, float[] gCoupling, float[] gk) {
        for (int i = 0; i < n; i++) {
            gCoupling[i * n + i] = 0f;
            if (gk != null) {
                gk[i] = -m[i * ldm + i];
            }
        }
        // tile by tile over the upper triangle, each mirrored into the lower one: the column reads of m and
        // writes of g stay within a tile (in L1) instead of striding through the whole matrix per row
        final int tile = 32;
        for (int i0 = 0; i0 < n; i0 += tile) {
            int i1 = Math.min(n, i0 + tile);
            for (int j0 = i0; j0 < n; j0 += tile) {
                int j1 = Math.min(n, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    float mii = m[i * ldm + i];
                    for (int j = Math.max(j0, i + 1); j < j1; j++) {
                        float g = (m[i * ldm + j] + m[j * ldm + i]) - (mii + m[j * ldm + j]);
                        gCoupling[i * n + j] = g;
                        gCoupling[j * n + i] = g;
                    }
                }
            }
        }
    }
}
