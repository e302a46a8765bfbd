package org.patengine.sim;

/**
 * A differentiable map {@code y = f(x, θ)} with its vector–Jacobian product: the contract of a
 * digital model {@code f_m}, and of a simulated system's exact derivative.
 *
 * <p>Layouts as in {@link PhysicalSystem}: x (batch, in), θ (P), y (batch, out), row-major from
 * index 0. Not thread-safe.
 */
public interface DifferentiableMap {

    int inputSize();

    int outputSize();

    int parameterSize();

    /** {@code y = f(x, θ)}. */
    void forward(int batch, float[] x, float[] theta, float[] y);

    /**
     * The VJP at (x, θ): overwrites {@code gX} (batch, in) with {@code (∂f/∂x)ᵀ gY} per sample and
     * overwrites {@code gTheta} (P) with {@code Σ_batch (∂f/∂θ)ᵀ gY}. Either output may be
     * {@code null} when it is not needed. gY is (batch, out).
     */
    void vjp(int batch, float[] x, float[] theta, float[] gY, float[] gX, float[] gTheta);
}
