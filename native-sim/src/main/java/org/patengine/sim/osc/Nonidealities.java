package org.patengine.sim.osc;

import java.util.List;
import java.util.Locale;

import org.patengine.sim.hw.HardwareKnobs;
import org.patengine.sim.hw.IoKnobs;

/**
 * The ways the simulated oscillator hardware differs from its nominal model: the oscillators' own
 * physics mismatch ({@link OscillatorMismatch}: η, σ_J, σ_k) and the generic I/O chain's knobs
 * ({@link IoKnobs}: actuation and readout noise, drift, DAC and ADC); each is an independent knob,
 * off (0) by default, and all randomness derives from {@code seed} (the hidden mismatch from
 * {@code new Rng(seed)}, the noise from the I/O chain's stream).
 *
 * <p>Knobs are set by name ({@link #KNOBS}: the mismatch knobs, then {@link IoKnobs#NAMES}) with
 * {@link #with(String, double)} and {@link #with(java.util.Map)}, as the command line's
 * {@code --hardware} does; presets by name ({@link #PRESETS}).
 *
 * @param mismatch the oscillators' hidden physics mismatch
 * @param io       the I/O chain's noise, drift and quantization
 * @param seed     seeds the hidden mismatch and the noise
 */
public record Nonidealities(OscillatorMismatch mismatch, IoKnobs io, long seed) implements HardwareKnobs<Nonidealities> {

    /** Named presets for the command line. */
    public static final List<String> PRESETS = List.of("none", "paper-gap");

    /** The knobs {@link #with(String, double)} sets by name: {@link OscillatorMismatch#NAMES}, then {@link IoKnobs#NAMES}. */
    public static final List<String> KNOBS = HardwareKnobs.names(OscillatorMismatch.NAMES);

    public Nonidealities {
        if (mismatch == null || io == null) {
            throw new NullPointerException("mismatch and io must not be null, were " + mismatch + ", " + io);
        }
    }

    /** The nominal hardware: every knob off. */
    public static Nonidealities none(long seed) {
        return new Nonidealities(OscillatorMismatch.NONE, IoKnobs.NONE, seed);
    }

    /**
     * The reference code's Fashion-MNIST gap: η = 0.1, coupling error 0.2·randn symmetrised,
     * σ = 0.02 on the initial positions.
     */
    public static Nonidealities paperGap(long seed) {
        return new Nonidealities(new OscillatorMismatch(0.1f, 0.2f, 0f), IoKnobs.NONE.withActuationNoise(0.02f), seed);
    }

    /** A preset by name ({@link #PRESETS}). */
    public static Nonidealities preset(String name, long seed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> none(seed);
            case "paper-gap" -> paperGap(seed);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "': expected one of " + PRESETS);
        };
    }

    @Override
    public List<String> mismatchKnobs() {
        return OscillatorMismatch.NAMES;
    }

    @Override
    public Nonidealities withMismatchKnob(String knob, double value) {
        return withMismatch(mismatch.with(knob, value));
    }

    @Override
    public Nonidealities withIo(IoKnobs v) {
        return new Nonidealities(mismatch, v, seed);
    }

    public Nonidealities withMismatch(OscillatorMismatch v) {
        return new Nonidealities(v, io, seed);
    }

    /** True when every knob is off, so the hardware equals the nominal model exactly. */
    public boolean isIdeal() {
        return mismatch.isNone() && io.isIdeal();
    }

    public Nonidealities withNonlinearityScale(float v) {
        return withMismatch(mismatch.withNonlinearityScale(v));
    }

    public Nonidealities withCouplingError(float v) {
        return withMismatch(mismatch.withCouplingError(v));
    }

    public Nonidealities withStiffnessSpread(float v) {
        return withMismatch(mismatch.withStiffnessSpread(v));
    }

    public Nonidealities withActuationNoise(float v) {
        return withIo(io.withActuationNoise(v));
    }

    public Nonidealities withReadoutNoise(float v) {
        return withIo(io.withReadoutNoise(v));
    }

    public Nonidealities withDrift(float v) {
        return withIo(io.withDrift(v));
    }

    public Nonidealities withDac(int bits, float range) {
        return withIo(io.withDac(bits, range));
    }

    public Nonidealities withAdc(int bits, float range) {
        return withIo(io.withAdc(bits, range));
    }

    public Nonidealities withSeed(long s) {
        return new Nonidealities(mismatch, io, s);
    }
}
