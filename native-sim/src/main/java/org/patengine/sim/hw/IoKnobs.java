package org.patengine.sim.hw;

import java.util.List;

/**
 * How a simulated system's inputs, parameters and readout differ from ideal ones: the part of the
 * hardware's non-idealities that does not depend on its physics, applied by the {@link IoChain}
 * around the system's (mismatched) physics {@code f̃}:
 * <pre>
 *   x̃ = DAC(x) + σ_x·ξ,   θ̃ = DAC(θ),
 *   v_b = (1 + σ_p·π_b)·f̃(x̃, θ̃)_b                      (one power factor per sample: one shot)
 *   y = ADC(v + σ_s·√max(v, 0)·η + σ_y·ζ),
 * </pre>
 * with ξ, π, η, ζ fresh standard normals every call and the system's drifting hidden quantities
 * taking one random-walk step of {@code drift} per call. Each knob is off (0) by default.
 *
 * @param actuationNoise σ_x: Gaussian noise on the applied inputs, fresh every call
 * @param readoutNoise   σ_y: Gaussian noise on the measured outputs, fresh every call
 * @param shotNoise      σ_s: shot noise, a reading v has variance σ_s²·v (a detector that counts
 *                       v/σ_s² photo-electrons for a reading v, Gaussian approximation of Poisson);
 *                       negative readings have none
 * @param powerNoise     σ_p: the relative shot-to-shot fluctuation of the signal level, one
 *                       multiplicative factor {@code 1 + σ_p·randn} for all outputs of a sample
 *                       (a laser shot's power, a lamp's flicker)
 * @param drift          per-call step of a random walk of the system's drifting hidden quantities
 *                       (which ones is the system's business), so the hardware slowly wanders
 * @param dacBits        quantises inputs x (over ±{@code dacRange}) and θ (over each parameter's
 *                       range) to this many bits; 0 = ideal. Values beyond the range saturate, as a
 *                       real DAC does
 * @param dacRange       the input DAC's full scale
 * @param adcBits        quantises the readout over ±{@code adcRange} to this many bits; 0 = ideal;
 *                       readings beyond the range saturate
 * @param adcRange       the readout ADC's full scale
 */
public record IoKnobs(float actuationNoise, float readoutNoise, float shotNoise, float powerNoise, float drift,
                      int dacBits, float dacRange, int adcBits, float adcRange) {

    /** The knob names {@link #with(String, double)} accepts, in the order of the components. */
    public static final List<String> NAMES = List.of("actuationNoise", "readoutNoise", "shotNoise", "powerNoise", "drift",
            "dacBits", "dacRange", "adcBits", "adcRange");

    /** Ideal inputs and outputs: no noise, no drift, no quantization (full scales ±4). */
    public static final IoKnobs NONE = new IoKnobs(0f, 0f, 0f, 0f, 0f, 0, 4f, 0, 4f);

    public IoKnobs {
        HardwareKnobs.requireNonNegative("actuationNoise", actuationNoise);
        HardwareKnobs.requireNonNegative("readoutNoise", readoutNoise);
        HardwareKnobs.requireNonNegative("shotNoise", shotNoise);
        HardwareKnobs.requireNonNegative("powerNoise", powerNoise);
        HardwareKnobs.requireNonNegative("drift", drift);
        bits("dacBits", dacBits);
        bits("adcBits", adcBits);
        if (!(dacRange > 0) || !(adcRange > 0) || !Float.isFinite(dacRange) || !Float.isFinite(adcRange)) {
            throw new IllegalArgumentException("dacRange and adcRange must be finite and > 0, were " + dacRange + ", " + adcRange);
        }
    }

    private static void bits(String name, int b) {
        if (b < 0 || b > 24) {
            throw new IllegalArgumentException(name + " must be in [0, 24] (0 = no quantization), was " + b);
        }
    }

    /** True when no knob changes anything (the full scales alone do not). */
    public boolean isIdeal() {
        return actuationNoise == 0 && readoutNoise == 0 && shotNoise == 0 && powerNoise == 0 && drift == 0 && dacBits == 0
                && adcBits == 0;
    }

    /** This with one knob ({@link #NAMES}) set; dacBits and adcBits take whole numbers. */
    public IoKnobs with(String knob, double value) {
        float v = (float) value;
        return switch (knob) {
            case "actuationNoise" -> withActuationNoise(v);
            case "readoutNoise" -> withReadoutNoise(v);
            case "shotNoise" -> withShotNoise(v);
            case "powerNoise" -> withPowerNoise(v);
            case "drift" -> withDrift(v);
            case "dacBits" -> withDac(wholeBits(knob, value), dacRange);
            case "dacRange" -> withDac(dacBits, v);
            case "adcBits" -> withAdc(wholeBits(knob, value), adcRange);
            case "adcRange" -> withAdc(adcBits, v);
            default -> throw new IllegalArgumentException("unknown I/O knob '" + knob + "': expected one of " + NAMES);
        };
    }

    private static int wholeBits(String knob, double value) {
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException(knob + " must be a whole number of bits, was " + value);
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value)); // the constructor checks [0, 24]
    }

    public IoKnobs withActuationNoise(float v) {
        return new IoKnobs(v, readoutNoise, shotNoise, powerNoise, drift, dacBits, dacRange, adcBits, adcRange);
    }

    public IoKnobs withReadoutNoise(float v) {
        return new IoKnobs(actuationNoise, v, shotNoise, powerNoise, drift, dacBits, dacRange, adcBits, adcRange);
    }

    public IoKnobs withShotNoise(float v) {
        return new IoKnobs(actuationNoise, readoutNoise, v, powerNoise, drift, dacBits, dacRange, adcBits, adcRange);
    }

    public IoKnobs withPowerNoise(float v) {
        return new IoKnobs(actuationNoise, readoutNoise, shotNoise, v, drift, dacBits, dacRange, adcBits, adcRange);
    }

    public IoKnobs withDrift(float v) {
        return new IoKnobs(actuationNoise, readoutNoise, shotNoise, powerNoise, v, dacBits, dacRange, adcBits, adcRange);
    }

    public IoKnobs withDac(int bits, float range) {
        return new IoKnobs(actuationNoise, readoutNoise, shotNoise, powerNoise, drift, bits, range, adcBits, adcRange);
    }

    public IoKnobs withAdc(int bits, float range) {
        return new IoKnobs(actuationNoise, readoutNoise, shotNoise, powerNoise, drift, dacBits, dacRange, bits, range);
    }
}
