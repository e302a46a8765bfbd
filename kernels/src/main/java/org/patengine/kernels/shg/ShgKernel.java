package org.patengine.kernels.shg;

import org.patengine.kernels.SystemKernel;

/**
 * Batched second-harmonic generation of a pulse-shaped broadband pulse and its exact
 * vector–Jacobian product: the SHG {@link SystemKernel}, x = m (batch, N) the shaper's modulation,
 * y (batch, M) the binned second-harmonic spectrum; no second output.
 *
 * <p>Equations ({@link ShgParams}): for each sample,
 * <pre>
 *   B_i = c_{i,0} m_i² + 2 Σ_{j≥1} c_{i,j} m_{i+j} m_{i−j},   I_i = |B_i|²,   y_k = Σ_i R_{k,i} I_i.
 * </pre>
 * VJP, with gI = Rᵀ gY and U_i = 2 gI_i Re B_i, V_i = 2 gI_i Im B_i (then, for every pair on the grid):
 * <pre>
 *   gm_i     += 2 (U_i Re c_{i,0} + V_i Im c_{i,0}) m_i
 *   t_{i,j}   = 2 (U_i Re c_{i,j} + V_i Im c_{i,j})           (j ≥ 1)
 *   gm_{i+j} += t_{i,j} m_{i−j},   gm_{i−j} += t_{i,j} m_{i+j}
 * </pre>
 * that is {@code gm_p = Σ_i 4 gI_i Re(conj(B_i) c_{i,|p−i|}) m_{2i−p}}; for a real field and c = A A
 * this is the paper's correlation {@code ∂I_i/∂A_p = 4 B_i A_{2i−p}}.
 *
 * <p>The data and the parameters of a layer both enter through m (their channels are the layout's
 * business, in native-sim), so the kernel has no parameter gradient: its gradient type is
 * {@link Void} and {@code grads} must be null.
 *
 * <p>Per-call checks (besides {@link SystemKernel}'s): the parameters were sized for this spec and
 * their tables are finite ({@link ShgParams#validate}, linear in the tables), and every m lies in
 * [0, 1]: a pulse shaper transmits between nothing and everything.
 *
 * <p>Implementations: {@link ScalarShgKernel} (the oracle) here, the SIMD and OpenCL ones in their
 * backends' packages; {@link ShgKernels#FAMILY} creates the one for a backend.
 */
public abstract class ShgKernel extends SystemKernel<ShgParams, Void> {
    private final ShgSpec spec;

    protected ShgKernel(ShgSpec spec, int maxBatch) {
        super(maxBatch, spec.channels(), spec.bins(), 0, "y", null);
        this.spec = spec;
    }

    /** The shape this kernel was built for. */
    public final ShgSpec spec() {
        return spec;
    }

    @Override
    protected final void checkParams(ShgParams p) {
        if (!p.spec().equals(spec)) {
            throw new IllegalArgumentException("params were sized for " + p.spec() + ", the kernel for " + spec);
        }
        p.validate();
    }

    @Override
    protected final void checkInputs(int batch, ShgParams p, float[] m) {
        int n = spec.channels();
        for (int idx = 0; idx < batch * n; idx++) {
            float v = m[idx];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("m[" + idx / n + ", " + idx % n + "] = " + v
                        + ": expected a modulation in [0, 1] (a pulse shaper transmits between 0 and 1); keep a layer's"
                        + " device inputs in range with the trainer's box constraint (clamp, or clamp with the soft penalty)");
            }
        }
    }
}
