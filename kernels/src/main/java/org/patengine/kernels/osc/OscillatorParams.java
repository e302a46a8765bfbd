package org.patengine.kernels.osc;

import java.util.Arrays;

/**
 * The physical constants of one oscillator simulation, as plain arrays the caller fills in place
 * (sized once from the {@link OscillatorSpec}; nothing is copied per call).
 *
 * <p>The equations of motion, for oscillator i of n:
 * <pre>
 *   q̈_i = −k_i sin(s_i q_i) + Σ_{j≠i} J_ij (sin(s_j q_j) − sin(s_i q_i)) + e_i − γ q̇_i,
 *   q_i(0) = a_i x_i,   q̇_i(0) = 0.
 * </pre>
 * The nonlinearity scale s multiplies q inside every sine (restoring and coupling terms alike), as in
 * the reference's mismatch model {@code sin((1+η)q)}; nominally s = 1.
 *
 * <p>Layouts: {@link #coupling} as described by {@link Topology} ((n, n) symmetric with zero diagonal,
 * or one value per ring link); {@link #k}, {@link #e}, {@link #s}, {@link #a}: (n).
 * Defaults after construction: J = 0, k = 1, e = 0, s = 1, a = 1, γ = 0.
 *
 * <p>Checks: {@link #validate()} is the full O(n²) check (J symmetric with a zero diagonal, every
 * value finite), for whoever fills the arrays by hand. The kernels check only the O(n) part on
 * every call (the spec, and k, e, s, a, γ and a ring's links finite): an all-to-all J is built
 * symmetric by construction where it comes from (native-sim's {@code OscillatorLayout} writes
 * {@code J_ij = J_ji = θ_ij} from the upper-triangle parameters θ), and a non-finite J still ends
 * in the kernels' divergence check.
 */
public final class OscillatorParams {
    /** The coupling J: (n, n) row-major symmetric with zero diagonal, or (links) for a ring. */
    public final float[] coupling;
    /** Restoring stiffness k: (n). */
    public final float[] k;
    /** Constant drive e: (n). */
    public final float[] e;
    /** Nonlinearity scale s inside the sines: (n); 1 for the nominal model. */
    public final float[] s;
    /** Input gain a, q(0) = a∘x: (n). */
    public final float[] a;
    /** Damping γ (the same for every oscillator). */
    public float gamma;

    private final OscillatorSpec spec;

    public OscillatorParams(OscillatorSpec spec) {
        this.spec = spec;
        int n = spec.n();
        coupling = new float[spec.couplingLength()];
        k = new float[n];
        e = new float[n];
        s = new float[n];
        a = new float[n];
        Arrays.fill(k, 1f);
        Arrays.fill(s, 1f);
        Arrays.fill(a, 1f);
    }

    /** The shape these arrays were sized for. */
    public OscillatorSpec spec() {
        return spec;
    }

    /** Copies every value from {@code other} (same spec). */
    public void copyFrom(OscillatorParams other) {
        if (!other.spec.equals(spec)) {
            throw new IllegalArgumentException("spec mismatch: " + other.spec + " vs " + spec);
        }
        System.arraycopy(other.coupling, 0, coupling, 0, coupling.length);
        System.arraycopy(other.k, 0, k, 0, k.length);
        System.arraycopy(other.e, 0, e, 0, e.length);
        System.arraycopy(other.s, 0, s, 0, s.length);
        System.arraycopy(other.a, 0, a, 0, a.length);
        gamma = other.gamma;
    }

    /**
     * Checks that every value is finite and, for all-to-all, that J is exactly symmetric with a zero
     * diagonal; throws {@link IllegalArgumentException} naming the first offending entry. O(n²).
     */
    public void validate() {
        int n = spec.n();
        if (spec.topology() != Topology.ALL_TO_ALL) {
            validateVectors();
            return;
        }
        for (int i = 0; i < n; i++) {
            if (coupling[i * n + i] != 0f) {
                throw new IllegalArgumentException("coupling J[" + i + "," + i + "] = " + coupling[i * n + i]
                        + ": the diagonal must be 0");
            }
            for (int j = i + 1; j < n; j++) {
                float v = coupling[i * n + j];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("coupling J[" + i + "," + j + "] = " + v + ": expected a finite value");
                }
                if (v != coupling[j * n + i]) {
                    throw new IllegalArgumentException("coupling J[" + i + "," + j + "] = " + v + " but J[" + j + "," + i
                            + "] = " + coupling[j * n + i] + ": J must be symmetric");
                }
            }
        }
        validateVectors();
    }

    /**
     * The O(n) part of {@link #validate()}, which the kernels run on every call: a ring's links, k,
     * e, s, a and γ are finite (an all-to-all J is not looked at).
     */
    void validateVectors() {
        if (spec.topology() != Topology.ALL_TO_ALL) {
            finite("coupling", coupling);
        }
        finite("k", k);
        finite("e", e);
        finite("s", s);
        finite("a", a);
        if (!Float.isFinite(gamma)) {
            throw new IllegalArgumentException("gamma = " + gamma + ": expected a finite value");
        }
    }

    private static void finite(String name, float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + v[i] + ": expected a finite value");
            }
        }
    }
}
