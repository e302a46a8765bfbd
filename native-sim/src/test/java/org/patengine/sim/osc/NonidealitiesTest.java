package org.patengine.sim.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.patengine.sim.hw.IoKnobs;

/** Knobs set by name, as the command line's --hardware does. */
class NonidealitiesTest {
    @Test
    void everyKnobCanBeSetByName() {
        Nonidealities base = Nonidealities.paperGap(7);
        Map<String, Double> all = new LinkedHashMap<>();
        double v = 0.01;
        for (String knob : Nonidealities.KNOBS) {
            all.put(knob, knob.endsWith("Bits") ? 8 : (v += 0.01));
        }
        Nonidealities n = base.with(all);
        assertEquals(new Nonidealities(new OscillatorMismatch(0.02f, 0.03f, 0.04f), new IoKnobs(0.05f, 0.06f, 0.07f, 0.08f, 0.09f, 8, 0.1f, 8, 0.11f), 7), n);
        assertEquals(base, base.with(Map.of()), "no knobs: the preset as it is");
        assertEquals(0.1f, base.mismatch().nonlinearityScale(), "the original is unchanged");
    }

    @Test
    void theKnobListIsTheOscillatorMismatchThenTheIoChainInTheCommandLinesOrder() {
        assertEquals(List.of("nonlinearityScale", "couplingError", "stiffnessSpread", "actuationNoise", "readoutNoise", "shotNoise", "powerNoise", "drift",
                "dacBits", "dacRange", "adcBits", "adcRange"), Nonidealities.KNOBS);
        assertEquals(Nonidealities.KNOBS, Nonidealities.none(1).knobs());
        assertEquals(List.of("none", "paper-gap"), Nonidealities.PRESETS);
        assertEquals(new Nonidealities(new OscillatorMismatch(0.1f, 0.2f, 0f), new IoKnobs(0.02f, 0f, 0f, 0f, 0f, 0, 4f, 0, 4f), 3),
                Nonidealities.preset("PAPER-GAP", 3), "the reference's gap, by a case-insensitive name");
    }

    @Test
    void badNamesAndValuesAreRefusedWithTheirName() {
        Nonidealities base = Nonidealities.none(1);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> base.with("noise", 0.1));
        assertTrue(unknown.getMessage().contains("unknown hardware knob 'noise'") && unknown.getMessage().contains("readoutNoise"),
                unknown.getMessage());
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class, () -> base.with("adcBits", 6.5));
        assertTrue(half.getMessage().contains("adcBits must be a whole number of bits"), half.getMessage());
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class, () -> base.with("dacBits", 40));
        assertTrue(many.getMessage().contains("dacBits must be in [0, 24]"), many.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> base.with("readoutNoise", -0.1));
        assertTrue(negative.getMessage().contains("readoutNoise must be finite and >= 0"), negative.getMessage());
    }
}
