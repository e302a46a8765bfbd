package org.patengine.sim.shg;

import java.util.List;

import org.patengine.sim.hw.HardwareKnobs;

/**
 * How the simulated SHG apparatus's optics differ from the twin's idealised model; each knob is
 * off (0) by default and off means nominal. Frequencies are in units of the shaper's half
 * bandwidth: channel j sits at the normalised detuning ν_j = (j − (N−1)/2)/(N/2) ∈ (−1, 1).
 *
 * @param gdd               residual group-delay dispersion: a spectral phase φ_j = ½·gdd·ν_j², in
 *                          radians at the band edge (an uncompensated pulse's chirp); makes the field complex
 * @param crystalLength     L of the doubling crystal, in units where a pair (p, q) is weighted by
 *                          sinc(Δk_pq L/2) with Δk_pq L/2 = L·(κ₁·(ν_p+ν_q)/2 + κ₂·((ν_p−ν_q)/2)²),
 *                          κ₁ = {@value ShgOptics#GROUP_VELOCITY_MISMATCH} (group-velocity mismatch),
 *                          κ₂ = {@value ShgOptics#GROUP_VELOCITY_DISPERSION} (dispersion); L → 0 is perfect phase matching
 * @param sourceShift       the source spectrum's centre offset, in ν units (a laser tuned off the design)
 * @param sourceWidth       the relative change of the source's FWHM (−0.1: 10 % narrower than nominal)
 * @param gainError         σ of a hidden, fixed per-channel gain error of the shaper, a_j ·(1 + σ·r_j)
 * @param crosstalk         σ, in channels, of the shaper's Gaussian point-spread (neighbouring pixels leak)
 * @param shaperBits        quantisation of every modulation m (the mirrors' settable fractions), 0 = ideal
 * @param blur              σ, in second-harmonic channels, of the spectrometer's Gaussian blur
 * @param spectrometerShift the spectrometer's calibration offset, in second-harmonic channels
 */
public record ShgMismatch(float gdd, float crystalLength, float sourceShift, float sourceWidth, float gainError,
                          float crosstalk, int shaperBits, float blur, float spectrometerShift) {

    /** The knob names {@link #with} accepts, in the order of the components. */
    public static final List<String> NAMES = List.of("gdd", "crystalLength", "sourceShift", "sourceWidth", "gainError",
            "crosstalk", "shaperBits", "blur", "spectrometerShift");

    /** The nominal optics: every knob off. */
    public static final ShgMismatch NONE = new ShgMismatch(0f, 0f, 0f, 0f, 0f, 0f, 0, 0f, 0f);

    public ShgMismatch {
        finite("gdd", gdd);
        HardwareKnobs.requireNonNegative("crystalLength", crystalLength);
        finite("sourceShift", sourceShift);
        if (!(sourceWidth > -0.9f) || !Float.isFinite(sourceWidth)) {
            throw new IllegalArgumentException("sourceWidth (relative change of the FWHM) must be finite and > -0.9, was " + sourceWidth);
        }
        HardwareKnobs.requireNonNegative("gainError", gainError);
        HardwareKnobs.requireNonNegative("crosstalk", crosstalk);
        if (shaperBits < 0 || shaperBits > 16) {
            throw new IllegalArgumentException("shaperBits must be in [0, 16] (0 = no quantization), was " + shaperBits);
        }
        HardwareKnobs.requireNonNegative("blur", blur);
        finite("spectrometerShift", spectrometerShift);
    }

    private static void finite(String name, float v) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, was " + v);
        }
    }

    /** True when every knob is off. */
    public boolean isNone() {
        return equals(NONE);
    }

    /** This with one knob ({@link #NAMES}) set; shaperBits takes whole numbers. */
    public ShgMismatch with(String knob, double value) {
        float v = (float) value;
        return switch (knob) {
            case "gdd" -> new ShgMismatch(v, crystalLength, sourceShift, sourceWidth, gainError, crosstalk, shaperBits, blur, spectrometerShift);
            case "crystalLength" -> new ShgMismatch(gdd, v, sourceShift, sourceWidth, gainError, crosstalk, shaperBits, blur, spectrometerShift);
            case "sourceShift" -> new ShgMismatch(gdd, crystalLength, v, sourceWidth, gainError, crosstalk, shaperBits, blur, spectrometerShift);
            case "sourceWidth" -> new ShgMismatch(gdd, crystalLength, sourceShift, v, gainError, crosstalk, shaperBits, blur, spectrometerShift);
            case "gainError" -> new ShgMismatch(gdd, crystalLength, sourceShift, sourceWidth, v, crosstalk, shaperBits, blur, spectrometerShift);
            case "crosstalk" -> new ShgMismatch(gdd, crystalLength, sourceShift, sourceWidth, gainError, v, shaperBits, blur, spectrometerShift);
            case "shaperBits" -> {
                if (value != Math.rint(value)) {
                    throw new IllegalArgumentException("shaperBits must be a whole number of bits, was " + value);
                }
                yield new ShgMismatch(gdd, crystalLength, sourceShift, sourceWidth, gainError, crosstalk,
                        (int) Math.max(-1, Math.min(99, value)), blur, spectrometerShift);
            }
            case "blur" -> new ShgMismatch(gdd, crystalLength, sourceShift, sourceWidth, gainError, crosstalk, shaperBits, v, spectrometerShift);
            case "spectrometerShift" -> new ShgMismatch(gdd, crystalLength, sourceShift, sourceWidth, gainError, crosstalk, shaperBits, blur, v);
            default -> throw new IllegalArgumentException("unknown SHG knob '" + knob + "': expected one of " + NAMES);
        };
    }
}
