package org.patengine.kernels.osc;

/** Argument checks and per-call preparation shared by the oscillator kernels. */
final class OscillatorSupport {
    private OscillatorSupport() {
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

    /** Throws {@link ArithmeticException} naming the sample and oscillator of the first non-finite state. */
    static void checkState(String what, float[] a, int batch, int n, OscillatorSpec spec) {
        checkState(what, a, batch, n, n, spec);
    }

    /** As {@link #checkState(String, float[], int, int, OscillatorSpec)} for rows of stride ld. */
    static void checkState(String what, float[] a, int batch, int n, int ld, OscillatorSpec spec) {
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                float val = a[b * ld + i];
                if (!Float.isFinite(val)) {
                    throw new ArithmeticException("oscillator simulation diverged: " + what + "[" + b + ", " + i
                            + "] = " + val + " after " + spec.steps() + " RK4 steps of dt = " + spec.dt()
                            + " (reduce dt, the parameters or the inputs)");
                }
            }
        }
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
