package org.patengine.sim.shg;

import org.patengine.kernels.shg.ShgParams;
import org.patengine.kernels.shg.ShgSpec;

/**
 * The optics between the shaper and the spectrometer, turned into the kernel's tables
 * ({@link ShgParams}): the pair table c_{i,j} = w_{i,j} a_{i+j} a_{i−j} e^{i(φ_{i+j}+φ_{i−j})} and the
 * readout matrix R. Channel j sits at ν_j = (j − (N−1)/2)/(N/2).
 * <pre>
 *   source amplitude  s_j = exp(−2 ln2 ((ν_j − ν₀)/F)²)          (intensity FWHM F, centre ν₀)
 *   amplitude         a_j = s_j (1 + σ_g r_j)                    (shaper gain error, r fixed per channel)
 *   phase             φ_j = ½ GDD ν_j²
 *   phase matching    w_{i,j} = sinc(L (κ₁ (ν_p+ν_q)/2 + κ₂ ((ν_p−ν_q)/2)²)),  p = i+j, q = i−j
 *   readout           R_{k,i} = the share of SH channel i's cell [i, i+1), shifted by the calibration
 *                     offset and blurred by a Gaussian, that falls in bin k's interval
 *                     [u₀ + kW/M, u₀ + (k+1)W/M) of the readout window [u₀, u₀ + W) (the whole [0, N) by default),
 *                     integrated over {@value #SUBPIXELS} sub-pixels per channel; then R ← R / full scale
 * </pre>
 * The full scale is the largest bin at m ≡ 1 of the same optics (a calibration with the shaper
 * fully open), so every reading lies in about [0, 1].
 */
final class ShgOptics {
    /** The nominal source's intensity FWHM in ν units: the pulse spans the shaper, its edges at about half amplitude. */
    static final double SOURCE_FWHM = 1.6;
    /** κ₁: the group-velocity-mismatch term of Δk L/2 per unit L at the band edge. */
    static final double GROUP_VELOCITY_MISMATCH = 1.0;
    /** κ₂: the dispersion term of Δk L/2 per unit L. */
    static final double GROUP_VELOCITY_DISPERSION = 2.0;
    /** Sub-pixels per channel of the spectrometer's fine grid. */
    static final int SUBPIXELS = 8;

    private ShgOptics() {
    }

    static double nu(int j, int n) {
        return (j - (n - 1) / 2.0) / (n / 2.0);
    }

    /** The source amplitude (N) for a centre offset and a relative FWHM change. */
    static double[] source(int n, double centre, double widthChange) {
        return source(n, centre, widthChange, new double[n]);
    }

    /** {@link #source(int, double, double)} into {@code s} (N). */
    static double[] source(int n, double centre, double widthChange, double[] s) {
        double f = SOURCE_FWHM * (1 + widthChange);
        for (int j = 0; j < n; j++) {
            double u = (nu(j, n) - centre) / f;
            s[j] = Math.exp(-2 * Math.log(2) * u * u);
        }
        return s;
    }

    /** Fills the pair table of {@code out} (power scales every c, so I by power²); {@code phase} (N) is a workspace. */
    static void pairTable(ShgSpec spec, double[] amplitude, double gdd, double crystalLength, double power, ShgParams out,
                          double[] phase) {
        int n = spec.channels();
        for (int j = 0; j < n; j++) {
            double v = nu(j, n);
            phase[j] = 0.5 * gdd * v * v;
        }
        boolean complex = gdd != 0;
        out.complexField = complex;
        java.util.Arrays.fill(out.pairRe, 0f);
        java.util.Arrays.fill(out.pairIm, 0f);
        for (int i = 0; i < n; i++) {
            int jMax = Math.min(i, n - 1 - i);
            for (int j = 0; j <= jMax; j++) {
                int p = i + j, q = i - j;
                double w = 1;
                if (crystalLength > 0) {
                    double sum = (nu(p, n) + nu(q, n)) / 2, diff = (nu(p, n) - nu(q, n)) / 2;
                    double arg = crystalLength * (GROUP_VELOCITY_MISMATCH * sum + GROUP_VELOCITY_DISPERSION * diff * diff);
                    w = arg == 0 ? 1 : Math.sin(arg) / arg;
                }
                double amp = power * w * amplitude[p] * amplitude[q];
                double ph = phase[p] + phase[q];
                out.pairRe[i * n + j] = (float) (complex ? amp * Math.cos(ph) : amp);
                out.pairIm[i * n + j] = complex ? (float) (amp * Math.sin(ph)) : 0f;
            }
        }
    }

    /**
     * The readout matrix (M, N) of a spectrometer whose bins tile the window [from·N, to·N), with a
     * Gaussian blur σ and an offset, both in channels; not yet normalised.
     */
    static void readout(ShgSpec spec, double from, double to, double blur, double shift, float[] r) {
        int n = spec.channels(), m = spec.bins();
        double start = from * n;
        double binWidth = (to - from) * n / m;
        java.util.Arrays.fill(r, 0f);
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < SUBPIXELS; s++) {
                double u = i + (s + 0.5) / SUBPIXELS + shift;
                for (int k = 0; k < m; k++) {
                    double lo = start + k * binWidth, hi = start + (k + 1) * binWidth;
                    double share = blur > 0 ? gaussianCdf((hi - u) / blur) - gaussianCdf((lo - u) / blur)
                            : (u >= lo && u < hi ? 1 : 0);
                    r[k * n + i] += (float) (share / SUBPIXELS);
                }
            }
        }
    }

    /** Divides R by the largest bin the optics give at m ≡ 1 (its full scale). */
    static void normalise(ShgParams p) {
        ShgSpec spec = p.spec();
        int n = spec.channels();
        double[] intensity = new double[n];
        for (int i = 0; i < n; i++) {
            double re = 0, im = 0;
            int jMax = Math.min(i, n - 1 - i);
            for (int j = 0; j <= jMax; j++) {
                double f = j == 0 ? 1 : 2;
                re += f * p.pairRe[i * n + j];
                im += p.complexField ? f * p.pairIm[i * n + j] : 0;
            }
            intensity[i] = re * re + im * im;
        }
        double max = 0;
        for (int k = 0; k < spec.bins(); k++) {
            double y = 0;
            for (int i = 0; i < n; i++) {
                y += p.readout[k * n + i] * intensity[i];
            }
            max = Math.max(max, y);
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException("the SHG optics give no signal at full transmission (full scale " + max
                    + "): check the source and the spectrometer knobs");
        }
        for (int k = 0; k < p.readout.length; k++) {
            p.readout[k] = (float) (p.readout[k] / max);
        }
    }

    /** Φ(z), the standard normal distribution function. */
    static double gaussianCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** erfc(x), relative error below 1.2e-7 (Numerical Recipes' Chebyshev fit). */
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
