package org.patengine.engine.twin;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.patengine.engine.data.Dataset;

/**
 * The last {@code capacity} measurements of a physical layer, in a learned twin's own units (u, z),
 * as a regression {@link Dataset} for refining the twin: a ring whose newest sample replaces the
 * oldest once it is full. Everything is allocated up front, so recording never allocates.
 */
final class MeasurementMemory implements Dataset {
    private final LearnedTwin twin;
    private final int capacity;
    private final int w;     // in + P
    private final int out;
    private final float[] u; // (capacity, in + P)
    private final float[] z; // (capacity, out)
    private int size;
    private int next;        // where the next sample goes

    MeasurementMemory(LearnedTwin twin, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a measurement memory holds at least 1 sample, was " + capacity);
        }
        this.twin = twin;
        this.capacity = capacity;
        this.w = twin.inputSize() + twin.parameterSize();
        this.out = twin.outputSize();
        this.u = new float[Math.multiplyExact(capacity, w)];
        this.z = new float[Math.multiplyExact(capacity, out)];
    }

    /** Records {@code batch} samples (x, θ, y); a non-finite measurement is an error naming the sample. */
    void record(int batch, float[] x, float[] theta, float[] y) {
        int in = twin.inputSize();
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < out; k++) {
                if (!Float.isFinite(y[b * out + k])) {
                    throw new IllegalStateException("the twin cannot learn from a non-finite measurement: output " + k + " of sample "
                            + b + " is " + y[b * out + k]);
                }
            }
            twin.normalise(x, b * in, theta, y, b * out, u, next * w, z, next * out);
            next = (next + 1) % capacity;
            size = Math.min(size + 1, capacity);
        }
    }

    int capacity() {
        return capacity;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int inputSize() {
        return w;
    }

    @Override
    public int classCount() {
        return 0;
    }

    @Override
    public int targetSize() {
        return out;
    }

    @Override
    public void input(int index, float[] x, int xOff) {
        System.arraycopy(u, index * w, x, xOff, w);
    }

    @Override
    public int label(int index) {
        throw new UnsupportedOperationException("measurements have no class labels");
    }

    @Override
    public void target(int index, float[] t, int tOff) {
        System.arraycopy(z, index * out, t, tOff, out);
    }

    void save(DataOutput o) throws IOException {
        o.writeInt(capacity);
        o.writeInt(size);
        o.writeInt(next);
        for (int i = 0; i < size * w; i++) {
            o.writeFloat(u[i]);
        }
        for (int i = 0; i < size * out; i++) {
            o.writeFloat(z[i]);
        }
    }

    void restore(DataInput in) throws IOException {
        int c = in.readInt();
        int s = in.readInt();
        int n = in.readInt();
        if (c != capacity || s < 0 || s > capacity || n < 0 || n >= capacity || (s < capacity && n != s)) {
            throw new IOException("the twin's measurement memory in the checkpoint holds " + s + " of " + c + " samples (next " + n
                    + "); this run keeps " + capacity);
        }
        size = s;
        next = n;
        for (int i = 0; i < size * w; i++) {
            u[i] = in.readFloat();
        }
        for (int i = 0; i < size * out; i++) {
            z[i] = in.readFloat();
        }
    }
}
