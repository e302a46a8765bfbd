package org.patengine.engine.layer;

import java.util.Arrays;

import org.patengine.sim.Rng;

/**
 * How a block of parameters gets its initial values. Called once when a network is built, in
 * layer order, with the network's seeded generator, so initialisation is reproducible.
 */
@FunctionalInterface
public interface ParameterInit {

    /** Writes {@code count} initial values into {@code values[offset, offset + count)}. */
    void fill(float[] values, int offset, int count, Rng rng);

    /** Every value set to {@code v}. */
    static ParameterInit constant(float v) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("constant init value must be finite, was " + v);
        }
        return (values, offset, count, rng) -> Arrays.fill(values, offset, offset + count, v);
    }

    /** Independent draws, uniform in [lo, hi). */
    static ParameterInit uniform(float lo, float hi) {
        if (!(Float.isFinite(lo) && Float.isFinite(hi) && lo <= hi)) {
            throw new IllegalArgumentException("uniform init needs finite lo <= hi, was [" + lo + ", " + hi + "]");
        }
        return (values, offset, count, rng) -> {
            for (int i = 0; i < count; i++) {
                values[offset + i] = rng.uniform(lo, hi);
            }
        };
    }

    /** Independent draws from N(mean, std²). */
    static ParameterInit normal(float mean, float std) {
        if (!(Float.isFinite(mean) && Float.isFinite(std) && std >= 0)) {
            throw new IllegalArgumentException("normal init needs a finite mean and std >= 0, was mean="
                    + mean + " std=" + std);
        }
        return (values, offset, count, rng) -> {
            for (int i = 0; i < count; i++) {
                values[offset + i] = (float) (mean + std * rng.nextGaussian());
            }
        };
    }

    /** Exactly the given values (copied now); the block must have {@code v.length} parameters. */
    static ParameterInit values(float... v) {
        float[] copy = v.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!Float.isFinite(copy[i])) {
                throw new IllegalArgumentException("init value [" + i + "] must be finite, was " + copy[i]);
            }
        }
        return (values, offset, count, rng) -> {
            if (count != copy.length) {
                throw new IllegalArgumentException("init has " + copy.length + " values but the block has "
                        + count + " parameters");
            }
            System.arraycopy(copy, 0, values, offset, count);
        };
    }

    /**
     * Consecutive blocks with their own initialisations, e.g. an oscillator layer's θ = (J, k, e):
     * {@code blocks(new int[] {nJ, n, n}, normal(0, 0.1f), constant(1f), constant(0f))}. The
     * lengths must add up to the layer's parameter count.
     */
    static ParameterInit blocks(int[] lengths, ParameterInit... inits) {
        int[] len = lengths.clone();
        ParameterInit[] parts = inits.clone();
        if (len.length != parts.length) {
            throw new IllegalArgumentException("blocks init: " + len.length + " lengths but " + parts.length + " inits");
        }
        long total = 0;
        for (int i = 0; i < len.length; i++) {
            if (len[i] < 0 || parts[i] == null) {
                throw new IllegalArgumentException("blocks init: block " + i + " has length " + len[i]
                        + (parts[i] == null ? " and a null init" : ""));
            }
            total += len[i];
        }
        final long sum = total;
        return (values, offset, count, rng) -> {
            if (count != sum) {
                throw new IllegalArgumentException("blocks init covers " + sum + " parameters but the block has "
                        + count);
            }
            int off = offset;
            for (int i = 0; i < len.length; i++) {
                parts[i].fill(values, off, len[i], rng);
                off += len[i];
            }
        };
    }
}
