package org.patengine.kernels.osc;

/**
 * The parameter gradients of an oscillator VJP, each summed over the batch; overwritten by every
 * {@link OscillatorKernel#vjp} call.
 *
 * <p>{@link #coupling} has the layout of {@link OscillatorParams#coupling}. For all-to-all it is the
 * gradient with respect to the <em>symmetric</em> coupling: for i ≠ j,
 * {@code coupling[i*n+j] = coupling[j*n+i] = ∂L/∂θ_ij} where θ_ij is the single value shared by
 * J_ij and J_ji (so both entries move together); the diagonal is 0. With J parameterised by its upper
 * triangle, {@code gθ_(i<j) = coupling[i*n+j]}. (The gradient with respect to the n² entries taken
 * independently would be half of it, split between J_ij and J_ji.) For a ring, {@code coupling[l]}
 * is the derivative with respect to link l.
 */
public final class OscillatorGradients {
    /** ∂L/∂J as described above: (n, n) or (links). */
    public final float[] coupling;
    /** ∂L/∂k: (n). */
    public final float[] k;
    /** ∂L/∂e: (n). */
    public final float[] e;
    /** ∂L/∂a: (n). */
    public final float[] a;

    public OscillatorGradients(OscillatorSpec spec) {
        coupling = new float[spec.couplingLength()];
        k = new float[spec.n()];
        e = new float[spec.n()];
        a = new float[spec.n()];
    }
}
