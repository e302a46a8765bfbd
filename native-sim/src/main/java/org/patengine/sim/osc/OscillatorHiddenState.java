package org.patengine.sim.osc;

import org.patengine.kernels.osc.OscillatorParams;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.Topology;
import org.patengine.sim.Rng;

/**
 * The oscillator hardware's hidden state on top of θ's constants:
 * <pre>
 *   J̃ = g(t)·(J + ΔJ),   k̃_i = k_i·(1 + σ_k r_i)(1 + d_i(t)),   s = 1 + η,
 * </pre>
 * ΔJ (σ_J·randn, symmetrised, zero diagonal) and r (randn) fixed at construction from
 * {@code new Rng(seed)}, coupling errors first, then the stiffness factors; the coupling gain g
 * (starting at 1) and the stiffness offsets d (starting at 0) are the drifting quantities, in that
 * order, which the I/O chain random-walks. Not thread-safe.
 */
final class OscillatorHiddenState {
    private final OscillatorMismatch mismatch;
    private final float[] couplingError;   // (couplingLength): ΔJ, symmetric, zero diagonal
    private final float[] stiffnessFactor; // (n): 1 + σ_k r_i
    private final float[] drifting;        // (1 + n): g(t), then d_i(t)
    private final float[] kScale;          // (n): ∂k̃/∂k of the last apply, for the VJP
    private final boolean changesParams;

    OscillatorHiddenState(OscillatorSpec spec, OscillatorMismatch mismatch, long seed, boolean drifts) {
        this.mismatch = mismatch;
        int n = spec.n();
        Rng hidden = new Rng(seed);
        couplingError = new float[spec.couplingLength()];
        if (mismatch.couplingError() > 0) {
            if (spec.topology() == Topology.ALL_TO_ALL) {
                float[] g = new float[n * n];
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) (mismatch.couplingError() * hidden.nextGaussian());
                }
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        float v = 0.5f * (g[i * n + j] + g[j * n + i]);
                        couplingError[i * n + j] = v;
                        couplingError[j * n + i] = v;
                    }
                }
            } else {
                for (int l = 0; l < couplingError.length; l++) {
                    couplingError[l] = (float) (mismatch.couplingError() * hidden.nextGaussian());
                }
            }
        }
        stiffnessFactor = new float[n];
        for (int i = 0; i < n; i++) {
            stiffnessFactor[i] = mismatch.stiffnessSpread() > 0 ? (float) (1 + mismatch.stiffnessSpread() * hidden.nextGaussian()) : 1f;
        }
        drifting = new float[1 + n];
        drifting[0] = 1f;
        kScale = new float[n];
        changesParams = mismatch.couplingError() > 0 || mismatch.stiffnessSpread() > 0 || drifts;
    }

    /** The nonlinearity scale s = 1 + η inside every sine. */
    float sineScale() {
        return 1f + mismatch.nonlinearityScale();
    }

    /**
     * False when J̃ = J and k̃ = k for every θ and every call (no coupling error, no stiffness
     * spread, no drift); the hardware then skips {@link #apply}, whose zero offsets would at most
     * turn a coupling of −0 into +0.
     */
    boolean changesParams() {
        return changesParams;
    }

    /** The hidden mismatch and the drift on top of θ's constants: J̃ = g(J + ΔJ), k̃_i = k_i·kScale_i. */
    void apply(OscillatorParams target) {
        float gain = drifting[0];
        float[] c = target.coupling;
        for (int i = 0; i < c.length; i++) {
            c[i] = gain * (c[i] + couplingError[i]);
        }
        for (int i = 0; i < kScale.length; i++) {
            kScale[i] = stiffnessFactor[i] * (1 + drifting[1 + i]);
            target.k[i] *= kScale[i];
        }
    }

    /** ∂J̃/∂J = g(t). */
    float couplingScale() {
        return drifting[0];
    }

    /** ∂k̃_i/∂k_i as of the last {@link #apply}. */
    float[] kScale() {
        return kScale;
    }

    /** The live drifting quantities: g, then d_0 … d_{n−1}. */
    float[] drifting() {
        return drifting;
    }
}
