package org.patengine.sim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A {@link PhysicalSystem} that counts what is asked of the one it wraps: forward calls and the
 * samples they carry. The counts are measured, not computed from a method's formula, so a
 * comparison of gradient methods (PAT, finite differences, SPSA) reads what each really cost the
 * apparatus. Everything else — sizes, ranges, state, the exact model — is the wrapped system's.
 * The counters are not part of the checkpointed state: a run keeps its totals per epoch in its
 * metrics.
 */
public final class CountingSystem implements PhysicalSystem {
    private final PhysicalSystem inner;
    private long calls;
    private long samples;

    public CountingSystem(PhysicalSystem inner) {
        if (inner == null) {
            throw new NullPointerException("the system to count is null");
        }
        this.inner = inner;
    }

    /** The wrapped system. */
    public PhysicalSystem inner() {
        return inner;
    }

    /** Forward calls so far. */
    public long calls() {
        return calls;
    }

    /** Samples sent in those calls. */
    public long samples() {
        return samples;
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        inner.forward(batch, x, theta, y);
        calls++; // counted once it ran: a call refused for bad arguments cost nothing
        samples += batch;
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
    public void saveState(DataOutput out) throws IOException {
        inner.saveState(out);
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        inner.restoreState(in);
    }
}
