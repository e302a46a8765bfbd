package org.patengine.kernels.osc;

/**
 * A double-precision forward of the same discrete RK4 simulation, written independently of the
 * float kernels and straight from the equation (the coupling sum term by term, the RK4 stages in
 * textbook form). Slow; it exists for finite-difference gradient checks, where float rounding would
 * swamp the differences, and for checking the float kernels' forward.
 *
 * <pre>
 *   q̈_i = −k_i sin(s_i q_i) + Σ_{j≠i} J_ij (sin(s_j q_j) − sin(s_i q_i)) + e_i − γ q̇_i,
 *   q(0) = a∘x, q̇(0) = 0, RK4 with spec.steps() steps of h = T / steps (in double).
 * </pre>
 */
public final class DoubleOscillatorReference {
    private final OscillatorSpec spec;
    /** Coupling in the layout of {@link OscillatorParams#coupling}. */
    public final double[] coupling;
    public final double[] k, e, s, a;
    public double gamma;

    public DoubleOscillatorReference(OscillatorSpec spec) {
        this.spec = spec;
        coupling = new double[spec.couplingLength()];
        k = new double[spec.n()];
        e = new double[spec.n()];
        s = new double[spec.n()];
        a = new double[spec.n()];
    }

    /** A reference holding the (widened) values of {@code p}. */
    public static DoubleOscillatorReference of(OscillatorParams p) {
        DoubleOscillatorReference r = new DoubleOscillatorReference(p.spec());
        for (int i = 0; i < p.coupling.length; i++) {
            r.coupling[i] = p.coupling[i];
        }
        for (int i = 0; i < p.k.length; i++) {
            r.k[i] = p.k[i];
            r.e[i] = p.e[i];
            r.s[i] = p.s[i];
            r.a[i] = p.a[i];
        }
        r.gamma = p.gamma;
        return r;
    }

    public OscillatorSpec spec() {
        return spec;
    }

    /** Runs one sample: x (n) → q(T) into qOut (n) and q̇(T) into qDotOut (n, may be null). */
    public void forward(double[] x, double[] qOut, double[] qDotOut) {
        int n = spec.n();
        double h = (double) spec.duration() / spec.steps();
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            y[i] = a[i] * x[i];
        }
        double[] k1 = new double[2 * n], k2 = new double[2 * n], k3 = new double[2 * n], k4 = new double[2 * n];
        double[] tmp = new double[2 * n];
        for (int step = 0; step < spec.steps(); step++) {
            rhs(y, k1);
            axpy(y, 0.5 * h, k1, tmp);
            rhs(tmp, k2);
            axpy(y, 0.5 * h, k2, tmp);
            rhs(tmp, k3);
            axpy(y, h, k3, tmp);
            rhs(tmp, k4);
            for (int i = 0; i < 2 * n; i++) {
                y[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
            }
        }
        System.arraycopy(y, 0, qOut, 0, n);
        if (qDotOut != null) {
            System.arraycopy(y, n, qDotOut, 0, n);
        }
    }

    /** Runs a batch: x (batch, n) → q (batch, n), q̇ (batch, n, may be null). */
    public void forward(int batch, double[] x, double[] qOut, double[] qDotOut) {
        int n = spec.n();
        double[] xi = new double[n], qi = new double[n], vi = new double[n];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(x, b * n, xi, 0, n);
            forward(xi, qi, vi);
            System.arraycopy(qi, 0, qOut, b * n, n);
            if (qDotOut != null) {
                System.arraycopy(vi, 0, qDotOut, b * n, n);
            }
        }
    }

    private static void axpy(double[] y, double c, double[] k, double[] out) {
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + c * k[i];
        }
    }

    /** dy/dt for y = (q, q̇). */
    private void rhs(double[] y, double[] dy) {
        int n = spec.n();
        double[] sn = new double[n];
        for (int i = 0; i < n; i++) {
            sn[i] = Math.sin(s[i] * y[i]);
        }
        for (int i = 0; i < n; i++) {
            double f = -k[i] * sn[i] + e[i] - gamma * y[n + i];
            if (spec.topology() == Topology.ALL_TO_ALL) {
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        f += coupling[i * n + j] * (sn[j] - sn[i]);
                    }
                }
            }
            dy[i] = y[n + i];
            dy[n + i] = f;
        }
        if (spec.topology() == Topology.RING) {
            int links = Topology.ringLinks(n);
            for (int l = 0; l < links; l++) {
                int j = (l + 1) % n;
                double c = coupling[l];
                dy[n + l] += c * (sn[j] - sn[l]);
                dy[n + j] += c * (sn[l] - sn[j]);
            }
        }
    }
}
