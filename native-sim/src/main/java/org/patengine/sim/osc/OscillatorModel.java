package org.patengine.sim.osc;

import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.kernels.KernelSlot;
import org.patengine.kernels.osc.OscillatorGradients;
import org.patengine.kernels.osc.OscillatorKernel;
import org.patengine.kernels.osc.OscillatorKernels;
import org.patengine.kernels.osc.OscillatorParams;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.sim.hw.PhysicsMap;

/**
 * The oscillator physics as a differentiable map, θ = (J, k, e) laid out by
 * {@link OscillatorLayout}:
 * <pre>
 *   q̈_i = −k̃_i sin(s q_i) + Σ_{j≠i} J̃_ij (sin(s q_j) − sin(s q_i)) + e_i − γ q̇_i,   q(0) = x,  q̇(0) = 0,
 *   y = q(T)   (fixed-step RK4, Nt steps)
 * </pre>
 * and its exact VJP by reverse mode through the discrete RK4 steps (the kernels' {@code vjp}).
 *
 * <p>The public constructors give the nominal model, the analytic digital twin: J̃ = J, k̃ = k,
 * s = 1. With an {@link OscillatorHiddenState} it is the hardware's mismatched physics
 * (J̃ = g(J + ΔJ), k̃_i = k_i(1 + σ_k r_i)(1 + d_i), s = 1 + η): what {@link OscillatorSystem}
 * runs inside its I/O chain and what its {@code exactModel()} is. Not thread-safe.
 */
public final class OscillatorModel implements PhysicsMap {
    private static final float[] NOTHING_DRIFTS = new float[0];

    private final OscillatorLayout layout;
    private final KernelSlot<OscillatorKernel> kernels;
    private final OscillatorParams params;
    private final OscillatorGradients grads;
    private final OscillatorHiddenState hidden; // null: the nominal model

    /** The nominal model on the process's default backend. */
    public OscillatorModel(OscillatorSpec spec, float gamma) {
        this(spec, gamma, Backends.get());
    }

    /** The nominal model. */
    public OscillatorModel(OscillatorSpec spec, float gamma, ComputeBackend backend) {
        this(spec, gamma, backend, null);
    }

    /** The physics with {@code hidden} mismatch and drift; null for the nominal model. */
    OscillatorModel(OscillatorSpec spec, float gamma, ComputeBackend backend, OscillatorHiddenState hidden) {
        this.layout = new OscillatorLayout(spec);
        this.kernels = new KernelSlot<>(OscillatorKernels.FAMILY, backend, spec);
        this.params = new OscillatorParams(spec);
        params.gamma = gamma;
        this.grads = new OscillatorGradients(spec);
        this.hidden = hidden;
        if (hidden != null) {
            java.util.Arrays.fill(params.s, hidden.sineScale());
        }
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
    public float parameterLower(int i) {
        return layout.lower(i);
    }

    @Override
    public float parameterUpper(int i) {
        return layout.upper(i);
    }

    @Override
    public void checkParameters(float[] theta) {
        layout.check(theta);
    }

    @Override
    public float[] drifting() {
        return hidden == null ? NOTHING_DRIFTS : hidden.drifting();
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        layout.check(theta);
        configure(theta, hidden != null);
        kernels.forBatch(batch).forward(batch, params, x, y, null);
    }

    /** The hardware's pass: θ checked by the caller; a hidden state that changes nothing is skipped. */
    @Override
    public void run(int batch, float[] x, float[] theta, float[] y) {
        configure(theta, hidden != null && hidden.changesParams());
        kernels.forBatch(batch).forward(batch, params, x, y, null);
    }

    @Override
    public void vjp(int batch, float[] x, float[] theta, float[] gY, float[] gX, float[] gTheta) {
        layout.check(theta);
        if (gTheta != null && gTheta.length < layout.size()) {
            throw new IllegalArgumentException("gTheta has length " + gTheta.length + ", expected " + layout.size());
        }
        configure(theta, hidden != null);
        kernels.forBatch(batch).vjp(batch, params, x, gY, null, gX, gTheta == null ? null : grads, null, null);
        if (gTheta != null) {
            if (hidden == null) {
                layout.gradient(grads, 1f, null, gTheta);
            } else {
                layout.gradient(grads, hidden.couplingScale(), hidden.kScale(), gTheta);
            }
        }
    }

    /** θ's constants into the kernel's parameters, then the hidden mismatch and drift on top when asked. */
    private void configure(float[] theta, boolean withHidden) {
        layout.apply(theta, params);
        if (withHidden) {
            hidden.apply(params);
        }
    }
}
