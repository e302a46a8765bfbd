package org.patengine.kernels.osc;

/**
 * How the oscillators are coupled, and so how the coupling array of {@link OscillatorParams} is laid out.
 *
 * <ul>
 *   <li>{@link #ALL_TO_ALL}: a dense symmetric matrix J, (n, n) row-major, zero diagonal; the
 *       coupling force is the batched product {@code sin(s∘q)·J} minus {@code sin(s_i q_i)·Σ_j J_ij}.</li>
 *   <li>{@link #RING}: nearest neighbours on a ring, one value per link; link {@code l} joins
 *       oscillators {@code l} and {@code (l + 1) mod n}. A ring of n ≥ 3 oscillators has n links,
 *       a "ring" of 2 has the single link 0–1 (counted once), a single oscillator has none.</li>
 * </ul>
 */
public enum Topology {
    ALL_TO_ALL,
    RING;

    /** The number of floats in the coupling array for {@code n} oscillators. */
    public int couplingLength(int n) {
        return switch (this) {
            case ALL_TO_ALL -> n * n;
            case RING -> ringLinks(n);
        };
    }

    /** The number of distinct couplings (the free parameters of a symmetric J). */
    public int freeCouplings(int n) {
        return switch (this) {
            case ALL_TO_ALL -> n * (n - 1) / 2;
            case RING -> ringLinks(n);
        };
    }

    /** Links of a ring of {@code n} oscillators: n for n ≥ 3, else n − 1 (0 for n = 1). */
    public static int ringLinks(int n) {
        return n >= 3 ? n : Math.max(0, n - 1);
    }

    /** The lower-case name used in names and on the command line. */
    public String id() {
        return this == ALL_TO_ALL ? "all-to-all" : "ring";
    }
}
