package org.patengine.sim.osc;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ways the simulated oscillator hardware differs from its nominal model; each is an independent
 * knob, off (0) by default, and all randomness derives from {@code seed}.
 *
 * @param nonlinearityScale η: the hardware's sines are {@code sin((1+η)q)} instead of {@code sin(q)}
 * @param couplingError     σ_J: a hidden, fixed coupling error {@code σ_J·randn}, symmetrised
 *                          ({@code (G + Gᵀ)/2}, zero diagonal) and added to J (not scaled with n, as
 *                          in the reference)
 * @param stiffnessSpread   σ_k: each oscillator's stiffness is {@code k_i(1 + σ_k·randn)}, fixed
 * @param actuationNoise    σ_x: Gaussian noise on the initial positions q(0), fresh every call
 * @param readoutNoise      σ_y: Gaussian noise on the measured q(T), fresh every call
 * @param drift             per-call step of a random walk of the hidden coupling gain and of every
 *                          stiffness (relative), so the hardware slowly wanders between calls
 * @param dacBits           quantises inputs x (over ±{@code dacRange}) and θ (over each parameter's
 *                          range) to this many bits; 0 = ideal. Values beyond ±dacRange saturate,
 *                          as a real DAC does
 * @param dacRange          the input DAC's full scale
 * @param adcBits           quantises the readout over ±{@code adcRange} to this many bits; 0 = ideal;
 *                          readings beyond the range saturate
 * @param adcRange          the readout ADC's full scale
 * @param seed              seeds the hidden mismatch and the noise
 */
public record Nonidealities(float nonlinearityScale, float couplingError, float stiffnessSpread,
                            float actuationNoise, float readoutNoise, float drift,
                            int dacBits, float dacRange, int adcBits, float adcRange, long seed) {

    /** Named presets for the command line. */
    public static final List<String> PRESETS = List.of("none", "paper-gap");

    public Nonidealities {
        nonNegative("nonlinearityScale", nonlinearityScale);
        nonNegative("couplingError", couplingError);
        nonNegative("stiffnessSpread", stiffnessSpread);
        nonNegative("actuationNoise", actuationNoise);
        nonNegative("readoutNoise", readoutNoise);
        nonNegative("drift", drift);
        bits("dacBits", dacBits);
        bits("adcBits", adcBits);
        if (!(dacRange > 0) || !(adcRange > 0) || !Float.isFinite(dacRange) || !Float.isFinite(adcRange)) {
            throw new IllegalArgumentException("dacRange and adcRange must be finite and > 0, were " + dacRange + ", " + adcRange);
        }
    }

    private static void nonNegative(String name, float v) {
        if (!(v >= 0) || !Float.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + v);
        }
    }

    private static void bits(String name, int b) {
        if (b < 0 || b > 24) {
            throw new IllegalArgumentException(name + " must be in [0, 24] (0 = no quantization), was " + b);
        }
    }

    /** The nominal hardware: every knob off. */
    public static Nonidealities none(long seed) {
        return new Nonidealities(0f, 0f, 0f, 0f, 0f, 0f, 0, 4f, 0, 4f, seed);
    }

    /**
     * The reference code's Fashion-MNIST gap: η = 0.1, coupling error 0.2·randn symmetrised,
     * σ = 0.02 on the initial positions.
     */
    public static Nonidealities paperGap(long seed) {
        return new Nonidealities(0.1f, 0.2f, 0f, 0.02f, 0f, 0f, 0, 4f, 0, 4f, seed);
    }

    /** A preset by name ({@link #PRESETS}). */
    public static Nonidealities preset(String name, long seed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> none(seed);
            case "paper-gap" -> paperGap(seed);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "': expected one of " + PRESETS);
        };
    }

    /** The knobs {@link #with(String, double)} sets by name (every component but the seed). */
    public static final List<String> KNOBS = List.of("nonlinearityScale", "couplingError", "stiffnessSpread", "actuationNoise",
            "readoutNoise", "drift", "dacBits", "dacRange", "adcBits", "adcRange");

    /** This with one knob ({@link #KNOBS}) set; dacBits and adcBits take whole numbers. */
    public Nonidealities with(String knob, double value) {
        float v = (float) value;
        return switch (knob) {
            case "nonlinearityScale" -> withNonlinearityScale(v);
            case "couplingError" -> withCouplingError(v);
            case "stiffnessSpread" -> withStiffnessSpread(v);
            case "actuationNoise" -> withActuationNoise(v);
            case "readoutNoise" -> withReadoutNoise(v);
            case "drift" -> withDrift(v);
            case "dacBits" -> withDac(wholeBits(knob, value), dacRange);
            case "dacRange" -> withDac(dacBits, v);
            case "adcBits" -> withAdc(wholeBits(knob, value), adcRange);
            case "adcRange" -> withAdc(adcBits, v);
            default -> throw new IllegalArgumentException("unknown hardware knob '" + knob + "': expected one of " + KNOBS);
        };
    }

    /** This with every knob of {@code knobs} set, in the map's order. */
    public Nonidealities with(Map<String, Double> knobs) {
        Nonidealities n = this;
        for (Map.Entry<String, Double> e : knobs.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("hardware knob " + e.getKey() + " has no value");
            }
            n = n.with(e.getKey(), e.getValue());
        }
        return n;
    }

    private static int wholeBits(String knob, double value) {
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException(knob + " must be a whole number of bits, was " + value);
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value)); // the constructor checks [0, 24]
    }

    /** True when every knob is off, so the hardware equals the nominal model exactly. */
    public boolean isIdeal() {
        return nonlinearityScale == 0 && couplingError == 0 && stiffnessSpread == 0 && actuationNoise == 0
                && readoutNoise == 0 && drift == 0 && dacBits == 0 && adcBits == 0;
    }

    public Nonidealities withNonlinearityScale(float v) {
        return new Nonidealities(v, couplingError, stiffnessSpread, actuationNoise, readoutNoise, drift, dacBits, dacRange, adcBits, adcRange, seed);
    }

    public Nonidealities withCouplingError(float v) {
        return new Nonidealities(nonlinearityScale, v, stiffnessSpread, actuationNoise, readoutNoise, drift, dacBits, dacRange, adcBits, adcRange, seed);
    }

    public Nonidealities withStiffnessSpread(float v) {
        return new Nonidealities(nonlinearityScale, couplingError, v, actuationNoise, readoutNoise, drift, dacBits, dacRange, adcBits, adcRange, seed);
    }

    public Nonidealities withActuationNoise(float v) {
        return new Nonidealities(nonlinearityScale, couplingError, stiffnessSpread, v, readoutNoise, drift, dacBits, dacRange, adcBits, adcRange, seed);
    }

    public Nonidealities withReadoutNoise(float v) {
        return new Nonidealities(nonlinearityScale, couplingError, stiffnessSpread, actuationNoise, v, drift, dacBits, dacRange, adcBits, adcRange, seed);
    }

    public Nonidealities withDrift(float v) {
        return new Nonidealities(nonlinearityScale, couplingError, stiffnessSpread, actuationNoise, readoutNoise, v, dacBits, dacRange, adcBits, adcRange, seed);
    }

    public Nonidealities withDac(int bits, float range) {
        return new Nonidealities(nonlinearityScale, couplingError, stiffnessSpread, actuationNoise, readoutNoise, drift, bits, range, adcBits, adcRange, seed);
    }

    public Nonidealities withAdc(int bits, float range) {
        return new Nonidealities(nonlinearityScale, couplingError, stiffnessSpread, actuationNoise, readoutNoise, drift, dacBits, dacRange, bits, range, seed);
    }

    public Nonidealities withSeed(long s) {
        return new Nonidealities(nonlinearityScale, couplingError, stiffnessSpread, actuationNoise, readoutNoise, drift, dacBits, dacRange, adcBits, adcRange, s);
    }
}
