package org.patengine.engine.layer;

import org.patengine.sim.Rng;
import org.patengine.kernels.ComputeBackend;

/**
 * A trainable digital affine layer {@code y = x·W + b}.
 *
 * <p>θ = (W, b): W (in, out) row-major at the block's start, then b (out). Backward:
 * {@code g_W = xᵀ·g_y}, {@code g_b = Σ_batch g_y}, {@code g_x = g_y·Wᵀ}, three
 * {@link ComputeBackend} operations with no copies.
 *
 * <p>Default initialisation (as PyTorch's {@code nn.Linear}): W and b uniform in
 * {@code ±1/√in}.
 */
public final class AffineLayer extends Layer {
    private final ComputeBackend backend;
    private final ParameterInit weightInit;
    private final ParameterInit biasInit;

    /** An affine layer with the default initialisation. */
    public AffineLayer(ComputeBackend backend, int in, int out) {
        this(backend, in, out, null, null);
    }

    /** An affine layer with the given initialisations (null = default). */
    public AffineLayer(ComputeBackend backend, int in, int out, ParameterInit weightInit, ParameterInit biasInit) {
        super("affine(" + in + " -> " + out + ")", in, out);
        if (backend == null) {
            throw new NullPointerException("affine layer: backend is null");
        }
        this.backend = backend;
        float bound = (float) (1 / Math.sqrt(in));
        this.weightInit = weightInit != null ? weightInit : ParameterInit.uniform(-bound, bound);
        this.biasInit = biasInit != null ? biasInit : ParameterInit.uniform(-bound, bound);
    }

    @Override
    public int parameterSize() {
        return inputSize() * outputSize() + outputSize();
    }

    @Override
    public void initialize(float[] values, int offset, Rng rng) {
        weightInit.fill(values, offset, inputSize() * outputSize(), rng);
        biasInit.fill(values, offset + inputSize() * outputSize(), outputSize(), rng);
    }

    @Override
    protected void doForward(ForwardPass pass, int batch, float[] x, float[] y) {
        int in = inputSize();
        int out = outputSize();
        int bOff = offset + in * out;
        // y = x·W, then each row += b
        backend.gemm(false, false, batch, out, in, 1f, x, 0, in, params, offset, out, 0f, y, 0, out);
        for (int s = 0; s < batch; s++) {
            backend.axpy(out, 1f, params, bOff, y, s * out);
        }
    }

    @Override
    protected void doBackward(BackwardPass pass, int batch, float[] x, float[] gY, float[] gX,
                              boolean parameterGradients) {
        int in = inputSize();
        int out = outputSize();
        if (parameterGradients) {
            backend.gemm(true, false, in, out, batch, 1f, x, 0, in, gY, 0, out, 0f, grads, offset, out);
            backend.columnSums(batch, out, gY, 0, out, grads, offset + in * out);
        }
        if (gX != null) {
            backend.gemm(false, true, batch, in, out, 1f, gY, 0, out, params, offset, out, 0f, gX, 0, in);
        }
    }
}
