package org.patengine.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float species every SIMD kernel uses, fixed once per process.
 *
 * <p>The preferred species of the CPU (16 lanes with AVX-512) unless {@value #PROPERTY} forces a
 * narrower one (64, 128, 256 or 512 bits), so the tails and the narrow-vector paths get tested on a
 * wide machine. A {@code static final} species is a constant to C2, which the Vector API needs to
 * compile to plain vector instructions.
 */
public final class VectorWidth {
    /** Forces the vector width in bits. */
    public static final String PROPERTY = "pat.vectorBitSize";

    /** The species used by all SIMD kernels. */
    public static final VectorSpecies<Float> FLOAT = choose(System.getProperty(PROPERTY, ""));

    private VectorWidth() {
    }

    static VectorSpecies<Float> choose(String value) {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        if (value == null || value.isBlank()) {
            return preferred;
        }
        int bits;
        try {
            bits = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + "='" + value + "' is not a number: expected 64, 128, 256 or 512");
        }
        if (bits != 64 && bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException(PROPERTY + "=" + bits + " is not a vector size: expected 64, 128, 256 or 512");
        }
        if (bits > preferred.vectorBitSize()) {
            throw new IllegalArgumentException(PROPERTY + "=" + bits + " is wider than this CPU's "
                    + preferred.vectorBitSize() + "-bit vectors");
        }
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }
}
