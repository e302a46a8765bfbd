package org.patengine.engine.layer;

/**
 * An elementwise nonlinearity {@code y_i = σ(x_i)} ({@link Activation}), no parameters.
 * Backward: {@code g_x_i = σ'(x_i)·g_y_i}, at the saved input.
 */
public final class ActivationLayer extends ParameterFreeLayer {
    private final Activation activation;

    public ActivationLayer(int n, Activation activation) {
        super(activation.id() + "(" + n + ")", n, n);
        this.activation = activation;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    protected void doForward(ForwardPass pass, int batch, float[] x, float[] y) {
        int n = batch * inputSize();
        for (int i = 0; i < n; i++) {
            y[i] = activation.apply(x[i]);
        }
    }

    @Override
    protected void doBackward(BackwardPass pass, int batch, float[] x, float[] gY, float[] gX, boolean parameterGradients) {
        if (gX == null) {
            return;
        }
        int n = batch * inputSize();
        for (int i = 0; i < n; i++) {
            gX[i] = activation.derivative(x[i]) * gY[i];
        }
    }
}
