package org.patengine.kernels.shg;

/**
 * A double-precision forward of the SHG map, written independently of the float kernels and
 * straight from the ordered-pair sum: for every pair (p, q) on the grid with p + q = 2i, the complex
 * term c_{i,|p−i|} m_p m_q, then |B_i|² and the readout. Slow; for finite-difference gradient
 * checks, where float rounding would swamp the differences, and for checking the float forward.
 */
public final class DoubleShgReference {
    private final ShgSpec spec;
    private final double[] cr, ci, r;

    /** A reference holding the (widened) values of {@code p}; Im c is zero for a real field. */
    public DoubleShgReference(ShgParams p) {
        this.spec = p.spec();
        cr = widen(p.pairRe);
        ci = p.complexField ? widen(p.pairIm) : new double[p.pairIm.length];
        r = widen(p.readout);
    }

    private static double[] widen(float[] a) {
        double[] d = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            d[k] = a[k];
        }
        return d;
    }

    /** y (M) of one sample m (N). */
    public double[] forward(double[] m) {
        int n = spec.channels();
        double[] intensity = new double[n];
        for (int i = 0; i < n; i++) {
            double re = 0, im = 0;
            for (int p = 0; p < n; p++) {
                int q = 2 * i - p;
                if (q < 0 || q >= n) {
                    continue;
                }
                int d = Math.abs(p - i);
                double prod = m[p] * m[q];
                re += cr[i * n + d] * prod;
                im += ci[i * n + d] * prod;
            }
            intensity[i] = re * re + im * im;
        }
        double[] y = new double[spec.bins()];
        for (int k = 0; k < spec.bins(); k++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += r[k * n + i] * intensity[i];
            }
            y[k] = s;
        }
        return y;
    }

    /** ⟨v, y(m)⟩. */
    public double dot(double[] m, double[] v) {
        double[] y = forward(m);
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            s += v[k] * y[k];
        }
        return s;
    }
}
