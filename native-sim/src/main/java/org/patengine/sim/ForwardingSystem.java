package org.patengine.sim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A {@link PhysicalSystem} that passes everything to the one it wraps — name, sizes, ranges,
 * forward, exact model, state — so a decorator overrides only what it adds (a count, a check).
 */
public abstract class ForwardingSystem implements PhysicalSystem {
    private final PhysicalSystem inner;

    protected ForwardingSystem(PhysicalSystem inner) {
        if (inner == null) {
            throw new NullPointerException("the system to wrap is null");
        }
        this.inner = inner;
    }

    /** The wrapped system. */
    public final PhysicalSystem inner() {
        return inner;
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        inner.forward(batch, x, theta, y);
    }

    @Override
    public String name() {
        return inner.name();
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
    public DifferentiableMap exactModel() {
        return inner.exactModel();
    }

    @Override
    public boolean replaysNoise() {
        return inner.replaysNoise();
    }

    @Override
    public void markNoise() {
        inner.markNoise();
    }

    @Override
    public void replayNoise() {
        inner.replayNoise();
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
