package org.patengine.sim.shg;

import java.util.List;
import java.util.Locale;

import org.patengine.sim.hw.HardwareKnobs;
import org.patengine.sim.hw.IoKnobs;

/**
 * The ways the simulated SHG apparatus differs from the twin: its optics ({@link ShgMismatch}) and
 * the generic I/O chain ({@link IoKnobs}: shot, readout and power noise, drift, ADC); each knob off
 * by default, all randomness from {@code seed}.
 *
 * <p>Preset {@code lab-gap}, moderate values of a table-top setup:
 * <ul>
 *   <li>gdd 3 rad at the band edge: a pulse compressor somewhat off;</li>
 *   <li>crystalLength 1.2: a crystal long enough that the edge pairs lose a few tens of per cent;</li>
 *   <li>sourceShift 0.05, sourceWidth −0.1: the laser 2.5 % of the bandwidth off centre, 10 % narrower;</li>
 *   <li>gainError 0.05: 5 % pixel-to-pixel shaper gain ripple; crosstalk 0.5 channels; 8-bit mirrors;</li>
 *   <li>blur 0.7 channels, spectrometerShift 0.3 channels: a slightly defocused, miscalibrated spectrometer;</li>
 *   <li>the spectrometer of a scientific CCD: shotNoise 0.002 (a full-scale reading, the brightest bin of
 *       the fully open pulse, counts 2.5·10⁵ photo-electrons over an exposure of many pulses),
 *       readoutNoise 0.0005 (dark and read noise), a 16-bit ADC over ±1.5;</li>
 *   <li>powerNoise 0.01 (1 % shot-to-shot power), drift 0.0005 per call (power, centre and GDD wander).</li>
 * </ul>
 * The detector was first 10⁴ photo-electrons, readoutNoise 0.002 and 12 bits. A 100-channel layer at
 * mid-box reads about 3 % of full scale (the SH intensity goes as m⁴), so its bins counted some 300
 * photo-electrons: 6 % shot noise, 7 % readout noise, and a sample's class shows as 10-20 % of a bin.
 * Nothing learned the vowels on that apparatus, not even its exact gradients (44 % after 200 epochs; the old detector
 * is {@code --hardware shotNoise=0.01,readoutNoise=0.002,adcBits=12}).
 * Under it the twin is a useful but imperfect model (its figures: {@code pat gap --system shg --preset lab-gap}).
 */
public record ShgNonidealities(ShgMismatch mismatch, IoKnobs io, long seed) implements HardwareKnobs<ShgNonidealities> {

    public static final List<String> PRESETS = List.of("none", "lab-gap");

    /** The knobs by name: {@link ShgMismatch#NAMES}, then {@link IoKnobs#NAMES}. */
    public static final List<String> KNOBS = HardwareKnobs.names(ShgMismatch.NAMES);

    public ShgNonidealities {
        if (mismatch == null || io == null) {
            throw new NullPointerException("mismatch and io must not be null, were " + mismatch + ", " + io);
        }
    }

    public static ShgNonidealities none(long seed) {
        return new ShgNonidealities(ShgMismatch.NONE, IoKnobs.NONE, seed);
    }

    public static ShgNonidealities labGap(long seed) {
        ShgMismatch optics = new ShgMismatch(3f, 1.2f, 0.05f, -0.1f, 0.05f, 0.5f, 8, 0.7f, 0.3f);
        IoKnobs io = IoKnobs.NONE.withShotNoise(0.002f).withReadoutNoise(0.0005f).withPowerNoise(0.01f).withDrift(0.0005f)
                .withAdc(16, 1.5f);
        return new ShgNonidealities(optics, io, seed);
    }

    /** A preset by name ({@link #PRESETS}). */
    public static ShgNonidealities preset(String name, long seed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> none(seed);
            case "lab-gap" -> labGap(seed);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "': expected one of " + PRESETS);
        };
    }

    @Override
    public List<String> mismatchKnobs() {
        return ShgMismatch.NAMES;
    }

    @Override
    public ShgNonidealities withMismatchKnob(String knob, double value) {
        return new ShgNonidealities(mismatch.with(knob, value), io, seed);
    }

    @Override
    public ShgNonidealities withIo(IoKnobs v) {
        return new ShgNonidealities(mismatch, v, seed);
    }

    /** True when every knob is off, so the apparatus equals the twin exactly. */
    public boolean isIdeal() {
        return mismatch.isNone() && io.isIdeal();
    }
}
