package org.patengine.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;

import org.junit.jupiter.api.Test;

class VectorWidthTest {

    @Test
    void defaultIsThePreferredSpecies() {
        assertEquals(FloatVector.SPECIES_PREFERRED, VectorWidth.choose(""));
    }

    @Test
    void narrowerWidthsCanBeForced() {
        assertEquals(128, VectorWidth.choose("128").vectorBitSize());
        assertEquals(4, VectorWidth.choose("128").length());
    }

    @Test
    void badValuesAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VectorWidth.choose("100")).getMessage().contains("100"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VectorWidth.choose("wide")).getMessage().contains("wide"));
        assertThrows(IllegalArgumentException.class, () -> VectorWidth.choose("4096"));
    }

    @Test
    void theForcedWidthIsInUse() {
        String forced = System.getProperty(VectorWidth.PROPERTY, "");
        if (!forced.isBlank()) {
            assertEquals(Integer.parseInt(forced), VectorWidth.FLOAT.vectorBitSize());
        }
    }
}
