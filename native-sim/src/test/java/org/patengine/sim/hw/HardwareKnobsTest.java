package org.patengine.sim.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The generic knob registry: a system's mismatch knobs plus the I/O knobs, set by name. */
class HardwareKnobsTest {

    /** A second system's knobs in five lines: one mismatch knob and the I/O chain's. */
    record Toy(float gain, IoKnobs io, long seed) implements HardwareKnobs<Toy> {
        @Override
        public List<String> mismatchKnobs() {
            return List.of("gain");
        }

        @Override
        public Toy withMismatchKnob(String knob, double value) {
            return new Toy((float) value, io, seed);
        }

        @Override
        public Toy withIo(IoKnobs v) {
            return new Toy(gain, v, seed);
        }
    }

    @Test
    void aSystemsKnobsAreItsMismatchKnobsThenTheIoKnobs() {
        Toy t = new Toy(0f, IoKnobs.NONE, 1);
        assertEquals(List.of("gain", "actuationNoise", "readoutNoise", "shotNoise", "powerNoise", "drift", "dacBits", "dacRange", "adcBits", "adcRange"),
                t.knobs());
        Map<String, Double> set = new LinkedHashMap<>();
        set.put("gain", 0.5);
        set.put("drift", 0.01);
        set.put("adcBits", 6.0);
        assertEquals(new Toy(0.5f, IoKnobs.NONE.withDrift(0.01f).withAdc(6, 4f), 1), t.with(set));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.with("noise", 1));
        assertEquals("unknown hardware knob 'noise': expected one of " + t.knobs(), e.getMessage());
        Map<String, Double> none = new LinkedHashMap<>();
        none.put("gain", null);
        e = assertThrows(IllegalArgumentException.class, () -> t.with(none));
        assertEquals("hardware knob gain has no value", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HardwareKnobs.names(List.of("gain", "drift")));
        assertTrue(e.getMessage().contains("'drift' has the name of an I/O knob"), e.getMessage());
    }

    @Test
    void ioKnobsAreParsedAndValidatedByName() {
        for (String name : IoKnobs.NAMES) {
            double v = name.endsWith("Bits") ? 3 : 0.5;
            IoKnobs k = IoKnobs.NONE.with(name, v);
            assertTrue(!k.equals(IoKnobs.NONE), name + " changes the knobs");
        }
        assertThrows(IllegalArgumentException.class, () -> IoKnobs.NONE.with("dacBits", 2.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IoKnobs.NONE.with("drift", Double.NaN));
        assertEquals("drift must be finite and >= 0, was NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IoKnobs.NONE.withAdc(3, 0f));
        assertEquals("dacRange and adcRange must be finite and > 0, were 4.0, 0.0", e.getMessage());
        assertTrue(IoKnobs.NONE.withDac(0, 1f).isIdeal(), "a full scale alone changes nothing");
        assertTrue(!IoKnobs.NONE.withReadoutNoise(0.1f).isIdeal());
    }
}
