package org.patengine.sim.osc;

import org.patengine.kernels.osc.OscillatorGradients;
import org.patengine.kernels.osc.OscillatorParams;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.Topology;

/**
 * How the trainable parameters θ of an oscillator layer map onto the simulation's constants:
 * {@code θ = (J, k, e)} with
 * <ul>
 *   <li>J: the free couplings — the upper triangle of the symmetric matrix (i &lt; j, row by row)
 *       for all-to-all, one value per link for a ring;</li>
 *   <li>k: the n stiffnesses;</li>
 *   <li>e: the n constant drives.</li>
 * </ul>
 * Parameterising J by its upper triangle keeps it symmetric by construction, and the kernel's
 * coupling gradient is already the derivative with respect to each shared value. (The reference
 * code trains a full matrix C with J = offdiag((C + Cᵀ)/2) and its diagonal acting as extra
 * stiffness; the same family of systems.)
 *
 * <p>Allowed ranges (actuator limits): J ∈ [−{@value #J_LIMIT}, {@value #J_LIMIT}],
 * k ∈ [{@value #K_MIN}, {@value #K_MAX}], e ∈ [−{@value #E_LIMIT}, {@value #E_LIMIT}].
 */
public final class OscillatorLayout {
    public static final float J_LIMIT = 2f;
    public static final float K_MIN = 0f;
    public static final float K_MAX = 4f;
    public static final float E_LIMIT = 2f;

    private final OscillatorSpec spec;
    private final int couplings;

    public OscillatorLayout(OscillatorSpec spec) {
        this.spec = spec;
        this.couplings = spec.topology().freeCouplings(spec.n());
    }

    public OscillatorSpec spec() {
        return spec;
    }

    /** Number of free couplings (the J block of θ). */
    public int couplings() {
        return couplings;
    }

    /** |θ| = couplings + 2n. */
    public int size() {
        return couplings + 2 * spec.n();
    }

    /** Where k starts in θ. */
    public int kOffset() {
        return couplings;
    }

    /** Where e starts in θ. */
    public int eOffset() {
        return couplings + spec.n();
    }

    public float lower(int i) {
        checkIndex(i);
        return i < couplings ? -J_LIMIT : i < eOffset() ? K_MIN : -E_LIMIT;
    }

    public float upper(int i) {
        checkIndex(i);
        return i < couplings ? J_LIMIT : i < eOffset() ? K_MAX : E_LIMIT;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("parameter index " + i + " outside [0, " + size() + ")");
        }
    }

    /** The name of parameter i, for messages: "J[3,7]", "k[2]", "e[0]". */
    public String describe(int i) {
        checkIndex(i);
        if (i >= eOffset()) {
            return "e[" + (i - eOffset()) + "]";
        }
        if (i >= kOffset()) {
            return "k[" + (i - kOffset()) + "]";
        }
        if (spec.topology() == Topology.RING) {
            return "J[link " + i + "]";
        }
        int n = spec.n();
        int r = 0;
        int rest = i;
        while (rest >= n - 1 - r) {
            rest -= n - 1 - r;
            r++;
        }
        return "J[" + r + "," + (r + 1 + rest) + "]";
    }

    /**
     * Checks θ: length, finiteness, range. The message names the parameter and its range.
     */
    public void check(float[] theta) {
        if (theta == null) {
            throw new NullPointerException("theta is null");
        }
        if (theta.length < size()) {
            throw new IllegalArgumentException("theta has length " + theta.length + ", expected at least " + size()
                    + " (" + couplings + " couplings + " + spec.n() + " stiffnesses + " + spec.n() + " drives)");
        }
        // one branch-free pass over the three blocks (a NaN fails both comparisons); only a bad θ is searched again
        boolean ok = inRange(theta, 0, couplings, -J_LIMIT, J_LIMIT) & inRange(theta, kOffset(), eOffset(), K_MIN, K_MAX)
                & inRange(theta, eOffset(), size(), -E_LIMIT, E_LIMIT);
        if (ok) {
            return;
        }
        for (int i = 0; i < size(); i++) {
            float v = theta[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("theta " + describe(i) + " = " + v + ": expected a finite value");
            }
            if (v < lower(i) || v > upper(i)) {
                throw new IllegalArgumentException("theta " + describe(i) + " = " + v + " is outside its range ["
                        + lower(i) + ", " + upper(i) + "]");
            }
        }
    }

    private static boolean inRange(float[] theta, int from, int to, float lo, float hi) {
        boolean ok = true;
        for (int i = from; i < to; i++) {
            float v = theta[i];
            ok &= (v >= lo) & (v <= hi);
        }
        return ok;
    }

    /** Tiles of the lower triangle mirrored at a time: both sides of a tile stay in L1. */
    private static final int TILE = 32;

    /** Writes θ's couplings, stiffnesses and drives into {@code p} (s, a, γ untouched). */
    public void apply(float[] theta, OscillatorParams p) {
        int n = spec.n();
        if (spec.topology() == Topology.ALL_TO_ALL) {
            float[] jm = p.coupling;
            // the upper triangle row by row (θ holds row i's couplings j > i contiguously), then the lower one
            // as its transpose, tile by tile (writing the mirror in θ's order strides through all of J)
            int t = 0;
            for (int i = 0; i < n; i++) {
                jm[i * n + i] = 0f;
                System.arraycopy(theta, t, jm, i * n + i + 1, n - i - 1);
                t += n - i - 1;
            }
            for (int i0 = 0; i0 < n; i0 += TILE) {
                int i1 = Math.min(n, i0 + TILE);
                for (int j0 = 0; j0 <= i0; j0 += TILE) {
                    for (int i = i0; i < i1; i++) {
                        int j1 = Math.min(j0 + TILE, i);
                        for (int j = j0; j < j1; j++) {
                            jm[i * n + j] = jm[j * n + i];
                        }
                    }
                }
            }
        } else {
            System.arraycopy(theta, 0, p.coupling, 0, couplings);
        }
        System.arraycopy(theta, kOffset(), p.k, 0, n);
        System.arraycopy(theta, eOffset(), p.e, 0, n);
    }

    /**
     * Overwrites {@code gTheta} with the kernel's gradients in θ's layout, scaled per block: the
     * coupling gradient times {@code couplingScale}, k's times {@code kScale[i]} (null = 1).
     */
    public void gradient(OscillatorGradients g, float couplingScale, float[] kScale, float[] gTheta) {
        int n = spec.n();
        if (spec.topology() == Topology.ALL_TO_ALL) {
            int t = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    gTheta[t++] = couplingScale * g.coupling[i * n + j];
                }
            }
        } else {
            for (int l = 0; l < couplings; l++) {
                gTheta[l] = couplingScale * g.coupling[l];
            }
        }
        for (int i = 0; i < n; i++) {
            gTheta[kOffset() + i] = kScale == null ? g.k[i] : kScale[i] * g.k[i];
            gTheta[eOffset() + i] = g.e[i];
        }
    }
}
