package org.patengine.engine.testsystems;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.PhysicalSystem;

/**
 * A physical system whose device inputs must lie in [0, 1], as an SHG pulse shaper's: wraps
 * another system, refuses (like the SHG apparatus) any x outside [0, 1] or NaN, and records the
 * smallest and largest x it was given and how many values it saw, so a test can show that the
 * trainer kept every applied input in the box.
 */
public final class UnitBoxRecorder implements PhysicalSystem {
    private final PhysicalSystem inner;
    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;
    private long values;

    public UnitBoxRecorder(PhysicalSystem inner) {
        this.inner = inner;
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
        return "unit-box(" + inner.name() + ")";
    }

    @Override
    public int inputSize() {
        return inner.inputSize();
    }

    @Override
    public int outputSize() {
        return inner.outputSize();
    }

    @Override
    public int parameterSize() {
        return inner.parameterSize();
    }

    @Override
    public float parameterLower(int i) {
        return inner.parameterLower(i);
    }

    @Override
    public float parameterUpper(int i) {
        return inner.parameterUpper(i);
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        int n = inner.inputSize();
        for (int k = 0; k < batch * n; k++) {
            float v = x[k];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("x[" + k / n + ", " + k % n + "] = " + v + ": expected a value in [0, 1]");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        values += (long) batch * n;
        inner.forward(batch, x, theta, y);
    }

    @Override
    public DifferentiableMap exactModel() {
        return inner.exactModel();
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        inner.saveState(out);
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        inner.restoreState(in);
    }
}
