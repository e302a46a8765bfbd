package org.patengine.sim.osc;

import java.util.List;

import org.patengine.sim.hw.HardwareKnobs;

/**
 * How the oscillator hardware's physics differs from the nominal model; each knob is off (0) by
 * default. The hidden values are drawn once from the seed ({@link OscillatorHiddenState}).
 *
 * @param nonlinearityScale η: the hardware's sines are {@code sin((1+η)q)} instead of {@code sin(q)}
 * @param couplingError     σ_J: a hidden, fixed coupling error {@code σ_J·randn}, symmetrised
 *                          ({@code (G + Gᵀ)/2}, zero diagonal) and added to J (not scaled with n, as
 *                          in the reference)
 * @param stiffnessSpread   σ_k: each oscillator's stiffness is {@code k_i(1 + σ_k·randn)}, fixed
 */
public record OscillatorMismatch(float nonlinearityScale, float couplingError, float stiffnessSpread) {

    /** The knob names {@link #with(String, double)} accepts, in the order of the components. */
    public static final List<String> NAMES = List.of("nonlinearityScale", "couplingError", "stiffnessSpread");

    /** The nominal physics. */
    public static final OscillatorMismatch NONE = new OscillatorMismatch(0f, 0f, 0f);

    public OscillatorMismatch {
        HardwareKnobs.requireNonNegative("nonlinearityScale", nonlinearityScale);
        HardwareKnobs.requireNonNegative("couplingError", couplingError);
        HardwareKnobs.requireNonNegative("stiffnessSpread", stiffnessSpread);
    }

    /** True when the physics is the nominal one. */
    public boolean isNone() {
        return nonlinearityScale == 0 && couplingError == 0 && stiffnessSpread == 0;
    }

    /** This with one knob ({@link #NAMES}) set. */
    public OscillatorMismatch with(String knob, double value) {
        float v = (float) value;
        return switch (knob) {
            case "nonlinearityScale" -> withNonlinearityScale(v);
            case "couplingError" -> withCouplingError(v);
            case "stiffnessSpread" -> withStiffnessSpread(v);
            default -> throw new IllegalArgumentException("unknown oscillator mismatch knob '" + knob + "': expected one of " + NAMES);
        };
    }

    public OscillatorMismatch withNonlinearityScale(float v) {
        return new OscillatorMismatch(v, couplingError, stiffnessSpread);
    }

    public OscillatorMismatch withCouplingError(float v) {
        return new OscillatorMismatch(nonlinearityScale, v, stiffnessSpread);
    }

    public OscillatorMismatch withStiffnessSpread(float v) {
        return new OscillatorMismatch(nonlinearityScale, couplingError, v);
    }
}
