package org.patengine.engine.layer;

import java.util.List;

import org.patengine.sim.Rng;
import org.patengine.sim.Stateful;

/**
 * One stage {@code y = f(x, θ)} of a network, run on a batch with every buffer passed in.
 *
 * <p>Parameters live in the network's flat arrays: after {@link #bind}, this layer's θ is
 * {@code params[offset, offset + parameterSize())} and its gradient the same range of
 * {@code grads}, so an optimizer can walk all parameters in one loop. Layouts: x is
 * (batch, {@link #inputSize()}) and y is (batch, {@link #outputSize()}), row-major from index 0.
 *
 * <p>{@link #forward} remembers the input array it was given (not a copy): the caller keeps it
 * unchanged until {@link #backward}. For a physical layer this is the input actually applied to
 * the system, the point at which PAT evaluates the digital model's VJP.
 *
 * <p>Workspaces are sized once by {@link #allocate}; afterwards forward and backward allocate
 * nothing. Not thread-safe.
 */
public abstract class Layer {
    private final String name;
    private final int inputSize;
    private final int outputSize;

    /** The network's flat parameter array, (P_total); this layer's block starts at {@link #offset}. */
    protected float[] params;
    /** The network's flat gradient array, same layout as {@link #params}. */
    protected float[] grads;
    /** Where this layer's block starts in {@link #params} and {@link #grads}. */
    protected int offset = -1;

    private int maxBatch;
    private float[] savedX;
    private int savedBatch;

    protected Layer(String name, int inputSize, int outputSize) {
        if (inputSize < 1) {
            throw new IllegalArgumentException(name + ": input size must be >= 1, was " + inputSize);
        }
        if (outputSize < 1) {
            throw new IllegalArgumentException(name + ": output size must be >= 1, was " + outputSize);
        }
        this.name = name;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
    }

    /** A short description, e.g. {@code "affine(196 -> 10)"}. */
    public String name() {
        return name;
    }

    public final int inputSize() {
        return inputSize;
    }

    public final int outputSize() {
        return outputSize;
    }

    /** Number of parameters of this layer (0 for a parameter-free layer). */
    public abstract int parameterSize();

    /** The smallest allowed value of parameter {@code i} of this layer; digital layers: -∞. */
    public float parameterLower(int i) {
        return Float.NEGATIVE_INFINITY;
    }

    /** The largest allowed value of parameter {@code i} of this layer; digital layers: +∞. */
    public float parameterUpper(int i) {
        return Float.POSITIVE_INFINITY;
    }

    /** Whether the parameters drive physical hardware (frozen in the reservoir mode). */
    public boolean isPhysical() {
        return false;
    }

    /**
     * The parts of this layer whose state evolves and must be checkpointed (a physical system's
     * noise and drift, a learned twin's weights), in a fixed order; the default has none. The
     * network collects them once, when it is built, layer by layer.
     */
    public List<Stateful> statefulParts() {
        return List.of();
    }

    /**
     * The term this layer's last {@link #forward} adds to the training loss (mean over its batch),
     * e.g. a {@link DeviceInputBox}'s soft penalty; 0 for most layers. Its gradient is part of the
     * layer's {@link #backward}: g_x gets ∂(term)/∂x on top of the gradient from g_y.
     */
    public double penalty() {
        return 0;
    }

    /** Writes this layer's initial parameters into {@code values[offset, offset + parameterSize())}. */
    public abstract void initialize(float[] values, int offset, Rng rng);

    /** Points this layer at its block of the network's flat parameter and gradient arrays. */
    public final void bind(float[] values, float[] gradients, int offset) {
        int p = parameterSize();
        if (values == null || gradients == null) {
            throw new NullPointerException(name + ": parameter and gradient arrays must not be null");
        }
        if (offset < 0 || (long) offset + p > values.length || (long) offset + p > gradients.length) {
            throw new IndexOutOfBoundsException(name + ": block [" + offset + ", " + ((long) offset + p)
                    + ") does not fit arrays of length " + values.length + " and " + gradients.length);
        }
        this.params = values;
        this.grads = gradients;
        this.offset = offset;
    }

    /** Sizes this layer's workspaces for batches of up to {@code maxBatch} samples. */
    public final void allocate(int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException(name + ": maxBatch must be >= 1, was " + maxBatch);
        }
        allocateWorkspaces(maxBatch);
        this.maxBatch = maxBatch;
    }

    /** The batch size the workspaces were sized for (0 before {@link #allocate}). */
    public final int maxBatch() {
        return maxBatch;
    }

    /** Sizes workspaces; the default has none. */
    protected void allocateWorkspaces(int maxBatch) {
    }

    /**
     * Runs the layer: overwrites {@code y} (batch, out) and remembers {@code x} (batch, in) for
     * {@link #backward}.
     */
    public final void forward(ForwardPass pass, int batch, float[] x, float[] y) {
        if (offset < 0) {
            throw new IllegalStateException(name + ": not bound to a parameter array (build it into a Network)");
        }
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException(name + ": batch " + batch + " is outside [1, " + maxBatch
                    + "] (the size the workspaces were allocated for)");
        }
        checkLength("input x", x, batch, inputSize);
        checkLength("output y", y, batch, outputSize);
        if (x == y) {
            throw new IllegalArgumentException(name + ": x and y must be different arrays");
        }
        savedX = x;
        savedBatch = batch;
        doForward(pass, batch, x, y);
    }

    /**
     * Backpropagates {@code gY} (batch, out) through the last {@link #forward}: overwrites
     * {@code gX} (batch, in) with ∂L/∂x when it is not null, and overwrites this layer's gradient
     * block with {@code Σ_batch ∂L/∂θ} when {@code parameterGradients} is true, else with zeros.
     */
    public final void backward(BackwardPass pass, int batch, float[] gY, float[] gX, boolean parameterGradients) {
        if (savedX == null) {
            throw new IllegalStateException(name + ": backward called before forward");
        }
        if (batch != savedBatch) {
            throw new IllegalArgumentException(name + ": backward batch " + batch
                    + " differs from the forward batch " + savedBatch);
        }
        checkLength("gradient gY", gY, batch, outputSize);
        if (gX != null) {
            checkLength("gradient gX", gX, batch, inputSize);
        }
        if (!parameterGradients) {
            java.util.Arrays.fill(grads, offset, offset + parameterSize(), 0f);
        }
        doBackward(pass, batch, savedX, gY, gX, parameterGradients);
    }

    /** Forward on checked arguments. */
    protected abstract void doForward(ForwardPass pass, int batch, float[] x, float[] y);

    /**
     * Backward on checked arguments; {@code x} is the saved input. Must overwrite gX when non-null
     * and the gradient block when {@code parameterGradients}.
     */
    protected abstract void doBackward(BackwardPass pass, int batch, float[] x, float[] gY, float[] gX,
                                       boolean parameterGradients);

    private void checkLength(String what, float[] a, int batch, int width) {
        if (a == null) {
            throw new NullPointerException(name + ": " + what + " is null");
        }
        long need = (long) batch * width;
        if (a.length < need) {
            throw new IllegalArgumentException(name + ": " + what + " has length " + a.length + ", expected at least "
                    + need + " = batch " + batch + " x " + width);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
