package org.patengine.kernels.shg;

/**
 * The constants of one SHG layer as plain arrays the caller fills in place (sized once from the
 * {@link ShgSpec}; nothing is copied per call): everything between the shaper's modulation m and
 * the spectrometer's reading that does not depend on m.
 *
 * <p>The field in channel p is {@code E_p = a_p m_p e^{iφ_p}} (source amplitude, shaper gain and
 * residual spectral phase folded into a_p, φ_p). The second-harmonic field at channel i of the
 * fundamental grid, summing the ordered pairs (p, q) with p + q = 2i (symmetric about i), each
 * weighted by its phase matching w:
 * <pre>
 *   B_i = Σ_{j = −(N−1)}^{N−1} c_{i,|j|} m_{i+j} m_{i−j}    (terms with i ± j off the grid are absent)
 *       = c_{i,0} m_i² + 2 Σ_{j ≥ 1} c_{i,j} m_{i+j} m_{i−j},
 *   c_{i,j} = w_{i,j} a_{i+j} a_{i−j} e^{i(φ_{i+j} + φ_{i−j})},
 *   I_i = |B_i|²,   y_k = Σ_i R_{k,i} I_i.
 * </pre>
 * The tables hold c, so the kernels never see a, φ or w: the analytic twin has φ = 0 and w = 1 (a
 * real table), the simulated apparatus a complex one.
 *
 * <p>Convention: the second harmonic is sampled on the fundamental grid (frequencies 2ω_i), the
 * paper's idealised model; the half-step sums p + q odd are not formed.
 *
 * <p>Layouts: {@link #pairRe}, {@link #pairIm}: (N, N) row-major, entry {@code [i·N + j]} for
 * centre i and half-separation j ≥ 0; entries with i + j ≥ N or i − j &lt; 0 are ignored.
 * {@link #readout}: (M, N) row-major. Defaults after construction: c = 0, R = 0, a real field.
 */
public final class ShgParams {
    /** Re c_{i,j}: (N, N). */
    public final float[] pairRe;
    /** Im c_{i,j}: (N, N); read only when {@link #complexField} is true. */
    public final float[] pairIm;
    /** The spectrometer's linear response R: (M, N), bins by second-harmonic channels. */
    public final float[] readout;
    /** Whether {@link #pairIm} takes part; false for a real field (the twin), which kernels may exploit. */
    public boolean complexField;

    private final ShgSpec spec;

    public ShgParams(ShgSpec spec) {
        this.spec = spec;
        pairRe = new float[spec.pairLength()];
        pairIm = new float[spec.pairLength()];
        readout = new float[spec.readoutLength()];
    }

    /** The shape these arrays were sized for. */
    public ShgSpec spec() {
        return spec;
    }

    /** Checks every value of the tables used is finite; throws naming the first that is not. */
    public void validate() {
        finite("pairRe", pairRe);
        if (complexField) {
            finite("pairIm", pairIm);
        }
        finite("readout", readout);
    }

    private static void finite(String name, float[] a) {
        for (int k = 0; k < a.length; k++) {
            if (!Float.isFinite(a[k])) {
                throw new IllegalArgumentException("ShgParams." + name + "[" + k + "] = " + a[k] + ": expected a finite value");
            }
        }
    }
}
