package org.patengine.kernels.osc;

import org.patengine.kernels.BackendKind;

/**
 * Batched fixed-step RK4 simulation of n coupled nonlinear oscillators and its exact
 * vector–Jacobian product.
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
 * <p>An instance owns its workspace, sized once for (spec, maxBatch): calls with any
 * {@code batch ≤ maxBatch} allocate nothing. Buffers are caller-provided, row-major from index 0:
 * x, q, q̇, gQ, gQ̇, gX are (batch, n). Implementations: {@link ScalarOscillatorKernel} (the oracle),
 * {@link SimdOscillatorKernel}; an OpenCL one can slot in beside them. Instances are not thread-safe
 * (one call at a time); they may use several threads inside a call.
 */
public interface OscillatorKernel {

    /** The backend this kernel runs on. */
    BackendKind kind();

    /** The shape this kernel was built for. */
    OscillatorSpec spec();

    /** The largest batch a call may pass. */
    int maxBatch();

    /**
     * Runs the simulation: q ← q(T), and qDot ← q̇(T) when {@code qDot} is not null.
     *
     * @throws IllegalArgumentException for a wrong batch, short arrays, non-finite x or parameters,
     *                                  or an asymmetric J (the message names the argument and value)
     * @throws ArithmeticException      when the state becomes non-finite (the simulation diverged)
     */
    void forward(int batch, OscillatorParams p, float[] x, float[] q, float[] qDot);

    /**
     * The VJP at (x, p) for output cotangents gQ (required) and gQDot (null means zero): overwrites
     * {@code gX} (batch, n) with {@code (∂q(T)/∂x)ᵀ gQ + (∂q̇(T)/∂x)ᵀ gQDot} per sample, and every
     * array of {@code g} with the parameter gradients summed over the batch. Either may be null when
     * not needed (a null {@code g} skips the parameter products). The forward outputs of the same run
     * are written to {@code q} and {@code qDot} when they are not null, so a training step needs no
     * separate forward call. Same exceptions as {@link #forward}, plus non-finite gQ / gQDot.
     */
    void vjp(int batch, OscillatorParams p, float[] x, float[] gQ, float[] gQDot,
             float[] gX, OscillatorGradients g, float[] q, float[] qDot);
}
