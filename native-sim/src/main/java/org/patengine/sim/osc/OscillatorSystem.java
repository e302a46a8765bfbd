package org.patengine.sim.osc;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.kernels.KernelSlot;
import org.patengine.kernels.osc.OscillatorGradients;
import org.patengine.kernels.osc.OscillatorKernel;
import org.patengine.kernels.osc.OscillatorKernels;
import org.patengine.kernels.osc.OscillatorParams;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.Topology;
import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.PhysicalSystem;
import org.patengine.sim.Rng;

/**
 * Simulated coupled-oscillator hardware: the stand-in for a lab apparatus. The trainer sees only
 * {@code y = f_p(x, θ)}; inside, the nominal physics of {@link OscillatorModel} runs with the
 * hardware's hidden imperfections ({@link Nonidealities}):
 * <pre>
 *   x̃ = DAC(x) + σ_x·ξ                       (input quantization, actuation noise on q(0))
 *   J̃ = g(t)·(DAC(J) + ΔJ),  k̃_i = DAC(k)_i (1 + σ_k r_i)(1 + d_i(t)),  ẽ = DAC(e)
 *   q̈_i = −k̃_i sin(s q_i) + Σ_{j≠i} J̃_ij (sin(s q_j) − sin(s q_i)) + ẽ_i − γ q̇_i,  s = 1 + η
 *   y = ADC(q(T) + σ_y·ζ)                    (readout noise, readout quantization)
 * </pre>
 * ΔJ (symmetrised σ_J·randn) and r are fixed at construction from the seed; the gain g and the
 * stiffness offsets d random-walk by {@code drift} per call; ξ, ζ are fresh per call. With every
 * knob off the hardware runs exactly the nominal model's arithmetic, so both agree bit for bit.
 *
 * <p>{@link #exactModel()} is the exact VJP of this hardware at its current hidden state (mismatch
 * and drift, no noise; quantization treated as the identity) — available only because it is
 * simulated; the {@code ideal} training mode uses it. Not thread-safe.
 */
public final class OscillatorSystem implements PhysicalSystem {
    private final String name;
    private final OscillatorLayout layout;
    private final Nonidealities knobs;
    private final KernelSlot<OscillatorKernel> kernels;
    private final OscillatorParams params;     // the hardware's effective constants for the current call
    private final OscillatorGradients grads;
    private final float[] couplingError;       // (couplingLength): ΔJ, symmetric, zero diagonal
    private final float[] stiffnessFactor;     // (n): 1 + σ_k r_i
    private final float[] stiffnessDrift;      // (n): d_i(t)
    private final float[] kScale;              // (n): ∂k̃/∂k, for the exact VJP
    private final float[] thetaApplied;        // (P): θ after the DAC
    private float couplingGain = 1f;           // g(t)
    private final Rng noise;
    private float[] xApplied = new float[0];   // (batch, n): the input actually applied (after DAC and noise)
    private final DifferentiableMap exact;

    /** Hardware on the process's default backend. */
    public OscillatorSystem(OscillatorSpec spec, float gamma, Nonidealities knobs) {
        this(spec, gamma, knobs, Backends.get());
    }

    public OscillatorSystem(OscillatorSpec spec, float gamma, Nonidealities knobs, ComputeBackend backend) {
        this.layout = new OscillatorLayout(spec);
        this.knobs = knobs;
        this.kernels = new KernelSlot<>(OscillatorKernels.FAMILY, backend, spec);
        this.params = new OscillatorParams(spec);
        this.grads = new OscillatorGradients(spec);
        params.gamma = gamma;
        int n = spec.n();
        java.util.Arrays.fill(params.s, 1f + knobs.nonlinearityScale());
        Rng hidden = new Rng(knobs.seed());
        couplingError = new float[spec.couplingLength()];
        if (knobs.couplingError() > 0) {
            if (spec.topology() == Topology.ALL_TO_ALL) {
                float[] g = new float[n * n];
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) (knobs.couplingError() * hidden.nextGaussian());
                }
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        float v = 0.5f * (g[i * n + j] + g[j * n + i]);
                        couplingError[i * n + j] = v;
                        couplingError[j * n + i] = v;
                    }
                }
            } else {
                for (int l = 0; l < couplingError.length; l++) {
                    couplingError[l] = (float) (knobs.couplingError() * hidden.nextGaussian());
                }
            }
        }
        stiffnessFactor = new float[n];
        for (int i = 0; i < n; i++) {
            stiffnessFactor[i] = knobs.stiffnessSpread() > 0 ? (float) (1 + knobs.stiffnessSpread() * hidden.nextGaussian()) : 1f;
        }
        stiffnessDrift = new float[n];
        kScale = new float[n];
        thetaApplied = new float[layout.size()];
        noise = new Rng(knobs.seed() ^ 0x6A09E667F3BCC909L);
        exact = new Exact();
        this.name = "oscillators(" + n + ", " + spec.topology().id() + ", Nt=" + spec.steps() + ", T=" + spec.duration()
                + (knobs.isIdeal() ? "" : ", non-ideal") + ")";
    }

    public OscillatorLayout layout() {
        return layout;
    }

    public Nonidealities nonidealities() {
        return knobs;
    }

    @Override
    public String name() {
        return name;
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
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        layout.check(theta);
        int n = layout.spec().n();
        checkInput(batch, x, y);
        step();
        configure(theta);
        float[] applied = x;
        if (knobs.dacBits() > 0 || knobs.actuationNoise() > 0) {
            applied = applyInput(batch, x);
        }
        kernels.forBatch(batch).forward(batch, params, applied, y, null);
        if (knobs.readoutNoise() > 0 || knobs.adcBits() > 0) {
            float sigma = knobs.readoutNoise();
            for (int i = 0; i < batch * n; i++) {
                float v = sigma > 0 ? y[i] + (float) (sigma * noise.nextGaussian()) : y[i];
                y[i] = knobs.adcBits() > 0 ? quantize(v, -knobs.adcRange(), knobs.adcRange(), knobs.adcBits()) : v;
            }
        }
    }

    private void checkInput(int batch, float[] x, float[] y) {
        int n = layout.spec().n();
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, was " + batch);
        }
        if (x == null || x.length < batch * n) {
            throw new IllegalArgumentException("x has length " + (x == null ? "null" : x.length) + ", expected at least "
                    + batch + " x " + n);
        }
        if (y == null || y.length < batch * n) {
            throw new IllegalArgumentException("y has length " + (y == null ? "null" : y.length) + ", expected at least "
                    + batch + " x " + n);
        }
        for (int i = 0; i < batch * n; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("x[sample " + i / n + ", " + i % n + "] = " + x[i] + ": expected a finite value");
            }
        }
    }

    /** Advances the slow drift by one call. */
    private void step() {
        float d = knobs.drift();
        if (d > 0) {
            couplingGain += (float) (d * noise.nextGaussian());
            for (int i = 0; i < stiffnessDrift.length; i++) {
                stiffnessDrift[i] += (float) (d * noise.nextGaussian());
            }
        }
    }

    /** The hardware's effective constants for θ: DAC, hidden mismatch, drift. */
    private void configure(float[] theta) {
        float[] t = theta;
        if (knobs.dacBits() > 0) {
            for (int i = 0; i < layout.size(); i++) {
                thetaApplied[i] = quantize(theta[i], layout.lower(i), layout.upper(i), knobs.dacBits());
            }
            t = thetaApplied;
        }
        layout.apply(t, params);
        if (knobs.couplingError() > 0 || knobs.stiffnessSpread() > 0 || knobs.drift() > 0) {
            applyMismatch(params);
        }
    }

    /** The hidden mismatch and the drift on top of θ's constants: J̃ = g(J + ΔJ), k̃_i = k_i·kScale_i. */
    private void applyMismatch(OscillatorParams target) {
        float[] c = target.coupling;
        for (int i = 0; i < c.length; i++) {
            c[i] = couplingGain * (c[i] + couplingError[i]);
        }
        for (int i = 0; i < kScale.length; i++) {
            kScale[i] = stiffnessFactor[i] * (1 + stiffnessDrift[i]);
            target.k[i] *= kScale[i];
        }
    }

    private float[] applyInput(int batch, float[] x) {
        int len = batch * layout.spec().n();
        if (xApplied.length < len) {
            xApplied = new float[len];
        }
        float sigma = knobs.actuationNoise();
        for (int i = 0; i < len; i++) {
            float v = knobs.dacBits() > 0 ? quantize(x[i], -knobs.dacRange(), knobs.dacRange(), knobs.dacBits()) : x[i];
            xApplied[i] = sigma > 0 ? v + (float) (sigma * noise.nextGaussian()) : v;
        }
        return xApplied;
    }

    /** Uniform quantization of v to {@code bits} over [lo, hi]; values outside saturate. */
    static float quantize(float v, float lo, float hi, int bits) {
        float levels = (1 << bits) - 1;
        float u = (Math.min(Math.max(v, lo), hi) - lo) / (hi - lo);
        return lo + Math.round(u * levels) / levels * (hi - lo);
    }

    @Override
    public DifferentiableMap exactModel() {
        return exact;
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        noise.save(out);
        out.writeFloat(couplingGain);
        for (float d : stiffnessDrift) {
            out.writeFloat(d);
        }
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        noise.restore(in);
        couplingGain = in.readFloat();
        for (int i = 0; i < stiffnessDrift.length; i++) {
            stiffnessDrift[i] = in.readFloat();
        }
    }

    /** The hardware's exact map at its current hidden state, without noise or quantization. */
    private final class Exact implements DifferentiableMap {
        private final OscillatorParams exactParams = new OscillatorParams(layout.spec());

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

        private void configureExact(float[] theta) {
            layout.check(theta);
            exactParams.gamma = params.gamma;
            System.arraycopy(params.s, 0, exactParams.s, 0, params.s.length);
            layout.apply(theta, exactParams);
            applyMismatch(exactParams);
        }

        @Override
        public void forward(int batch, float[] x, float[] theta, float[] y) {
            configureExact(theta);
            kernels.forBatch(batch).forward(batch, exactParams, x, y, null);
        }

        @Override
        public void vjp(int batch, float[] x, float[] theta, float[] gY, float[] gX, float[] gTheta) {
            configureExact(theta);
            kernels.forBatch(batch).vjp(batch, exactParams, x, gY, null, gX, gTheta == null ? null : grads, null, null);
            if (gTheta != null) {
                layout.gradient(grads, couplingGain, kScale, gTheta);
            }
        }
    }
}
