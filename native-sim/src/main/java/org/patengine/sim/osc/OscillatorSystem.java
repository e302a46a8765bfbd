package org.patengine.sim.osc;

import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.sim.hw.IoChain;
import org.patengine.sim.hw.SimulatedHardware;

/**
 * Simulated coupled-oscillator hardware: the stand-in for a lab apparatus. The trainer sees only
 * {@code y = f_p(x, θ)}; inside, the hardware's mismatched physics ({@link OscillatorModel} with
 * the hidden state of {@link Nonidealities#mismatch()}) runs in the generic I/O chain
 * ({@link IoChain}, {@link Nonidealities#io()}):
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
 * <p>{@link #exactModel()} is the mismatched map itself: the exact VJP of this hardware at its
 * current hidden state (mismatch and drift, no noise; quantization treated as the identity) —
 * available only because it is simulated; the {@code ideal} training mode uses it. Not
 * thread-safe.
 */
public final class OscillatorSystem extends SimulatedHardware {
    private final OscillatorLayout layout;
    private final Nonidealities knobs;

    /** Hardware on the process's default backend. */
    public OscillatorSystem(OscillatorSpec spec, float gamma, Nonidealities knobs) {
        this(spec, gamma, knobs, Backends.get());
    }

    public OscillatorSystem(OscillatorSpec spec, float gamma, Nonidealities knobs, ComputeBackend backend) {
        this(new OscillatorModel(spec, gamma, backend,
                new OscillatorHiddenState(spec, knobs.mismatch(), knobs.seed(), knobs.io().drift() > 0)), knobs);
    }

    private OscillatorSystem(OscillatorModel physics, Nonidealities knobs) {
        super(name(physics.layout().spec(), knobs), physics, knobs.io(), knobs.seed());
        this.layout = physics.layout();
        this.knobs = knobs;
    }

    private static String name(OscillatorSpec spec, Nonidealities knobs) {
        return "oscillators(" + spec.n() + ", " + spec.topology().id() + ", Nt=" + spec.steps() + ", T=" + spec.duration()
                + (knobs.isIdeal() ? "" : ", non-ideal") + ")";
    }

    public OscillatorLayout layout() {
        return layout;
    }

    public Nonidealities nonidealities() {
        return knobs;
    }
}
