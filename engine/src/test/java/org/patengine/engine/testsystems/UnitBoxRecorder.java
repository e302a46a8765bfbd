package org.patengine.engine.testsystems;

import org.patengine.sim.ForwardingSystem;
import org.patengine.sim.PhysicalSystem;

/**
 * A physical system whose device inputs must lie in [0, 1], as an SHG pulse shaper's: wraps
 * another system, refuses (like the SHG apparatus) any x outside [0, 1] or NaN, and records the
 * smallest and largest x it was given and how many values it saw, so a test can show that the
 * trainer kept every applied input in the box.
 */
public final class UnitBoxRecorder extends ForwardingSystem {
    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;
    private long values;

    public UnitBoxRecorder(PhysicalSystem inner) {
        super(inner);
    }

    /** The smallest x applied so far (+∞ before the first call). */
    public float min() {
        return min;
    }

    /** The largest x applied so far (−∞ before the first call). */
    public float max() {
        return max;
    }

    /** How many input values were applied. */
    public long values() {
        return values;
    }

    @Override
    public String name() {
        return "unit-box(" + inner().name() + ")";
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        int n = inputSize();
        for (int k = 0; k < batch * n; k++) {
            float v = x[k];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("x[" + k / n + ", " + k % n + "] = " + v + ": expected a value in [0, 1]");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        values += (long) batch * n;
        super.forward(batch, x, theta, y);
    }
}
