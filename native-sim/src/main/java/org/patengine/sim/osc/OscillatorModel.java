package org.patengine.sim.osc;

import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.kernels.KernelSlot;
import org.patengine.kernels.osc.OscillatorGradients;
import org.patengine.kernels.osc.OscillatorKernel;
import org.patengine.kernels.osc.OscillatorKernels;
import org.patengine.kernels.osc.OscillatorParams;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.sim.DifferentiableMap;

/**
 * The analytic digital twin of an oscillator layer: the nominal physics
 * <pre>
 *   q̈_i = −k_i sin q_i + Σ_{j≠i} J_ij (sin q_j − sin q_i) + e_i − γ q̇_i,   q(0) = x,  q̇(0) = 0,
 *   y = q(T)   (fixed-step RK4, Nt steps)
 * </pre>
 * with θ = (J, k, e) laid out by {@link OscillatorLayout}, and its exact VJP by reverse mode through
 * the discrete RK4 steps (the kernels' {@code vjp}). Not thread-safe.
 */
public final class OscillatorModel implements DifferentiableMap {
    private final OscillatorLayout layout;
    private final KernelSlot<OscillatorKernel> kernels;
    private final OscillatorParams params;
    private final OscillatorGradients grads;

    /** The nominal model on the process's default backend. */
    public OscillatorModel(OscillatorSpec spec, float gamma) {
        this(spec, gamma, Backends.get());
    }

    public OscillatorModel(OscillatorSpec spec, float gamma, ComputeBackend backend) {
        this.layout = new OscillatorLayout(spec);
        this.kernels = new KernelSlot<>(OscillatorKernels.FAMILY, backend, spec);
        this.params = new OscillatorParams(spec);
        params.gamma = gamma;
        this.grads = new OscillatorGradients(spec);
    }

    public OscillatorLayout layout() {
        return layout;
    }

    @Override
    public int inputSize() {
        return layout.spec().n();
    }

    @Override
    public int outputSize() {
        return layout.spec().n();
    }

    @Override
    public int parameterSize() {
        return layout.size();
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        layout.check(theta);
        layout.apply(theta, params);
        kernels.forBatch(batch).forward(batch, params, x, y, null);
    }

    @Override
    public void vjp(int batch, float[] x, float[] theta, float[] gY, float[] gX, float[] gTheta) {
        layout.check(theta);
        if (gTheta != null && gTheta.length < layout.size()) {
            throw new IllegalArgumentException("gTheta has length " + gTheta.length + ", expected " + layout.size());
        }
        layout.apply(theta, params);
        kernels.forBatch(batch).vjp(batch, params, x, gY, null, gX, gTheta == null ? null : grads, null, null);
        if (gTheta != null) {
            layout.gradient(grads, 1f, null, gTheta);
        }
    }
}
