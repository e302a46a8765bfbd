package org.patengine.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the counting decorator counts, what an apparatus's latency adds up to, and its waiting. */
class CountingSystemTest {
    /** y = x + θ₀, one input, one output, two parameters. */
    private static final class Shift implements PhysicalSystem {
        @Override
        public String name() {
            return "shift";
        }

        @Override
        public int inputSize() {
            return 1;
        }

        @Override
        public int outputSize() {
            return 1;
        }

        @Override
        public int parameterSize() {
            return 2;
        }

        @Override
        public float parameterLower(int i) {
            return -1;
        }

        @Override
        public float parameterUpper(int i) {
            return 1;
        }

        @Override
        public void forward(int batch, float[] x, float[] theta, float[] y) {
            if (batch < 1) {
                throw new IllegalArgumentException("batch " + batch);
            }
            for (int b = 0; b < batch; b++) {
                y[b] = x[b] + theta[0];
            }
        }
    }

    @Test
    void callsSamplesAndUpdatesAreCountedAsTheyHappen() {
        CountingSystem c = new CountingSystem(new Shift());
        float[] x = {1, 2, 3, 4};
        float[] y = new float[4];
        float[] theta = {0.5f, 0f, 99f}; // the third value is not a parameter: it never counts
        c.forward(4, x, theta, y);
        assertEquals(4.5f, y[3]);
        c.forward(2, x, theta, y);        // same θ: no update
        theta[2] = 7f;
        c.forward(1, x, theta, y);        // still the same two parameters
        theta[1] = 0.25f;
        c.forward(3, x, theta, y);        // an update
        assertThrows(IllegalArgumentException.class, () -> c.forward(0, x, theta, y));
        assertEquals(4, c.calls(), "a refused call costs nothing");
        assertEquals(10, c.samples());
        assertEquals(2, c.updates());
    }

    @Test
    void theLatencyAddsUpAndIsRefusedWhenBad() {
        ApparatusLatency l = ApparatusLatency.of(Map.of("perCall", 0.01, "perSample", 0.1, "perUpdate", 0.5));
        assertEquals(4 * 0.01 + 10 * 0.1 + 2 * 0.5, l.seconds(4, 10, 2), 1e-12);
        assertTrue(ApparatusLatency.of(Map.of()).isZero());
        assertThrows(IllegalArgumentException.class, () -> ApparatusLatency.of(Map.of("perSampl", 0.1)));
        assertThrows(IllegalArgumentException.class, () -> ApparatusLatency.of(Map.of("perUpdate", -1.0)));
        assertThrows(IllegalArgumentException.class, () -> ApparatusLatency.of(Map.of("sleep", 0.5)));
    }

    @Test
    void withSleepTheSystemWaitsAsLongAsTheApparatusWould() {
        CountingSystem c = new CountingSystem(new Shift());
        c.latency(ApparatusLatency.of(Map.of("perSample", 0.01, "perUpdate", 0.05, "sleep", 1.0)));
        float[] x = new float[5];
        float[] y = new float[5];
        long t0 = System.nanoTime();
        c.forward(5, x, new float[] {0, 0}, y); // 5·0.01 + 0.05 = 0.1 s
        double s = (System.nanoTime() - t0) / 1e9;
        assertTrue(s >= 0.099, "waited " + s + " s");
    }
}
