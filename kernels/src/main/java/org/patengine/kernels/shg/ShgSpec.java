package org.patengine.kernels.shg;

/**
 * The fixed shape of a second-harmonic-generation (SHG) layer: {@code channels} spectral channels
 * of the pulse shaper (the modulation m has this width) read out as {@code bins} spectrometer bins.
 *
 * @param channels N, the pulse shaper's channels, ≥ 1
 * @param bins     M, the spectrometer's output bins, ≥ 1
 */
public record ShgSpec(int channels, int bins) {

    public ShgSpec {
        if (channels < 1) {
            throw new IllegalArgumentException("channels (N) must be >= 1, was " + channels);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins (M) must be >= 1, was " + bins);
        }
        if ((long) channels * channels > Integer.MAX_VALUE / 8 || (long) bins * channels > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("channels = " + channels + ", bins = " + bins + " are too large for the dense tables");
        }
    }

    /** Floats in each pair table (re, im): (N, N), centre i by half-separation j. */
    public int pairLength() {
        return channels * channels;
    }

    /** Floats in the readout matrix: (M, N). */
    public int readoutLength() {
        return bins * channels;
    }

    /** The number of pair terms (i, j ≥ 0) on the grid: Σ_i (min(i, N−1−i) + 1). */
    public long pairTerms() {
        long t = 0;
        for (int i = 0; i < channels; i++) {
            t += Math.min(i, channels - 1 - i) + 1;
        }
        return t;
    }

    /**
     * Floating-point operations of one forward pass per sample: per pair term a product and one
     * multiply-add per field component (real: 3, complex: 5), |B|² (real 1, complex 3), and the readout
     * (2·M·N).
     */
    public long forwardFlopsPerSample(boolean complexField) {
        long perPair = complexField ? 5 : 3;
        long perChannel = complexField ? 3 : 1;
        return perPair * pairTerms() + perChannel * channels + 2L * bins * channels;
    }

    /**
     * Floating-point operations of the VJP per sample on top of its forward: the readout's transpose
     * (2·M·N), and per pair term the weight (real 1, complex 3) and two multiply-adds (4).
     */
    public long vjpFlopsPerSample(boolean complexField) {
        long perPair = complexField ? 7 : 5;
        return perPair * pairTerms() + 2L * bins * channels + 4L * channels;
    }
}
