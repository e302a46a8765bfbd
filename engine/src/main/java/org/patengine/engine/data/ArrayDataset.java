package org.patengine.engine.data;

/**
 * A dataset held in arrays: inputs (n, inputSize) row-major, optional labels (n) in
 * [0, classCount), optional targets (n, targetSize). Checked once at construction; the arrays are
 * used as given (not copied), so the caller must not change them afterwards.
 */
public final class ArrayDataset implements Dataset {
    private final float[] inputs;  // (n, inputSize)
    private final int inputSize;
    private final int[] labels;    // (n) or null
    private final int classCount;
    private final float[] targets; // (n, targetSize) or null
    private final int targetSize;
    private final int n;

    /** A classification dataset. */
    public static ArrayDataset classification(float[] inputs, int inputSize, int[] labels, int classCount) {
        return new ArrayDataset(inputs, inputSize, labels, classCount, null, 0);
    }

    /** A regression dataset. */
    public static ArrayDataset regression(float[] inputs, int inputSize, float[] targets, int targetSize) {
        return new ArrayDataset(inputs, inputSize, null, 0, targets, targetSize);
    }

    /**
     * @param labels  (n) or null; then classCount must be 0
     * @param targets (n, targetSize) or null; then targetSize must be 0
     */
    public ArrayDataset(float[] inputs, int inputSize, int[] labels, int classCount, float[] targets, int targetSize) {
        if (inputs == null) {
            throw new NullPointerException("dataset inputs are null");
        }
        if (inputSize < 1) {
            throw new IllegalArgumentException("dataset inputSize must be >= 1, was " + inputSize);
        }
        if (inputs.length % inputSize != 0) {
            throw new IllegalArgumentException("dataset inputs have length " + inputs.length
                    + ", not a multiple of inputSize " + inputSize);
        }
        this.n = inputs.length / inputSize;
        if (n == 0) {
            throw new IllegalArgumentException("dataset is empty");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (!Float.isFinite(inputs[i])) {
                throw new IllegalArgumentException("dataset input[sample " + i / inputSize + ", " + i % inputSize
                        + "] is " + inputs[i] + "; inputs must be finite");
            }
        }
        if ((labels == null) != (classCount == 0)) {
            throw new IllegalArgumentException("dataset: give labels together with classCount > 0 (labels "
                    + (labels == null ? "null" : "present") + ", classCount " + classCount + ")");
        }
        if (labels != null) {
            if (classCount < 1) {
                throw new IllegalArgumentException("dataset classCount must be >= 1, was " + classCount);
            }
            if (labels.length != n) {
                throw new IllegalArgumentException("dataset has " + n + " inputs but " + labels.length + " labels");
            }
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= classCount) {
                    throw new IllegalArgumentException("dataset label[" + i + "] = " + labels[i] + " is outside [0, "
                            + classCount + ")");
                }
            }
        }
        if ((targets == null) != (targetSize == 0)) {
            throw new IllegalArgumentException("dataset: give targets together with targetSize > 0");
        }
        if (targets != null) {
            if (targetSize < 1 || targets.length != (long) n * targetSize) {
                throw new IllegalArgumentException("dataset targets have length " + targets.length + ", expected " + n
                        + " x " + targetSize);
            }
            for (int i = 0; i < targets.length; i++) {
                if (!Float.isFinite(targets[i])) {
                    throw new IllegalArgumentException("dataset target[sample " + i / targetSize + ", "
                            + i % targetSize + "] is " + targets[i]);
                }
            }
        }
        if (labels == null && targets == null) {
            throw new IllegalArgumentException("dataset needs labels or targets");
        }
        this.inputs = inputs;
        this.inputSize = inputSize;
        this.labels = labels;
        this.classCount = classCount;
        this.targets = targets;
        this.targetSize = targetSize;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int classCount() {
        return classCount;
    }

    @Override
    public int targetSize() {
        return targetSize;
    }

    @Override
    public void input(int index, float[] x, int xOff) {
        System.arraycopy(inputs, index * inputSize, x, xOff, inputSize);
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public void target(int index, float[] t, int tOff) {
        System.arraycopy(targets, index * targetSize, t, tOff, targetSize);
    }

    /** The inputs, (size, inputSize) row-major; not a copy. */
    public float[] inputs() {
        return inputs;
    }

    /** The labels, or null; not a copy. */
    public int[] labels() {
        return labels;
    }

    /** The samples at the given indices, in that order (copied). */
    public ArrayDataset select(int[] indices) {
        float[] nx = new float[indices.length * inputSize];
        int[] ny = labels == null ? null : new int[indices.length];
        float[] nt = targets == null ? null : new float[indices.length * targetSize];
        for (int i = 0; i < indices.length; i++) {
            int j = indices[i];
            if (j < 0 || j >= n) {
                throw new IndexOutOfBoundsException("sample index " + j + " outside [0, " + n + ")");
            }
            System.arraycopy(inputs, j * inputSize, nx, i * inputSize, inputSize);
            if (ny != null) {
                ny[i] = labels[j];
            }
            if (nt != null) {
                System.arraycopy(targets, j * targetSize, nt, i * targetSize, targetSize);
            }
        }
        return new ArrayDataset(nx, inputSize, ny, classCount, nt, targetSize);
    }

    /** The first {@code count} samples (copied). */
    public ArrayDataset head(int count) {
        if (count < 1 || count > n) {
            throw new IllegalArgumentException("cannot take " + count + " of " + n + " samples");
        }
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = i;
        }
        return select(idx);
    }
}
