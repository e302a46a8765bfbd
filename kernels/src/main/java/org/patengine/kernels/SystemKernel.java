package org.patengine.kernels;

import java.util.Objects;

/**
 * A physical system's batched forward map and its vector–Jacobian product on one backend: the
 * contract every kernel family (oscillators, next SHG optics) implements once per backend.
 *
 * <p>For each sample b of a batch, with parameters P:
 * <pre>
 *   y_b = f(x_b; P)                         x (batch, inputSize) → y (batch, outputSize)
 *   aux_b = f_aux(x_b; P)                   optional second output (batch, auxSize), e.g. q̇(T)
 *   gX_b = (∂y_b/∂x_b)ᵀ gY_b + (∂aux_b/∂x_b)ᵀ gAux_b,   G = Σ_b (∂(y_b, aux_b)/∂P)ᵀ (gY_b, gAux_b)
 * </pre>
 * A family without a second output has {@code auxSize = 0}; then aux and gAux must be null.
 *
 * <p>Checked once: the {@code final} entries {@link #forward} and {@link #vjp} validate every
 * argument here (batch range, array lengths, the parameters' shape and finiteness through
 * {@link #checkParams}, finiteness of x and of the cotangents, then the family's
 * {@link #checkInputs} hook) and only then call {@link #doForward} / {@link #doVjp}, which may
 * assume valid arguments. The per-call checks are O(batch·size + parameters' vectors); anything
 * quadratic (e.g. a symmetry check of a coupling matrix) belongs where the parameters are built.
 *
 * <p>Buffers are caller-provided, row-major from index 0. An instance owns its workspace, sized
 * once for {@link #maxBatch()}: calls with any {@code batch ≤ maxBatch} allocate nothing. Not
 * thread-safe (one call at a time); an implementation may use several threads inside a call.
 * {@link #close()} releases native resources (a no-op unless a backend overrides it).
 *
 * @param <P> the parameters of the system (read only by the kernel)
 * @param <G> the holder of the parameter gradients (overwritten by {@link #vjp})
 */
public abstract class SystemKernel<P, G> implements AutoCloseable {
    private final int maxBatch;
    private final int inputSize;
    private final int outputSize;
    private final int auxSize;
    private final String outputName;
    private final String auxName;
    private final String gOutputName;
    private final String gAuxName;

    /**
     * @param maxBatch   the largest batch a call may pass (≥ 1)
     * @param inputSize  the width of x
     * @param outputSize the width of y
     * @param auxSize    the width of the optional second output; 0 when there is none
     * @param outputName names y in error messages (its cotangent is "g" + the capitalised name)
     * @param auxName    names the second output in error messages (ignored when auxSize is 0)
     * @throws IllegalArgumentException for maxBatch &lt; 1 or a negative size
     */
    protected SystemKernel(int maxBatch, int inputSize, int outputSize, int auxSize, String outputName,
                           String auxName) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        if (inputSize < 0 || outputSize < 0 || auxSize < 0) {
            throw new IllegalArgumentException("sizes must be >= 0: input " + inputSize + ", output " + outputSize
                    + ", aux " + auxSize);
        }
        this.maxBatch = maxBatch;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.auxSize = auxSize;
        this.outputName = Objects.requireNonNull(outputName, "outputName");
        this.auxName = auxName == null ? "aux" : auxName;
        this.gOutputName = cotangentName(this.outputName);
        this.gAuxName = cotangentName(this.auxName);
    }

    private static String cotangentName(String name) {
        return name.isEmpty() ? "g" : "g" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** The backend this kernel runs on. */
    public abstract BackendKind kind();

    /** The largest batch a call may pass. */
    public final int maxBatch() {
        return maxBatch;
    }

    /** The width of x. */
    public final int inputSize() {
        return inputSize;
    }

    /** The width of y. */
    public final int outputSize() {
        return outputSize;
    }

    /** The width of the optional second output (0: none). */
    public final int auxSize() {
        return auxSize;
    }

    /**
     * Runs the system: y ← f(x; P), and aux ← f_aux(x; P) when {@code aux} is not null.
     *
     * @throws IllegalArgumentException for a wrong batch, short arrays, non-finite x or parameters
     *                                  (the message names the argument and value)
     * @throws NullPointerException     for a null params, x or y
     * @throws ArithmeticException      when the implementation finds its state non-finite (diverged)
     */
    public final void forward(int batch, P params, float[] x, float[] y, float[] aux) {
        checkCall(batch, params, x, y, aux);
        doForward(batch, params, x, y, aux);
    }

    /**
     * The VJP at (x, P) for the cotangents gY (required) and gAux (null means zero): overwrites
     * {@code gX} (batch, inputSize) and every array of {@code grads} (summed over the batch). Either
     * may be null when not needed (a null grads skips the parameter products). The forward outputs of
     * the same run go to {@code y} and {@code aux} when they are not null, so a training step needs no
     * separate forward call. Same exceptions as {@link #forward}, plus non-finite gY / gAux.
     */
    public final void vjp(int batch, P params, float[] x, float[] gY, float[] gAux, float[] gX, G grads,
                          float[] y, float[] aux) {
        checkCall(batch, params, x, y, aux);
        checkLength(gOutputName, gY, batch, outputSize, false);
        checkAux(gAuxName, gAux, batch);
        checkLength("gX", gX, batch, inputSize, true);
        checkFinite(gOutputName, gY, batch, outputSize);
        checkFinite(gAuxName, gAux, batch, auxSize);
        doVjp(batch, params, x, gY, gAux, gX, grads, y, aux);
    }

    private void checkCall(int batch, P params, float[] x, float[] y, float[] aux) {
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch = " + batch + ": expected 1.." + maxBatch
                    + " (the kernel's maxBatch)");
        }
        if (params == null) {
            throw new NullPointerException("params is null");
        }
        checkParams(params);
        checkLength("x", x, batch, inputSize, false);
        checkLength(outputName, y, batch, outputSize, true);
        checkAux(auxName, aux, batch);
        checkFinite("x", x, batch, inputSize);
        checkInputs(batch, params, x);
    }

    private void checkAux(String name, float[] a, int batch) {
        if (auxSize == 0 && a != null) {
            throw new IllegalArgumentException(name + " must be null: this kernel has no second output");
        }
        checkLength(name, a, batch, auxSize, true);
    }

    /**
     * Checks that the parameters fit this kernel (their shape) and are finite; throws
     * {@link IllegalArgumentException} naming the first offending value. Called on every call, so
     * it must stay linear in the parameters' vectors.
     */
    protected abstract void checkParams(P params);

    /**
     * A family's extra check of x once it is known to be finite and long enough (e.g. the
     * oscillators' initial phase); does nothing by default.
     */
    protected void checkInputs(int batch, P params, float[] x) {
    }

    /** {@link #forward} after the checks. */
    protected abstract void doForward(int batch, P params, float[] x, float[] y, float[] aux);

    /** {@link #vjp} after the checks. */
    protected abstract void doVjp(int batch, P params, float[] x, float[] gY, float[] gAux, float[] gX, G grads,
                                  float[] y, float[] aux);

    /** Releases native resources; a no-op unless a backend overrides it. */
    @Override
    public void close() {
    }

    /** Checks that {@code a} holds a (batch, width) block; a null array is allowed when optional. */
    private static void checkLength(String name, float[] a, int batch, int width, boolean optional) {
        if (a == null) {
            if (optional) {
                return;
            }
            throw new NullPointerException(name + " is null");
        }
        long need = (long) batch * width;
        if (a.length < need) {
            throw new IllegalArgumentException(name + " has length " + a.length + ": expected at least batch·width = "
                    + batch + "·" + width + " = " + need);
        }
    }

    /** Throws naming {@code name[b, i]} for the first non-finite value of a (batch, width) block. */
    private static void checkFinite(String name, float[] a, int batch, int width) {
        if (a == null) {
            return;
        }
        int len = batch * width;
        for (int idx = 0; idx < len; idx++) {
            if (!Float.isFinite(a[idx])) {
                throw new IllegalArgumentException(name + "[" + idx / width + ", " + idx % width + "] = " + a[idx]
                        + ": expected a finite value");
            }
        }
    }
}
