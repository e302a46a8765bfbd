package org.patengine.kernels.osc;

import org.patengine.kernels.SystemKernel;

/**
 * Batched fixed-step RK4 simulation of n coupled nonlinear oscillators and its exact
 * vector–Jacobian product: the oscillators' {@link SystemKernel}, with x, y = q(T) and the optional
 * second output q̇(T) all (batch, n).
 *
 * <p>Equations (see {@link OscillatorParams}): for each sample b of the batch,
 * <pre>
 *   q̈_i = −k_i sin(s_i q_i) + Σ_{j≠i} J_ij (sin(s_j q_j) − sin(s_i q_i)) + e_i − γ q̇_i,
 *   q(0) = a∘x_b,  q̇(0) = 0,
 * </pre>
 * integrated by classical RK4 on the first-order system (q, q̇) with {@code spec.steps()} steps of
 * {@code dt = spec.dt()}; the outputs are q(T) and optionally q̇(T).
 *
 * <p>The VJP is reverse-mode differentiation of exactly these discrete RK4 steps (not of the ODE), so
 * it is the exact gradient of what {@link #forward} computes, up to float rounding. It needs the sines
 * and cosines of every stage: implementations store them, O(4·Nt·batch·n) floats, because Nt is small
 * (reference: 5) and recomputing them would cost a second forward pass (all its matrix products).
 *
 * <p>Per-call checks (besides {@link SystemKernel}'s): the parameters were sized for this spec, their
 * vectors k, e, s, a, γ (and a ring's links) are finite, and every initial angle |s_i a_i x_bi| is
 * within {@link OscillatorSupport#MAX_PHASE}. The O(n²) checks of an all-to-all J (symmetric, zero
 * diagonal, finite) are {@link OscillatorParams#validate()}'s, for whoever fills the arrays by hand;
 * a non-finite J still ends in the divergence check ({@link ArithmeticException}).
 *
 * <p>Implementations: {@link ScalarOscillatorKernel} (the oracle) here, the SIMD and OpenCL ones in
 * their backends' packages; {@link OscillatorKernels} creates the one for a backend.
 */
public abstract class OscillatorKernel extends SystemKernel<OscillatorParams, OscillatorGradients> {
    private final OscillatorSpec spec;

    protected OscillatorKernel(OscillatorSpec spec, int maxBatch) {
        super(maxBatch, spec.n(), spec.n(), spec.n(), "q", "qDot");
        this.spec = spec;
    }

    /** The shape this kernel was built for. */
    public final OscillatorSpec spec() {
        return spec;
    }

    @Override
    protected final void checkParams(OscillatorParams p) {
        if (!p.spec().equals(spec)) {
            throw new IllegalArgumentException("params were sized for " + p.spec() + ", the kernel for " + spec);
        }
        p.validateVectors();
    }

    @Override
    protected final void checkInputs(int batch, OscillatorParams p, float[] x) {
        OscillatorSupport.checkInitialPhase(x, batch, spec.n(), p);
    }
}
