package org.patengine.engine.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.testsystems.PowerMap;

/** The trainable ranges: computed once from the segments, merged where adjacent, in index order. */
class TrainableTest {
    /**
     * Segments: 0 scale-shift (4, digital), 1 physical (3), 2 readout (1, digital), 3 physical (3)
     * → 4 + 3 + 1 + 3 = 11 parameters; layer 1 (a fixed pad, no parameters) has no segment.
     */
    private static Network net() {
        return Network.builder(2)
                .scaleShift()
                .pad(1, ParameterInit.constant(1f), false)
                .physical(new PowerMap(2f, 3), new PowerMap(2f, 3), ParameterInit.constant(1f))
                .readout(0, 3, 1f)
                .physical(new PowerMap(2f, 3), new PowerMap(2f, 3), ParameterInit.constant(1f))
                .build();
    }

    private static int[][] ranges(Trainable t) {
        int[][] r = new int[t.rangeCount()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = new int[] {t.from(i), t.to(i)};
        }
        return r;
    }

    @Test
    void allIsOneRange() {
        Network n = net();
        Trainable all = Trainable.all(n.parameters());
        assertEquals(11, all.size());
        assertArrayEquals(new int[][] {{0, 11}}, ranges(all));
        assertEquals(0, all.firstTrainedLayer());
        for (int s = 0; s < 4; s++) {
            assertFalse(all.frozen(s));
        }
        assertTrue(n.allTrainable().parameters() == n.parameters());
        assertEquals(11, n.allTrainable().size());
    }

    @Test
    void digitalOnlySkipsThePhysicalSegments() {
        Network n = net();
        Trainable d = Trainable.digitalOnly(n.parameters());
        assertEquals(5, d.size());
        assertArrayEquals(new int[][] {{0, 4}, {7, 8}}, ranges(d));
        assertEquals(0, d.firstTrainedLayer());
        assertTrue(d.frozen(1) && d.frozen(3));
        assertFalse(d.frozen(0) || d.frozen(2));
        assertEquals("trainable 5 of 11 parameters: [0, 4), [7, 8)", d.toString());
    }

    @Test
    void adjacentTrainedSegmentsMergeAndTheFirstTrainedLayerIsFound() {
        Network n = net();
        Trainable t = Trainable.of(n.parameters(), s -> s >= 1);
        assertArrayEquals(new int[][] {{4, 11}}, ranges(t));
        assertEquals(2, t.firstTrainedLayer()); // segment 1 is layer 2 (the pad has no segment)
        Trainable none = Trainable.of(n.parameters(), s -> false);
        assertEquals(0, none.size());
        assertEquals(0, none.rangeCount());
        assertEquals(Integer.MAX_VALUE, none.firstTrainedLayer());
    }

    @Test
    void frozenGradientsAreZeroedAndTrainedOnesKept() {
        Network n = net();
        Trainable d = Trainable.digitalOnly(n.parameters());
        float[] g = n.parameters().gradients();
        Arrays.fill(g, 7f);
        d.zeroFrozenGradients();
        assertArrayEquals(new float[] {7, 7, 7, 7, 0, 0, 0, 7, 0, 0, 0}, g);
        Arrays.fill(g, 7f);
        Trainable.of(n.parameters(), s -> false).zeroFrozenGradients();
        assertArrayEquals(new float[11], g);
    }

    @Test
    void rangesBelongToOneParameterSet() {
        Network a = net();
        Network b = net();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainable.all(a.parameters()).checkFor(b.parameters()));
        assertTrue(e.getMessage().contains("another parameter set"), e.getMessage());
        Trainable.all(a.parameters()).checkFor(a.parameters());
        assertThrows(NullPointerException.class, () -> Trainable.all(null));
        assertThrows(NullPointerException.class, () -> Trainable.of(a.parameters(), null));
    }
}
