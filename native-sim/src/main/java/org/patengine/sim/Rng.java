package org.patengine.sim;

/**
 * A small seeded generator (SplitMix64, Steele, Lea &amp; Flood 2014) for initialisation, batch order,
 * perturbations and noise. Its output depends only on the seed and the sequence of calls, on every
 * JDK, and no call allocates.
 *
 * <p>State update {@code s += 0x9E3779B97F4A7C15}, output {@code mix(s)}; Gaussians by the polar
 * (Marsaglia) method, whose second value is cached.
 *
 * <p>Not thread-safe: give each thread its own generator ({@link #split()}).
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

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

    /** A standard normal variate. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }

    /** Writes the generator's complete state (for checkpoints). */
    public void save(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(state);
        out.writeBoolean(hasSpare);
        out.writeDouble(spareGaussian);
    }

    /** Restores a state written by {@link #save}. */
    public void restore(java.io.DataInput in) throws java.io.IOException {
        state = in.readLong();
        hasSpare = in.readBoolean();
        spareGaussian = in.readDouble();
    }

    /** Makes this generator continue exactly as {@code other} would from now on (copies its state; allocates nothing). */
    public void copyFrom(Rng other) {
        state = other.state;
        hasSpare = other.hasSpare;
        spareGaussian = other.spareGaussian;
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
