package org.patengine.kernels.osc;

/**
 * The fixed shape of an oscillator simulation: {@code n} oscillators coupled by {@code topology},
 * integrated with {@code steps} fixed RK4 steps of size {@code dt = duration / steps} from t = 0 to
 * t = {@code duration}.
 *
 * @param n        number of oscillators, ≥ 1
 * @param topology coupling topology
 * @param steps    number of RK4 steps Nt, ≥ 1
 * @param duration end time T, finite and > 0
 */
public record OscillatorSpec(int n, Topology topology, int steps, float duration) {

    public OscillatorSpec {
        if (n < 1) {
            throw new IllegalArgumentException("n (oscillators) must be >= 1, was " + n);
        }
        if (topology == null) {
            throw new NullPointerException("topology is null");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, was " + steps);
        }
        if (!(duration > 0f) || !Float.isFinite(duration)) {
            throw new IllegalArgumentException("duration must be finite and > 0, was " + duration);
        }
        if ((long) n * n > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("n = " + n + " is too large for a dense coupling matrix");
        }
    }

    /** The step size {@code duration / steps} (float, as used by the kernels). */
    public float dt() {
        return duration / steps;
    }

    /** Floats in the coupling array ({@link Topology#couplingLength}). */
    public int couplingLength() {
        return topology.couplingLength(n);
    }

    /** The RK4 stages recorded for the VJP: 4 per step. */
    public int stages() {
        return 4 * steps;
    }

    /** Multiply-adds in one forward pass per sample: the coupling products dominate. */
    public long forwardFlopsPerSample() {
        long rhs = topology == Topology.ALL_TO_ALL ? 2L * n * n : 4L * n;
        return stages() * (rhs + 12L * n);
    }
}
