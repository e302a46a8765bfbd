package org.patengine.sim;

/**
 * A small seeded generator (SplitMix64, Steele, Lea &amp; Flood 2014) for initialisation, batch order,
 * perturbations and noise. Its output depends only on the seed and the sequence of calls, on every
 * JDK, and no call allocates.
 *
 * <p>State update {@code s += 0x9E3779B97F4A7C15}, output {@code mix(s)}. Gaussians by the ziggurat
 * method with 256 layers (Marsaglia &amp; Tsang 2000): one 64-bit draw gives the layer (its low 8
 * bits) and a uniform in [−1, 1) (its high 53 bits; disjoint bits, as Doornik 2005 recommends),
 * which is accepted as {@code u·X[i]} when it falls inside the layer's rectangle (about 99 % of
 * draws: no logarithm, no square root); the wedges use one exponential, the tail beyond
 * {@code R = 3.6541528853610088} Marsaglia's exponential rejection. It replaced the polar method
 * (about 12 ns a draw against about 3 here), whose cost the simulated hardware's actuation noise paid on the
 * thread the pool's workers wait on.
 *
 * <p>Not thread-safe: give each thread its own generator ({@link #split()}).
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;
    // a checkpoint of the polar-method generator may hold its cached second variate: served first after
    // restore, and written back by save, so that such checkpoints restore and rewrite byte for byte
    private double legacySpare;
    private boolean hasLegacySpare;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The next 64 uniformly distributed bits. */
    public long nextLong() {
        long z = (state += GOLDEN);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [lo, hi). */
    public float uniform(float lo, float hi) {
        return lo + (hi - lo) * nextFloat();
    }

    /** Uniform in [0, bound) without modulo bias (Lemire's method). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** +1 or -1 with equal probability (a Rademacher variable). */
    public float nextSign() {
        return nextLong() < 0 ? -1f : 1f;
    }

    /** A standard normal variate (the ziggurat; see the class comment). */
    public double nextGaussian() {
        if (hasLegacySpare) {
            hasLegacySpare = false;
            return legacySpare;
        }
        while (true) {
            long bits = nextLong();
            int i = (int) bits & (Ziggurat.LAYERS - 1);
            double u = (bits >>> 11) * 0x1.0p-52 - 1.0; // [−1, 1) from the 53 high bits
            double x = u * Ziggurat.X[i];
            if (Math.abs(x) < Ziggurat.X[i + 1]) {
                return x; // inside layer i's rectangle
            }
            if (i == 0) {
                return tail(u < 0);
            }
            // the wedge of layer i between X[i + 1] and X[i]: y uniform over [F[i], F[i + 1]]
            double y = Ziggurat.F[i + 1] + (Ziggurat.F[i] - Ziggurat.F[i + 1]) * nextDouble();
            if (y < Math.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }

    /** A normal variate beyond ±R, by Marsaglia's rejection from an exponential. */
    private double tail(boolean negative) {
        double x, y;
        do {
            x = Math.log(nextDoubleOpenBelow()) / Ziggurat.R; // ≤ 0
            y = Math.log(nextDoubleOpenBelow());
        } while (-2 * y < x * x);
        return negative ? x - Ziggurat.R : Ziggurat.R - x;
    }

    /** Uniform in (0, 1], for logarithms. */
    private double nextDoubleOpenBelow() {
        return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
    }

    /**
     * The ziggurat's tables for the unnormalised density f(x) = exp(−x²/2): 256 layers of equal area
     * V; X[i] is layer i's right edge (X[0] = V / f(R) the base layer's virtual width, X[1] = R,
     * X[256] = 0), F[i] = f(X[i]).
     */
    static final class Ziggurat {
        static final int LAYERS = 256;
        static final double R = 3.6541528853610088;
        static final double V = 0.00492867323399;
        static final double[] X = new double[LAYERS + 1];
        static final double[] F = new double[LAYERS + 1];

        static {
            X[0] = V / Math.exp(-0.5 * R * R);
            X[1] = R;
            for (int i = 2; i < LAYERS; i++) {
                X[i] = Math.sqrt(-2 * Math.log(V / X[i - 1] + Math.exp(-0.5 * X[i - 1] * X[i - 1])));
            }
            X[LAYERS] = 0;
            for (int i = 0; i <= LAYERS; i++) {
                F[i] = Math.exp(-0.5 * X[i] * X[i]);
            }
        }

        private Ziggurat() {
        }
    }

    /**
     * Writes the generator's complete state (for checkpoints): the state word, then whether a cached
     * polar-method variate is pending and its value (false and 0.0 unless restored from a checkpoint
     * of the polar-method generator; the format is unchanged).
     */
    public void save(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(state);
        out.writeBoolean(hasLegacySpare);
        out.writeDouble(legacySpare);
    }

    /** Restores a state written by {@link #save}, an older build's included (its pending variate comes next). */
    public void restore(java.io.DataInput in) throws java.io.IOException {
        state = in.readLong();
        hasLegacySpare = in.readBoolean();
        legacySpare = in.readDouble();
    }

    /** Makes this generator continue exactly as {@code other} would from now on (copies its state; allocates nothing). */
    public void copyFrom(Rng other) {
        state = other.state;
        hasLegacySpare = other.hasLegacySpare;
        legacySpare = other.legacySpare;
    }

    /** An independent generator seeded from this one (advances this one by one step). */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** In-place Fisher–Yates shuffle of {@code a[0, n)}. */
    public void shuffle(int[] a, int n) {
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
